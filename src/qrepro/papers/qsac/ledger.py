"""QSAC against the classical actor-critics, for the cross-paper ledger (qrepro.ledger)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...ledger import compare, row
from .claims import BASELINES, reference_column

# the reference beside each row: a policy with no learning that allocates the last hour's demand (spec 5.7)
REFERENCE = ("persistence (last hour's demand)", "persistence")


def rows(runs: pd.DataFrame, claims: pd.DataFrame, config: str = "nr60") -> list[dict]:
    """QSAC against each classical actor-critic on Table III's headline metric (BCR LTE 5%, claim C3), beside the
    persistence policy's score on the same evaluation window (a column of runs.csv); parameter counts are the
    actors' (QSAC's quantum part against the MLP it replaces)."""
    r = runs[runs.config == config].set_index("seed")
    claims = claims[claims.config == config]
    by_model = {m: g for m, g in r.groupby("model")}
    if "qsac" not in by_model:
        return []
    q = by_model["qsac"]
    name, policy = REFERENCE
    ref = (name, float(q[reference_column(policy, "BCR_LTE_5")].iloc[0]))
    out = []
    for rival in BASELINES:
        if rival not in by_model:
            continue
        c = by_model[rival]
        params = tuple(float(g.n_actor_params.iloc[0]) for g in (q, c))     # the actor: the part that is quantum
        cost = q.train_seconds.mean() / c.train_seconds.mean() if "train_seconds" in r else np.nan
        out.append(row("qsac", f"QSAC vs {rival.upper()}", "qsac", rival, "BCR LTE 5% (eval)", "higher",
                       compare(q.BCR_LTE_5, c.BCR_LTE_5, "higher"), claims, "C3", params, cost, reference=ref))
    return out
