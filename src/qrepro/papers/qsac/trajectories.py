"""Per-run numbers that some claims need beyond a run's metrics.json, read from the run's own files: the shape of
its training curve (C9b, C10), how fast its allocation recovers after a demand shock in the evaluation window and
its bias there (C11). The aggregate adds them to runs.csv, so a clone recomputes those claims from that table.

Not imported by training code: changing it reruns the aggregate, never a training run.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...stats.curves import epoch_matrix
from .metrics import NETS, moving_average

SHOCK = 0.15      # a demand shock: demand moves by more than 15% from one step to the next. On evaluation series #32
                  # these are NR at steps 24 and 96 and LTE at 72 and 96 (21-43%); every other step moves < 9%
BAND, HOLD = 0.05, 3          # recovered: |A - D| <= 5% of D for 3 consecutive steps (spec section 4.7)
EARLY, QUARTERS = 0.10, 4     # the paper's "early phase" (as C10 reads it) and the quarters of C9b


def training_shape(rewards) -> dict[str, float]:
    """The per-episode reward's std over the first 10% of training (C10's "variable") and the mean MA(100) reward
    of each quarter of training (C9b's "consistent improvement")."""
    r = np.asarray(rewards, float)
    quarters = np.array_split(moving_average(r), QUARTERS)
    return {"early_reward_std": float(r[: max(1, int(EARLY * len(r)))].std()),
            **{f"ma_q{k}": float(q.mean()) for k, q in enumerate(quarters, start=1)}}


def shocks(demand) -> np.ndarray:
    """Steps whose demand moved by more than :data:`SHOCK` (relative) from the step before."""
    d = np.asarray(demand, float)
    return np.flatnonzero(np.abs(np.diff(d)) > SHOCK * d[:-1]) + 1


def recovery_steps(alloc, demand) -> list[tuple[int, int, bool]]:
    """(shock step, steps to recover, censored) per shock: the first k >= 0 from which |A - D| <= BAND * D holds
    for HOLD steps in a row, looked for up to the next shock of the same series (or the window's end); where that
    never happens, k is the number of steps observed and the shock is censored."""
    a, d = np.asarray(alloc, float), np.asarray(demand, float)
    inside = np.abs(a - d) <= BAND * d
    starts = shocks(d)
    out = []
    for start, end in zip(starts, [*starts[1:], len(d)]):
        seg = inside[start:end]
        held = [k for k in range(len(seg) - HOLD + 1) if seg[k:k + HOLD].all()]
        out.append((int(start), held[0], False) if held else (int(start), int(end - start), True))
    return out


def evaluation_shape(ts: pd.DataFrame) -> dict[str, float]:
    """Per network: the steps to recover summed over its shocks (NaN without a shock in the window), how many
    shocks, how many of them never recovered (censored at the steps observed), and the mean of A - D (bias)."""
    out = {}
    for net, col in NETS.items():
        a, d = ts[f"alloc_{col}"].to_numpy(float), ts[f"demand_{col}"].to_numpy(float)
        r = recovery_steps(a, d)
        out[f"recovery_{net}"] = float(sum(k for _, k, _ in r)) if r else float("nan")
        out[f"shocks_{net}"] = len(r)
        out[f"recovery_censored_{net}"] = sum(c for *_, c in r)
        out[f"bias_{net}"] = float(np.mean(a - d))
    return out


def max_total_demand(*tables: pd.DataFrame) -> float:
    """The largest LTE + NR demand in the given tables (train log, evaluation time series): whether a pool binds."""
    return float(max((t["demand_lte"] + t["demand_nr"]).max() for t in tables))


def run_features(train_log: pd.DataFrame, eval_ts: pd.DataFrame) -> dict[str, float]:
    """Everything this module adds to a run's row of runs.csv."""
    return {**training_shape(train_log["reward"]), **evaluation_shape(eval_ts),
            "max_total_demand": max_total_demand(train_log, eval_ts)}


def epoch_means(rewards, per_epoch: int) -> pd.DataFrame:
    """The training curve in epochs of ``per_epoch`` episodes (a trailing partial epoch dropped): exactly what the
    sample-complexity rule reads of a run, small enough to commit; ``episodes``: the episodes trained at its end."""
    means = epoch_matrix([np.asarray(rewards, float)], per_epoch)[0]
    return pd.DataFrame({"episodes": per_epoch * np.arange(1, len(means) + 1), "reward": means})
