"""Least-squares growth fits used by the scaling claims."""

from __future__ import annotations

import numpy as np


def linear_fit(n, y) -> tuple[float, float]:
    """(R^2 of the least-squares line y ~ a + b n, max/min ratio of the per-unit cost y / n); NaN below 3 points.

    Why both: a high R^2 says the cost grows linearly; a flat per-unit cost says it grows proportionally."""
    n, y = np.asarray(n, float), np.asarray(y, float)
    if len(n) < 3:
        return np.nan, np.nan
    b, a = np.polyfit(n, y, 1)
    resid, ss_tot = y - (a + b * n), ((y - y.mean()) ** 2).sum()
    r2 = 1 - (resid ** 2).sum() / ss_tot if ss_tot > 0 else np.nan     # flat: no growth to call linear
    per = y / n
    return float(r2), float(per.max() / per.min())


def holm(p) -> np.ndarray:
    """Holm's step-down adjustment of a family of p-values (controls the family-wise error rate)."""
    p = np.asarray(p, float)
    order = np.argsort(p)
    adjusted = np.minimum(1.0, np.maximum.accumulate(p[order] * (len(p) - np.arange(len(p)))))
    out = np.empty_like(adjusted)
    out[order] = adjusted
    return out
