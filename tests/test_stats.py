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
    assert s.loc["a", "mean"] == 2.0 and s.loc["a", "n"] == 2 and s.loc["b", "ci_lo"] == 5.0
