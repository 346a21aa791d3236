"""The hybrid VQCs against the classical MLPs, for the cross-paper ledger (qrepro.ledger)."""

from __future__ import annotations

import pandas as pd

from ...ledger import compare, row

# (env, algo, quantum model, classical model, the claim that compares them)
PAIRS = (("main", "ddqn", "Q14-4", "C16-2", "H1"), ("main", "ddqn", "Q10-4", "C16-2", "H2"),
                  ("main", "ddqn", "Q14-4", "C64-2", "H3"), ("main", "ddqn", "Q14-4", "C32-2", "H5"),
                  ("main", "ddqn", "Q10-4", "C32-2", "H6"), ("cartpole", "vpg", "Q4-1", "C16-1", "H16"))


def rows(curves: pd.DataFrame, claims: pd.DataFrame, main_env: str) -> list[dict]:
    """The hybrid VQCs against the classical MLPs the claims compare them with, on the final validation value
    (DDQN on the main env; CartPole VPG), where this tier ran both."""
    out = []
    for env, algo, quantum, rival, claim in PAIRS:
        env = main_env if env == "main" else env
        g = curves[(curves.env == env) & (curves.algo == algo)]
        final = g[g.epoch == g.groupby(["model", "seed"]).epoch.transform("max")]
        models = {m: f.set_index("seed") for m, f in final.groupby("model")}
        if quantum not in models or rival not in models:
            continue
        q, c = models[quantum], models[rival]
        seconds = g.groupby("model").seconds.mean()
        out.append(row("qrlbench", f"{quantum} vs {rival} ({algo.upper()})", quantum, rival, "final validation V",
                        "higher", compare(q.V, c.V, "higher"), claims, claim,
                        (float(q.n_params.iloc[0]), float(c.n_params.iloc[0])), seconds[quantum] / seconds[rival]))
    return out
