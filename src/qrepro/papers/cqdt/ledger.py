"""CQDT's comparisons for the cross-paper ledger (qrepro.ledger): the quantum-state detector against the classical
IDS, and, given the test episodes, the REINFORCE defence against Table 7's lightweight RL baselines."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...ledger import compare, row
from .claims import COMPARATORS, best_fixed_action, seed_means

IDS_HEADS = (("ids_lr", "logistic regression"), ("ids_gbdt", "gradient boosting"))


def rows(detection: pd.DataFrame, claims: pd.DataFrame, main_state: str,
         defence: pd.DataFrame | None = None) -> list[dict]:
    """Detection AUC per seed, the CQDT (F, S, D) detector against each classical IDS head on the KPIs (C7), beside
    Q-OBS, fixed thresholds on the same observables; with ``defence`` (the committed defence table,
    claims.defence_scenarios), post-defence F per seed, REINFORCE against PPO, A2C and DQN (C6), beside the best fixed
    action."""
    d = detection[detection.state == main_state]
    auc = {m: g.set_index("seed").AUC for m, g in d.groupby("method")}
    qobs = ("qobs: fixed thresholds on F, S, D", float(auc["qobs"].mean())) if "qobs" in auc else ("", np.nan)
    out = [row("cqdt", f"CQDT detector vs classical IDS ({name})", "cqdt", ids, "detection AUC (test)", "higher",
               compare(auc["cqdt"], auc[ids], "higher"), claims, "C7", reference=qobs)
           for ids, name in IDS_HEADS if "cqdt" in auc and ids in auc]
    if defence is None:
        return out
    ps = seed_means(defence, main_state)
    have = set(ps.index.get_level_values("policy"))
    best, is_oracle = best_fixed_action(ps)
    fixed = (f"{best}: fixed action{', = per-step oracle' if is_oracle else ''}", float(ps.loc[best, "F_post"].mean()))
    return out + [row("cqdt", f"CQDT defence (REINFORCE) vs {c.upper()} (Table 7; both act on the quantum "
                      "observables)", "reinforce", c, "post-defence fidelity F (T12 test, macro over scenarios)",
                      "higher", compare(ps.loc["reinforce", "F_post"], ps.loc[c, "F_post"], "higher"), claims, "C6",
                      reference=fixed)
                  for c in COMPARATORS if {"reinforce", c} <= have]
