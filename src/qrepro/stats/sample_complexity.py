"""Empirical sample complexity (Meyer et al., spec 001 section 4) and its cluster-bootstrap intervals.

S_hat(eps, delta) counts the validation epochs at which fewer than a fraction ``delta`` of the runs reach a
normalised return >= 1 - eps (a count, not a first-passage time), times the steps per epoch. Intervals
resample whole runs (clusters); a model is significantly better at a cell when its interval lies strictly
below the other's, and outperforms it when that happens somewhere on the grid and never the other way round.
"""

from __future__ import annotations

import itertools

import numpy as np


def _check(V) -> np.ndarray:
    V = np.asarray(V, dtype=float)
    if V.ndim != 2 or V.shape[0] < 1 or V.shape[1] < 1:
        raise ValueError(f"V must be a (runs, epochs) matrix, got shape {V.shape}")
    return V


def success_fraction(V, eps: float, inclusive: bool = True) -> np.ndarray:
    """P_hat_t: fraction of runs with V_t >= 1 - eps (``inclusive``, the paper) or > 1 - eps (authors' code)."""
    V = _check(V)
    hit = V >= 1 - eps if inclusive else V > 1 - eps
    return hit.mean(axis=0)  # float mean, compared with delta by '<' (no k vs delta*N rounding)


def sample_complexity(V, eps: float, delta: float, samples_per_epoch: int = 2000, inclusive: bool = True) -> int:
    """S_hat in environment steps; equals epochs * samples_per_epoch (the cap) when never reached."""
    if not 0 <= eps <= 1 or not 0 < delta <= 1:
        raise ValueError(f"need eps in [0, 1] and delta in (0, 1], got eps={eps}, delta={delta}")
    return int(np.sum(success_fraction(V, eps, inclusive) < delta)) * samples_per_epoch


def sample_complexity_grid(V, eps_list, delta_list, samples_per_epoch: int = 2000,
                           inclusive: bool = True) -> np.ndarray:
    return np.array([[sample_complexity(V, e, d, samples_per_epoch, inclusive) for d in delta_list] for e in eps_list])


def _resample_indices(n: int, n_resamples: int, rng, exhaustive: bool) -> np.ndarray:
    if exhaustive:
        if n > 6:
            raise ValueError(f"exhaustive bootstrap enumerates n^n resamples; n={n} > 6 is too many")
        return np.array(list(itertools.product(range(n), repeat=n)))
    return rng.integers(0, n, size=(n_resamples, n))


def cluster_bootstrap(V, eps_list, delta_list, samples_per_epoch: int = 2000, n_resamples: int = 1000, q: float = 5,
                      seed: int = 0, inclusive: bool = True, exhaustive: bool = False):
    """(S, lo, hi) arrays of shape (len(eps), len(delta)); runs are resampled with replacement, the same
    index sets for every cell (common random numbers); the interval is widened to contain S (authors' code)."""
    V = _check(V)
    idx = _resample_indices(V.shape[0], n_resamples, np.random.default_rng(seed), exhaustive)
    S = sample_complexity_grid(V, eps_list, delta_list, samples_per_epoch, inclusive)
    boots = np.stack([sample_complexity_grid(V[i], eps_list, delta_list, samples_per_epoch, inclusive) for i in idx])
    lo = np.minimum(np.percentile(boots, q, axis=0), S)
    hi = np.maximum(np.percentile(boots, 100 - q, axis=0), S)
    return S, lo, hi


def significantly_lower(a, b) -> bool:
    """Definition 4.2: a's (S, lo, hi) interval lies strictly below b's (touching counts as overlap)."""
    return bool(a[2] < b[1])


def outperforms(grid_a, grid_b) -> bool:
    """a outperforms b: significantly lower somewhere on the evaluated grid and never significantly higher.
    ``grid_*`` = (S, lo, hi) arrays from :func:`cluster_bootstrap` over the same grid."""
    _, lo_a, hi_a = (np.asarray(x) for x in grid_a)
    _, lo_b, hi_b = (np.asarray(x) for x in grid_b)
    return bool(np.any(hi_a < lo_b) and not np.any(hi_b < lo_a))


def iqm(values) -> float:
    """Interquartile mean (mean of the middle 50%, Agarwal et al. 2021): robust to a few failed seeds."""
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    if n == 0:
        return float("nan")
    lo, hi = int(np.floor(0.25 * n)), int(np.ceil(0.75 * n))
    return float(x[lo:hi].mean()) if hi > lo else float(x.mean())


def probability_of_improvement(x, y) -> float:
    """P(X > Y) + 0.5 P(X = Y) over all pairs of runs (Mann-Whitney U / (n m))."""
    x, y = np.asarray(x, float)[:, None], np.asarray(y, float)[None, :]
    return float(((x > y) + 0.5 * (x == y)).mean())


def indicator_probability(p_true, delta_list, n_runs: int = 100, reps: int = 10_000, seed: int = 0) -> np.ndarray:
    """Monte Carlo P(P_hat_t < delta) of Fig. 16 (shape (len(delta), len(p_true))): V^(i) ~ U(0, 1) for n_runs
    runs, success when V >= V* = 1 - P_t, ``reps`` repetitions (the same draws for every P_t and delta)."""
    V = np.random.default_rng(seed).random((reps, n_runs))
    delta = np.asarray(delta_list, float)[:, None]
    return np.stack([(success_fraction(V.T, eps=p) < delta).mean(1) for p in p_true], 1)   # V >= 1 - P_t


def indicator_probability_exact(p_true, delta, n_runs: int = 100) -> np.ndarray:
    """N P_hat_t ~ Binomial(N, P_t), so P(P_hat_t < delta) = P(K < N delta) (spec 4.1, the test oracle)."""
    from scipy.stats import binom

    k_max = np.ceil(n_runs * delta - 1e-9) - 1            # largest k with k / N < delta
    return binom.cdf(k_max, n_runs, np.asarray(p_true, float))


def indicator_probability_clt(p_true, delta, n_runs: int = 100) -> np.ndarray:
    """Theorem B.3's large-N form Phi((delta - P_t) sqrt(N) / sigma), sigma = sqrt(P_t (1 - P_t)); a step at
    P_t in {0, 1}."""
    from scipy.stats import norm

    p = np.asarray(p_true, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (delta - p) * np.sqrt(n_runs) / np.sqrt(p * (1 - p))
    return np.where((p > 0) & (p < 1), norm.cdf(z), (delta > p).astype(float))
