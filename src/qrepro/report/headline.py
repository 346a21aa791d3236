"""Each paper's ``summary.json``, its DVC metrics: the same few keys for every paper, so that ``dvc metrics show``
prints one narrow table (a row per paper) instead of one column per number. The full tables stay plain outputs
(claims.csv, summary.csv, ...)."""

from __future__ import annotations

import pandas as pd

from ..claims import VERDICTS


def headline_metrics(claims: pd.DataFrame, metric: str, quantum: float, classical: float) -> dict:
    """Verdict counts of ``claims`` and one headline comparison: ``metric`` (named with its direction) of the
    quantum model and of the best classical one, rounded to 4 significant digits."""
    counts = claims.verdict.value_counts()
    rounded = lambda v: None if pd.isna(v) else float(f"{float(v):.4g}")  # noqa: E731
    return {"claims": len(claims), **{v: int(counts.get(v, 0)) for v in VERDICTS}, "metric": metric,
            "quantum": rounded(quantum), "classical": rounded(classical)}
