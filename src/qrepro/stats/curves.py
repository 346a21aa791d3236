"""Sample-complexity tables for any RL paper's learning curves: S_hat with cluster-bootstrap intervals per
model and (eps, delta) cell, plus Definition-4.2 outperformance between every ordered pair of models and the
probability of improvement of their final-epoch values (Agarwal et al. 2021: how often a run of one beats a run of
the other at the end, which the interval test does not say)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .sample_complexity import cluster_bootstrap, probability_of_improvement

SC_SCHEMA = pa.DataFrameSchema({
    "config": pa.Column(str), "model": pa.Column(str), "eps": pa.Column(float), "delta": pa.Column(float),
    "S": pa.Column(int, pa.Check.ge(0)), "lo": pa.Column(float), "hi": pa.Column(float),
    "censored": pa.Column(bool), "n_runs": pa.Column(int, pa.Check.ge(1)), "cap": pa.Column(int),
}, coerce=True, strict=True, name="sample_complexity")
OUTPERFORM_SCHEMA = pa.DataFrameSchema({
    "config": pa.Column(str), "model": pa.Column(str), "baseline": pa.Column(str),
    "cells_better": pa.Column(int, pa.Check.ge(0)), "cells_worse": pa.Column(int, pa.Check.ge(0)),
    "outperforms": pa.Column(bool), "p_improve": pa.Column(float, pa.Check.in_range(0, 1)),
}, coerce=True, strict=True, name="outperformance")


def epoch_matrix(curves: list[np.ndarray], per_epoch: int) -> np.ndarray:
    """(runs, epochs) matrix of epoch means; a trailing partial epoch is dropped."""
    T = min(len(c) for c in curves) // per_epoch
    if T == 0:
        raise ValueError(f"curves shorter than one epoch of {per_epoch} episodes")
    return np.stack([np.asarray(c[: T * per_epoch], float).reshape(T, per_epoch).mean(1) for c in curves])


def reward_to_unit(V: np.ndarray) -> np.ndarray:
    """Map a non-positive reward (oracle = 0) to [0, 1]: V = clip(1 + r, 0, 1)."""
    return np.clip(1.0 + V, 0.0, 1.0)


def sample_complexity_tables(V_by_model: dict[str, np.ndarray], config: str, eps, delta, samples_per_epoch: int,
                             resamples: int, q: float, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, grids = [], {}
    for k, (model, V) in enumerate(sorted(V_by_model.items())):
        S, lo, hi = cluster_bootstrap(V, eps, delta, samples_per_epoch, resamples, q, seed=seed + k)
        grids[model] = (S, lo, hi)
        cap = V.shape[1] * samples_per_epoch
        for i, e in enumerate(eps):
            for j, d in enumerate(delta):
                rows.append(dict(config=config, model=model, eps=e, delta=d, S=S[i, j], lo=lo[i, j], hi=hi[i, j],
                                 censored=bool(hi[i, j] >= cap), n_runs=V.shape[0], cap=cap))
    pairs = []
    for a, ga in grids.items():
        for b, gb in grids.items():
            if a != b:
                better, worse = int(np.sum(ga[2] < gb[1])), int(np.sum(gb[2] < ga[1]))
                pairs.append(dict(config=config, model=a, baseline=b, cells_better=better, cells_worse=worse,
                                  outperforms=better > 0 and worse == 0,
                                  p_improve=probability_of_improvement(V_by_model[a][:, -1], V_by_model[b][:, -1])))
    pairs_df = pd.DataFrame(pairs, columns=list(OUTPERFORM_SCHEMA.columns))  # one model: no pairs, same columns
    return SC_SCHEMA.validate(pd.DataFrame(rows)), OUTPERFORM_SCHEMA.validate(pairs_df)
