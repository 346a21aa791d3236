"""Episode-level attack detection metrics (CQDT Table 11): DR / FPR at a validation-calibrated threshold, AUC,
MCC, accuracy, with percentile-bootstrap CIs over test episodes."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import matthews_corrcoef, roc_auc_score


def calibrate(scores_val: np.ndarray, y_val: np.ndarray, max_fpr: float = 0.05) -> float:
    """Lowest threshold whose validation FPR is <= max_fpr (positive = score > threshold)."""
    neg = np.sort(np.asarray(scores_val)[np.asarray(y_val) == 0])[::-1]
    if len(neg) == 0:
        raise ValueError("detection: the validation split has no negative (no-attack) episodes")
    allowed = int(np.floor(max_fpr * len(neg)))
    return float(neg[allowed]) if allowed < len(neg) else -np.inf


def binary_metrics(scores: np.ndarray, y: np.ndarray, threshold: float) -> dict:
    scores, y = np.asarray(scores, float), np.asarray(y, int)
    pred = scores > threshold
    pos, neg = y == 1, y == 0
    return {"DR": float(pred[pos].mean()) if pos.any() else np.nan,
            "FPR": float(pred[neg].mean()) if neg.any() else np.nan,
            "AUC": float(roc_auc_score(y, scores)) if pos.any() and neg.any() else np.nan,
            "MCC": float(matthews_corrcoef(y, pred)), "ACC": float((pred == y).mean())}


def with_ci(scores: np.ndarray, y: np.ndarray, threshold: float, resamples: int, rng: np.random.Generator,
            level: float = 0.95) -> dict:
    """Point metrics plus percentile bootstrap CIs (episode resampling; resamples missing a class are skipped)."""
    point = binary_metrics(scores, y, threshold)
    draws = {k: [] for k in point}
    n = len(y)
    for _ in range(resamples):
        idx = rng.integers(0, n, n)
        if len(set(np.asarray(y)[idx])) < 2:
            continue
        for k, v in binary_metrics(np.asarray(scores)[idx], np.asarray(y)[idx], threshold).items():
            draws[k].append(v)
    lo, hi = (1 - level) / 2, 1 - (1 - level) / 2
    out = dict(point)
    for k, v in draws.items():
        out[f"{k}_lo"], out[f"{k}_hi"] = (np.nanquantile(v, lo), np.nanquantile(v, hi)) if v else (np.nan, np.nan)
    return out
