"""The subspace-confined QAOA against greedy and the ILP, for the cross-paper ledger (qrepro.ledger)."""

from __future__ import annotations

import pandas as pd

from ...ledger import compare, row


def rows(runs: pd.DataFrame, baselines: pd.DataFrame, claims: pd.DataFrame,
         variant: str = "paper") -> list[dict]:
    """The subspace-confined QAOA against the classical greedy heuristic (best sampled conflict per run, C5) and the
    exact ILP optimum (gap, C4), over every (N, seed) run of the paper's variant."""
    r = runs[(runs.variant == variant) & (runs.ansatz == "proposed")]
    if r.empty:
        return []
    base = baselines.set_index("N")
    out = []
    for rival, column, claim in (("greedy", "greedy", "C5"), ("ILP (exact)", "ilp_opt", "C4")):
        c = r.N.map(base[column]).astype(float)
        out.append(row("dickeqaoa", f"proposed QAOA vs {rival}", "proposed QAOA", rival, "best conflict (N = "
                        + "/".join(str(n) for n in sorted(r.N.unique())) + ")", "lower",
                        compare(r.best_conflict.reset_index(drop=True), c.reset_index(drop=True), "lower"), claims,
                        claim))
    return out
