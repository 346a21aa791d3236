"""Sample-complexity estimator: the spec's hand-computed examples (spec 001 section 4.4) and properties."""

import numpy as np
import pytest

from qrepro.stats.sample_complexity import (
    cluster_bootstrap,
    iqm,
    outperforms,
    probability_of_improvement,
    sample_complexity,
    sample_complexity_grid,
    significantly_lower,
    success_fraction,
)

EX1 = np.array([[0.50, 0.70, 0.80, 0.90, 0.95],
                [0.40, 0.80, 0.70, 0.85, 0.92],
                [0.60, 0.72, 0.74, 0.76, 0.75],
                [0.30, 0.50, 0.60, 0.70, 0.85]])


@pytest.mark.parametrize("eps, delta, inclusive, expected", [
    (0.25, 0.5, True, 6000), (0.25, 0.75, True, 6000), (0.25, 0.8, True, 8000),
    (0.25, 0.5, False, 6000), (0.25, 0.75, False, 6000), (0.25, 0.8, False, 10000),
    (0.2, 0.5, True, 6000), (0.2, 0.75, True, 8000), (0.2, 0.8, True, 10000),
    (0.2, 0.5, False, 6000), (0.2, 0.75, False, 8000), (0.2, 0.8, False, 10000),
])
def test_example1_table(eps, delta, inclusive, expected):
    assert sample_complexity(EX1, eps, delta, 2000, inclusive) == expected


def test_example1_success_fractions():
    np.testing.assert_allclose(success_fraction(EX1, 0.25), [0, .25, .25, .75, 1.0])
    np.testing.assert_allclose(success_fraction(EX1, 0.25, inclusive=False), [0, .25, .25, .75, .75])
    np.testing.assert_allclose(success_fraction(EX1, 0.2, inclusive=False), [0, 0, 0, .5, .75])


def test_example2_counts_epochs_not_first_passage():
    V = np.array([[0.50, 0.80, 0.60, 0.90], [0.60, 0.90, 0.70, 0.95]])
    assert sample_complexity(V, 0.25, 0.75) == 4000


def test_example3_exhaustive_bootstrap():
    V = EX1[:3]
    S, lo, hi = cluster_bootstrap(V, [0.25], [0.75], exhaustive=True)
    assert (S[0, 0], lo[0, 0], hi[0, 0]) == (6000, 4600, 6000)
    S, lo, hi = cluster_bootstrap(V, [0.25], [0.5], exhaustive=True)
    assert (S[0, 0], lo[0, 0], hi[0, 0]) == (6000, 4000, 6000)


def test_example3_monte_carlo_frequencies():
    V = EX1[:3]
    rng = np.random.default_rng(7)
    idx = rng.integers(0, 3, size=(20000, 3))
    s = np.array([sample_complexity(V[i], 0.25, 0.75) for i in idx])
    assert abs((s == 4000).mean() - 2 / 27) < 0.01


def test_examples4_and_5_significance_and_outperformance():
    assert significantly_lower((40e3, 36e3, 46e3), (60e3, 52e3, 70e3))
    assert not significantly_lower((40e3, 36e3, 46e3), (60e3, 44e3, 70e3))
    S = np.zeros(6)
    a = (S, np.array([10, 10, 30, 30, 30, 30.]), np.array([20, 20, 50, 50, 50, 50.]))
    b = (S, np.array([25, 25, 30, 30, 30, 30.]), np.array([40, 40, 50, 50, 50, 50.]))
    assert outperforms(a, b) and not outperforms(b, a)
    b_wins_once = (S, b[1], b[2].copy())
    b_wins_once[2][5], b_wins_once[1][5] = 25.0, 20.0
    a[1][5] = 26.0
    assert not outperforms(a, b_wins_once) and not outperforms(b_wins_once, a)


def test_degenerate_cases():
    same = np.tile(EX1[0], (5, 1))
    S, lo, hi = cluster_bootstrap(same, [0.25, 0.1], [0.5, 1.0], n_resamples=200)
    assert (lo == S).all() and (hi == S).all()
    assert (sample_complexity_grid(np.ones((3, 4)), [0, 0.1], [0.5, 1.0]) == 0).all()
    assert sample_complexity(np.zeros((3, 4)), 0.1, 0.5) == 8000
    # delta = 1, inclusive: count epochs where at least one run is below threshold
    assert sample_complexity(EX1, 0.25, 1.0) == 2000 * int(np.sum((EX1 < 0.75).any(axis=0)))


def test_monotone_in_eps_and_delta_and_permutation_invariant():
    V = np.random.default_rng(0).uniform(size=(8, 30)).cumsum(axis=1) / 30
    g = sample_complexity_grid(V, [0.05, 0.1, 0.3], [0.25, 0.5, 1.0])
    assert (np.diff(g, axis=0) <= 0).all() and (np.diff(g, axis=1) >= 0).all()
    assert (sample_complexity_grid(V[::-1], [0.05, 0.1, 0.3], [0.25, 0.5, 1.0]) == g).all()


def test_bad_inputs():
    with pytest.raises(ValueError, match="delta"):
        sample_complexity(EX1, 0.1, 0.0)
    with pytest.raises(ValueError, match="matrix"):
        sample_complexity(np.ones(5), 0.1, 0.5)
    with pytest.raises(ValueError, match="exhaustive"):
        cluster_bootstrap(np.ones((7, 2)), [0.1], [0.5], exhaustive=True)


def test_iqm_and_probability_of_improvement():
    assert iqm([0, 1, 2, 3, 4, 5, 6, 100]) == pytest.approx(3.5)   # middle four: 2, 3, 4, 5
    assert probability_of_improvement([2, 3], [1, 2]) == pytest.approx((1 + 0.5 + 1 + 1) / 4)


def test_tables_with_a_single_model_have_no_pairs():
    from qrepro.stats.curves import sample_complexity_tables

    sc, pairs = sample_complexity_tables({"A": EX1}, "x", [0.25], [0.75], 2000, 50, 5, 0)
    assert len(sc) == 1 and sc.S.iloc[0] == 6000 and pairs.empty and "outperforms" in pairs.columns


def test_estimator_bias_matches_theorem_b3():
    """H15 / Fig. 16: P(P_hat < delta) for N runs with V ~ U(0, 1): Monte Carlo = exact binomial (to sampling
    error), and the normal approximation Phi((delta - P) sqrt(N) / sigma) is close away from P in {0, 1}."""
    from qrepro.stats.sample_complexity import (
        indicator_probability,
        indicator_probability_clt,
        indicator_probability_exact,
    )

    # by hand: N = 4, delta = 0.5 -> P(K < 2) = (1 + 4) / 16 at P = 1/2; K < 2.4 means K <= 2 at delta = 0.6
    assert indicator_probability_exact([0.5], 0.5, 4)[0] == pytest.approx(5 / 16)
    assert indicator_probability_exact([0.5], 0.6, 4)[0] == pytest.approx(11 / 16)
    assert indicator_probability_clt([0.0, 0.5, 1.0], 0.5, 100).tolist() == [1.0, 0.5, 0.0]
    P = np.array([0.0, 0.3, 0.45, 0.5, 0.55, 0.7, 1.0])
    mc = indicator_probability(P, [0.5, 0.75], 100, 4000, seed=0)
    for row, d in zip(mc, (0.5, 0.75)):
        np.testing.assert_allclose(row, indicator_probability_exact(P, d, 100), atol=0.03)
        assert np.abs(row - indicator_probability_clt(P, d, 100)).max() < 0.08
    assert mc[0, 0] == 1.0 and mc[0, -1] == 0.0                  # P = 0: never reached; P = 1: always


def test_estimator_bias_claim_by_hand():
    import pandas as pd

    from qrepro.papers.qrlbench.claims import bias_claim

    t = pd.DataFrame({"delta": 0.5, "p_true": [0.0, 0.3, 0.5, 0.7, 1.0], "monte_carlo": [1.0, 0.99, 0.46, 0.01, 0.0],
                      "exact": [1.0, 0.99, 0.46, 0.01, 0.0], "clt": [1.0, 1.0, 0.5, 0.0, 0.0], "n_runs": 100,
                      "reps": 10})
    row = bias_claim(t).iloc[0]
    assert row.verdict == "holds" and "delta 0.5: 0.040" in row.ours
    assert bias_claim(t.assign(clt=[1.0, 1.0, 0.4, 0.0, 0.0])).iloc[0].verdict == "partly"    # 0.06 off
    assert bias_claim(t.assign(clt=[1.0, 0.8, 0.5, 0.0, 0.0])).iloc[0].verdict == "fails"     # 0.19 off
