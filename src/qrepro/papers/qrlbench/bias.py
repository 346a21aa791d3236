"""E9 / Fig. 16: how biased the indicator 1[P_hat_t < delta] inside S_hat is, by Monte Carlo against the exact
binomial form and Theorem B.3's normal approximation (spec 001 section 4.1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ...stats.sample_complexity import indicator_probability, indicator_probability_clt, indicator_probability_exact

BIAS_SCHEMA = pa.DataFrameSchema({
    "delta": pa.Column(float, pa.Check.in_range(0, 1)), "p_true": pa.Column(float, pa.Check.in_range(0, 1)),
    "monte_carlo": pa.Column(float, pa.Check.in_range(0, 1)), "exact": pa.Column(float, pa.Check.in_range(0, 1)),
    "clt": pa.Column(float, pa.Check.in_range(0, 1)), "n_runs": pa.Column(int), "reps": pa.Column(int),
}, coerce=True, strict=True, name="qrlbench_estimator_bias")


def bias_table(deltas, n_runs: int, reps: int, points: int, seed: int) -> pd.DataFrame:
    p = np.linspace(0, 1, points)
    mc = indicator_probability(p, deltas, n_runs, reps, seed)
    rows = [pd.DataFrame({"delta": d, "p_true": p, "monte_carlo": mc[i],
                          "exact": indicator_probability_exact(p, d, n_runs),
                          "clt": indicator_probability_clt(p, d, n_runs), "n_runs": n_runs, "reps": reps})
            for i, d in enumerate(deltas)]
    return BIAS_SCHEMA.validate(pd.concat(rows, ignore_index=True))
