"""Confidence intervals of a mean over seeds and of a difference of two (the papers report single runs; we report
seed spread). From :data:`T_BELOW` runs up a percentile bootstrap; below it Student's t, since a percentile
bootstrap over a handful of runs spans little more than their range (over 3 seeds: the smallest and largest
value) and under-covers. Each interval says which it is and over how many runs (``how``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

T_BELOW = 10      # runs: below this a t-interval, from it a percentile bootstrap


def bootstrap_ci(values, ci: float = 0.95, n_resamples: int = 10_000, seed: int = 0) -> tuple[float, float, float]:
    """(mean, lo, hi) of the mean of ``values``; NaNs are dropped; one value gives a zero-width interval."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) == 0:
        return float("nan"), float("nan"), float("nan")
    if not 0 < ci < 1:
        raise ValueError(f"ci must lie in (0, 1), got {ci}")
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, len(x), size=(n_resamples, len(x)))].mean(axis=1)
    alpha = (1 - ci) / 2
    lo, hi = np.quantile(means, [alpha, 1 - alpha])
    return float(x.mean()), float(lo), float(hi)


def summarise(df: pd.DataFrame, by: list[str], metrics: list[str], ci: float, n_resamples: int,
              seed: int) -> pd.DataFrame:
    """Long table ``by + [metric, mean, ci_lo, ci_hi, n]`` with one CI per group and metric (:func:`mean_ci`)."""
    rows = []
    for key, g in df.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        for m in metrics:
            mean, lo, hi, _ = mean_ci(g[m].to_numpy(float), ci, n_resamples, seed)
            rows.append({**dict(zip(by, key)), "metric": m, "mean": mean, "ci_lo": lo, "ci_hi": hi,
                         "n": int(g[m].notna().sum())})
    return pd.DataFrame(rows)


def _t_interval(x: np.ndarray, ci: float) -> tuple[float, float]:
    half = stats.t.ppf((1 + ci) / 2, len(x) - 1) * x.std(ddof=1) / np.sqrt(len(x))
    return float(x.mean() - half), float(x.mean() + half)


def mean_ci(values, ci: float = 0.95, n_resamples: int = 10_000, seed: int = 0) -> tuple[float, float, float, str]:
    """(mean, lo, hi, how) of the mean of ``values`` (NaNs dropped): Student's t below :data:`T_BELOW` values, a
    percentile bootstrap from there; ``how`` names the method and n. Fewer than 2 values give no interval (NaN)."""
    x = np.asarray(values, dtype=float)
    x = x[~np.isnan(x)]
    if len(x) < 2:
        return (float(x.mean()) if len(x) else float("nan")), float("nan"), float("nan"), f"n = {len(x)}: no interval"
    if len(x) < T_BELOW:
        return (float(x.mean()), *_t_interval(x, ci), f"t, n = {len(x)}")
    return (*bootstrap_ci(x, ci, n_resamples, seed), f"bootstrap, n = {len(x)}")


def difference_ci(q: pd.Series, c: pd.Series, ci: float = 0.95, n_resamples: int = 10_000,
                  seed: int = 0) -> tuple[float, float, float, str]:
    """(effect, lo, hi, how) of mean(q) - mean(c). Paired by index (seed) when both hold the same index: the
    interval of the mean per-seed difference (:func:`mean_ci`). Else independent: Welch's t-interval when either
    side has fewer than :data:`T_BELOW` runs, a percentile bootstrap of the difference of means from there."""
    q, c = q.dropna().astype(float), c.dropna().astype(float)
    if q.index.equals(c.index) and len(q) > 1:
        effect, lo, hi, how = mean_ci((q - c).to_numpy(), ci, n_resamples, seed)
        return effect, lo, hi, f"paired {how}"
    nq, nc = len(q), len(c)
    effect = float(q.mean() - c.mean()) if nq and nc else float("nan")
    if nq < 2 or nc < 2:
        return effect, float("nan"), float("nan"), f"n = {nq} vs {nc}: no interval"
    if min(nq, nc) < T_BELOW:
        vq, vc = q.var(ddof=1) / nq, c.var(ddof=1) / nc
        se = np.sqrt(vq + vc)
        dof = (vq + vc) ** 2 / (vq ** 2 / (nq - 1) + vc ** 2 / (nc - 1)) if se > 0 else nq + nc - 2
        half = stats.t.ppf((1 + ci) / 2, dof) * se
        return effect, effect - half, effect + half, f"Welch t, n = {nq} vs {nc}"
    rng = np.random.default_rng(seed)
    diffs = (q.to_numpy()[rng.integers(0, nq, (n_resamples, nq))].mean(axis=1)
             - c.to_numpy()[rng.integers(0, nc, (n_resamples, nc))].mean(axis=1))
    lo, hi = np.quantile(diffs, [(1 - ci) / 2, (1 + ci) / 2])
    return effect, float(lo), float(hi), f"bootstrap, n = {nq} vs {nc}"
