"""Percentile bootstrap CI of a mean over seeds (the papers report single runs; we report seed spread)."""

from __future__ import annotations

import numpy as np
import pandas as pd


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
    """Long table ``by + [metric, mean, ci_lo, ci_hi, n]`` with one bootstrap CI per group and metric."""
    rows = []
    for key, g in df.groupby(by, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        for m in metrics:
            mean, lo, hi = bootstrap_ci(g[m].to_numpy(float), ci, n_resamples, seed)
            rows.append({**dict(zip(by, key)), "metric": m, "mean": mean, "ci_lo": lo, "ci_hi": hi,
                         "n": int(g[m].notna().sum())})
    return pd.DataFrame(rows)
