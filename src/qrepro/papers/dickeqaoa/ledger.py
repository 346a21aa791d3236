"""The subspace-confined QAOA against greedy and the ILP, for the cross-paper ledger (qrepro.ledger)."""

from __future__ import annotations

import pandas as pd

from ...ledger import compare, row

# the expected best conflict of S shots drawn uniformly from the feasible set (the Dicke start, gamma = beta = 0),
# what the task demands of an optimiser: the ILP optimum plus P(no optimum among S shots), from baselines.csv alone;
# it leaves out P(no shot in the two lowest levels) and the like, below 1e-8 at N = 6-8 with 1,024 shots
UNIFORM_SAMPLING = "uniform feasible sampling, same shots (Dicke start)"


def uniform_sampling_best(baselines: pd.DataFrame, n: pd.Series, shots: pd.Series) -> pd.Series:
    """Expected best conflict of ``shots`` uniform feasible samples at each size ``n`` (one value per run)."""
    base = baselines.set_index("N")
    share = n.map(base.n_optimal) / n.map(base.feasible_states)
    return n.map(base.ilp_opt) + (1 - share) ** shots


def rows(runs: pd.DataFrame, baselines: pd.DataFrame, claims: pd.DataFrame,
         variant: str = "paper") -> list[dict]:
    """The subspace-confined QAOA against the classical greedy heuristic (best sampled conflict per run, C5) and the
    exact ILP optimum (gap, C4), over every (N, seed) run of the paper's variant; the reference is what uniform
    sampling of the feasible set with the same shots reaches without any optimisation."""
    r = runs[(runs.variant == variant) & (runs.ansatz == "proposed")].reset_index(drop=True)
    if r.empty:
        return []
    base = baselines.set_index("N")
    metric = "best conflict (N = " + "/".join(str(n) for n in sorted(r.N.unique())) + ")"
    reference = (UNIFORM_SAMPLING, float(uniform_sampling_best(baselines, r.N, r.shots).mean()))
    out = []
    for rival, column, claim in (("greedy", "greedy", "C5"), ("ILP (exact)", "ilp_opt", "C4")):
        c = r.N.map(base[column]).astype(float)
        out.append(row("dickeqaoa", f"proposed QAOA vs {rival}", "proposed QAOA", rival, metric, "lower",
                       compare(r.best_conflict, c, "lower"), claims, claim, reference=reference))
    return out
