"""Bootstrap CIs over seeds: known values, edge cases, determinism; seed summaries per group."""

import numpy as np
import pytest

from qrepro.stats import bootstrap_ci, summarise


def test_bootstrap_two_points_hand_computed():
    # resample means of {0, 1} (n=2) are 0, .5, 1 with probabilities 1/4, 1/2, 1/4:
    # the 2.5% / 97.5% quantiles are 0 and 1
    mean, lo, hi = bootstrap_ci([0.0, 1.0], ci=0.95, n_resamples=20_000, seed=1)
    assert (mean, lo, hi) == (0.5, 0.0, 1.0)
    # a 40% interval lies inside the middle atom
    assert bootstrap_ci([0.0, 1.0], ci=0.4, n_resamples=20_000, seed=1)[1:] == (0.5, 0.5)


def test_bootstrap_edge_cases_and_determinism():
    assert bootstrap_ci([0.3]) == (0.3, 0.3, 0.3)
    assert bootstrap_ci([2.0, 2.0, 2.0]) == (2.0, 2.0, 2.0)
    assert all(np.isnan(bootstrap_ci([np.nan])))
    x = np.random.default_rng(0).normal(size=8)
    assert bootstrap_ci(x, seed=3) == bootstrap_ci(x, seed=3)
    m, lo, hi = bootstrap_ci(x, seed=3)
    assert lo < m < hi
    with pytest.raises(ValueError, match="ci"):
        bootstrap_ci(x, ci=1.5)


def test_summarise_groups():
    import pandas as pd

    df = pd.DataFrame({"model": ["a", "a", "b"], "v": [1.0, 3.0, 5.0]})
    s = summarise(df, ["model"], ["v"], 0.95, 1000, 0).set_index("model")
    assert s.loc["a", "mean"] == 2.0 and s.loc["a", "n"] == 2 and np.isnan(s.loc["b", "ci_lo"])   # one run: none
    assert s.loc["a", "ci_hi"] == pytest.approx(2.0 + 12.7062 * np.sqrt(2) / np.sqrt(2), rel=1e-4)   # t, 1 dof


def test_few_runs_get_a_t_interval_and_many_a_bootstrap_each_named():
    """Below T_BELOW runs Student's t (the percentile bootstrap over 3 runs would span only their range); from
    there the percentile bootstrap; a difference is paired by seed where both sides ran the same seeds, else
    Welch's t (few runs) -- the same interval scipy gives."""
    import pandas as pd
    from scipy import stats

    from qrepro.stats import T_BELOW, difference_ci, mean_ci

    m, lo, hi, how = mean_ci([1.0, 2.0, 3.0])
    assert (m, how) == (2.0, "t, n = 3") and hi - m == pytest.approx(4.302653 / np.sqrt(3), rel=1e-6)
    assert lo == pytest.approx(2 * m - hi)
    many = np.arange(T_BELOW, dtype=float)
    assert mean_ci(many)[3] == f"bootstrap, n = {T_BELOW}" and mean_ci(many)[1:3] == bootstrap_ci(many)[1:]
    q, c = pd.Series([28.1, 30.2, 26.5]), pd.Series([31.0, 33.1, 29.9])
    paired = difference_ci(q, c)
    assert paired[3] == "paired t, n = 3" and paired[1:3] == pytest.approx(mean_ci((q - c).to_numpy())[1:3])
    welch = difference_ci(q, c.set_axis([5, 6, 7]))
    ref = stats.ttest_ind(q, c, equal_var=False).confidence_interval(0.95)
    assert welch[3] == "Welch t, n = 3 vs 3" and welch[1:3] == pytest.approx((ref.low, ref.high))
    assert difference_ci(pd.Series(many), pd.Series(many + 1).set_axis(many + 100))[3] == "bootstrap, n = 10 vs 10"
