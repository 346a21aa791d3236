"""QSAC against the classical actor-critics, for the cross-paper ledger (qrepro.ledger)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...ledger import compare, row


def rows(runs: pd.DataFrame, claims: pd.DataFrame, config: str = "nr60") -> list[dict]:
    """QSAC against each classical actor-critic on Table III's headline metric (BCR LTE 5%, claim C3); parameter
    counts are the actors' (QSAC's quantum part against the MLP it replaces)."""
    r = runs[runs.config == config].set_index("seed")
    claims = claims[claims.config == config]
    out = []
    by_model = {m: g for m, g in r.groupby("model")}
    if "qsac" not in by_model:
        return out
    q = by_model["qsac"]
    for rival in ("sac", "td3", "ddpg"):
        if rival not in by_model:
            continue
        c = by_model[rival]
        params = tuple(float(g.n_actor_params.iloc[0]) for g in (q, c))     # the actor: the part that is quantum
        cost = q.train_seconds.mean() / c.train_seconds.mean() if "train_seconds" in r else np.nan
        out.append(row("qsac", f"QSAC vs {rival.upper()}", "qsac", rival, "BCR LTE 5% (eval)", "higher",
                        compare(q.BCR_LTE_5, c.BCR_LTE_5, "higher"), claims, "C3", params, cost))
    return out
