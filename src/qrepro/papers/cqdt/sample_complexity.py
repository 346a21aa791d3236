"""Paper 002's REINFORCE defence through the project-wide estimator (qrepro.stats, Meyer et al. Def. 4.1).

Epoch = one training episode; V = its validation score between the worst (0) and best (1) action in hindsight
(papers.cqdt.run.training_log). Early stopping ends runs at different episodes and restores the best policy, so a
stopped run keeps its best V to the end of the budget: that is the policy it deploys.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...stats.curves import sample_complexity_tables
from .run import TRAINING_SCHEMA

MODEL = "reinforce"


def deployed_curve(val_v: np.ndarray, episodes: int) -> np.ndarray:
    """The run's V per episode, padded after an early stop with the restored (best) policy's V."""
    val_v = np.asarray(val_v, float)
    if len(val_v) > episodes:
        raise ValueError(f"training log has {len(val_v)} episodes, more than the budget of {episodes}")
    return np.concatenate([val_v, np.full(episodes - len(val_v), val_v.max())])


def tables(training: pd.DataFrame, episodes: int, steps: int, sc: dict, seed: int) -> pd.DataFrame:
    """One sample-complexity table per state (config = state); S in environment steps (episodes x steps)."""
    training = TRAINING_SCHEMA.validate(training)
    out = []
    for state, g in training.sort_values("episode").groupby("state"):
        V = np.stack([deployed_curve(run.val_v.to_numpy(), episodes) for _, run in g.groupby("seed")])
        table, _ = sample_complexity_tables({MODEL: V}, state, sc["eps"], sc["delta"], steps, sc["resamples"],
                                            sc["percentile"], seed)
        out.append(table)
    return pd.concat(out, ignore_index=True)
