"""The quantum-state detector against the classical IDS, for the cross-paper ledger (qrepro.ledger)."""

from __future__ import annotations

import pandas as pd

from ...ledger import compare, row


def rows(detection: pd.DataFrame, claims: pd.DataFrame, main_state: str) -> list[dict]:
    """The quantum-state (F, S, D) attack detector against the classical IDS on the KPIs (AUC per seed; C7)."""
    d = detection[detection.state == main_state]
    q = d[d.method == "cqdt"].set_index("seed").AUC
    out = []
    for ids, name in (("ids_lr", "logistic regression"), ("ids_gbdt", "gradient boosting")):
        c = d[d.method == ids].set_index("seed").AUC
        if len(q) and len(c):
            out.append(row("cqdt", f"CQDT detector vs classical IDS ({name})", "cqdt", ids, "detection AUC (test)",
                            "higher", compare(q, c, "higher"), claims, "C7"))
    return out
