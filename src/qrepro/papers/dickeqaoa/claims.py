"""Paper 003 headline claims (spec 5, C1-C10) decided from our runs, with the paper's published values."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...claims import Claims, SeedRule

# the claims the README's Findings show (a selection; every claim is in the report)
HEADLINES = ("C1", "C2", "C4", "C5", "C8b")

PAPER_TABLE1 = {"total_states": 2 ** 24, "feasible_states": 2916, "feasible_fraction": 1.7e-4,
                "reduction_factor": 5.8e3}
# Table 3 (None = no feasible sample, shown as "-" in the paper)
PAPER_TABLE3 = {
    6: {"ilp": 3, "greedy": 4, "std_best": 4, "std_feas": 0.005, "prop_best": 3, "prop_feas": 1.0},
    7: {"ilp": 2, "greedy": 3, "std_best": None, "std_feas": 0.000, "prop_best": 2, "prop_feas": 1.0},
    8: {"ilp": 2, "greedy": 4, "std_best": 4, "std_feas": 0.001, "prop_best": 3, "prop_feas": 1.0},
}
TABLE_N = (6, 7, 8)
CLAIM_SCOPE = "transpiled_all"   # spec E4: the faithful all-gate depolarizing model decides C8
NOISE_N = 5                      # the paper's noise instance (15 qubits)
SEED_RULE = SeedRule(note="fewer than {minimum} seeds per (ansatz, N)")


def _fmt_best(v) -> str:
    return "-" if v is None or (isinstance(v, float) and np.isnan(v)) else f"{v:g}"


def table3(runs: pd.DataFrame, base: pd.DataFrame, variant: str = "paper") -> pd.DataFrame:
    """Paper Table 3 beside ours: medians over seeds and how many seeds reach each best conflict."""
    rows = []
    r = runs[runs.variant == variant]
    for n in sorted(r.N.unique()):
        b = base[base.N == n].iloc[0]
        paper = PAPER_TABLE3.get(n, {})
        row = {"N": n, "ilp": int(b.ilp_opt), "greedy": int(b.greedy), "paper_ilp": paper.get("ilp"),
               "paper_greedy": paper.get("greedy")}
        for a, tag in (("standard", "std"), ("proposed", "prop")):
            s = r[(r.N == n) & (r.ansatz == a)]
            best = s.best_conflict
            row[f"{tag}_best_median"] = float(best.median()) if best.notna().any() else None
            counts = best.fillna(-1).value_counts().sort_index().items()
            row[f"{tag}_best_dist"] = ", ".join(f"{_fmt_best(v)}: {c}" for v, c in counts).replace("-1: ", "-: ")
            row[f"{tag}_feas_median"] = float(s.feas_ratio.median()) if len(s) else None
            row[f"{tag}_seeds"] = len(s)
            row[f"paper_{tag}_best"], row[f"paper_{tag}_feas"] = paper.get(f"{tag}_best"), paper.get(f"{tag}_feas")
        rows.append(row)
    return pd.DataFrame(rows)


def _sci(x: float) -> str:
    """``1.7e-4``, ``5.8e3``: the paper's short scientific notation."""
    return f"{x:.1e}".replace("e-0", "e-").replace("e+0", "e")


def feasible_count(base) -> tuple[str, str]:
    """C1: |F| at N = 8 equals Table 1's 2,916 (it cannot: |F| is a product of C(3, k_i) terms)."""
    b8 = base[base.N == 8]
    if b8.empty:
        return "n/a", "N = 8 baseline not computed"
    f = int(b8.feasible_states.iloc[0])
    return ("holds" if f == PAPER_TABLE1["feasible_states"] else "fails",
            f"|F| = prod C(3, k_i) = {f} = 3^8 (fraction {b8.feasible_fraction.iloc[0]:.3g}); 2916 = 2^2 3^6 "
            "cannot be a product of C(3, k) terms")


def search_space_reduction(base) -> tuple[str, str]:
    """C1b: confinement shrinks the N = 8 search space by more than 10^3."""
    b8 = base[base.N == 8]
    if b8.empty:
        return "n/a", "N = 8 baseline not computed"
    red = float(b8.reduction_factor.iloc[0])
    return "holds" if red > 1e3 else "fails", f"reduction factor 2^24/|F| = {red:.0f}"


def proposed_always_feasible(r) -> tuple[str, str]:
    """C2: every proposed-ansatz run samples only feasible states."""
    p = r[r.ansatz == "proposed"]
    return ("holds" if (p.feas_ratio == 1).all() else "fails",
            f"min feasibility over {len(p)} runs = {p.feas_ratio.min():.3f}")


def classical_baselines(base) -> tuple[str, str]:
    """C3: ILP optimum and greedy best equal Table 3 at N = 6, 7, 8."""
    b = base[base.N.isin(TABLE_N)].set_index("N")
    if b.empty:
        return "n/a", "N = 6-8 baselines not computed"
    ok = all(b.ilp_opt[n] == PAPER_TABLE3[n]["ilp"] and b.greedy[n] == PAPER_TABLE3[n]["greedy"] for n in b.index)
    ours = "; ".join(f"N={n}: ILP {b.ilp_opt[n]}, greedy {b.greedy[n]}" for n in b.index)
    return "holds" if ok else "fails", ours + " (brute force agrees)" * bool((b.ilp_opt == b.bruteforce_opt).all())


def _per_n(r, ansatz):
    return {n: g for n, g in r[r.ansatz == ansatz].groupby("N")}


def proposed_near_optimal(r) -> tuple[str, str]:
    """C4: the proposed ansatz's median gap to the ILP optimum is <= 1, and 0 in half the seeds at N = 6, 7."""
    prop = _per_n(r, "proposed")
    med = {n: float(g.gap.median()) for n, g in prop.items()}
    zero = {n: float((g.gap == 0).mean()) for n, g in prop.items() if n in (6, 7)}
    ok = all(v <= 1 for v in med.values()) and all(v >= 0.5 for v in zero.values())
    ours = "; ".join(f"N={n}: median gap {med[n]:g}" + (f", gap 0 in {zero[n]:.0%} of seeds" if n in zero else "")
                     for n in med)
    return "holds" if ok else "fails", ours


def proposed_beats_greedy(r, base) -> tuple[str, str]:
    """C5: the proposed ansatz's median best conflict is below greedy's at every N ("partly": at some)."""
    prop = _per_n(r, "proposed")
    g = base.set_index("N").greedy
    wins = {n: float(s.best_conflict.median()) < g[n] for n, s in prop.items()}
    frac = float(np.mean([(s.best_conflict < g[n]).mean() for n, s in prop.items()]))
    ours = "; ".join(f"N={n}: median {prop[n].best_conflict.median():g} vs greedy {g[n]}" for n in prop)
    verdict = "holds" if all(wins.values()) else ("partly" if any(wins.values()) else "fails")
    return verdict, f"{ours}; strictly better in {frac:.0%} of seed x N runs"


def standard_rarely_feasible(r) -> tuple[str, str]:
    """C6: the penalty QAOA's median feasibility is <= 0.01 and its best run stays below the proposed worst."""
    std, prop = _per_n(r, "standard"), _per_n(r, "proposed")
    med = {n: float(s.feas_ratio.median()) for n, s in std.items()}
    top = {n: float(s.feas_ratio.max()) for n, s in std.items()}
    ok = all(v <= 0.01 for v in med.values()) and all(top[n] < prop[n].feas_ratio.min() for n in std if n in prop)
    return "holds" if ok else "fails", "; ".join(f"N={n}: median {med[n]:.4f}, max {top[n]:.3f}" for n in med)


def proposed_not_worse_than_standard(r) -> tuple[str, str]:
    """C7: per (N, seed), proposed best conflict <= standard best feasible conflict (none feasible: a win)."""
    pairs = r.pivot_table(index=["N", "seed"], columns="ansatz", values="best_conflict", dropna=False)
    if "standard" not in pairs or "proposed" not in pairs:
        return "n/a", "both ansaetze needed"
    win = pairs.standard.isna() | (pairs.proposed <= pairs.standard)
    verdict = "holds" if win.all() else ("partly" if win.mean() >= 0.5 else "fails")
    return verdict, f"proposed <= standard (no feasible standard sample counts as a win) in {win.mean():.0%} of " \
                    f"{len(win)} seed x N pairs"


def _deviation_by_scope(noise) -> pd.Series:
    return noise.groupby(["scope", "ansatz", "p_err"]).deviation.mean() if len(noise) else pd.Series(dtype=float)


def _dev(means, scope, ansatz):
    """Mean deviation by p_err of one (scope, ansatz), or None when that cell was not run."""
    return means.loc[(scope, ansatz)] if len(means) and (scope, ansatz) in means.index.droplevel(2) else None


def _noise_ns(noise) -> list[int]:
    return sorted(int(n) for n in noise.N.unique()) if len(noise) else []


def noiseless_deviations(noise) -> tuple[str, str]:
    """C8a: at p_err = 0 the proposed deviation is 0, the standard one in [1.5, 2]; proposed grows with p_err."""
    means, noise_n = _deviation_by_scope(noise), _noise_ns(noise)
    prop, std = _dev(means, CLAIM_SCOPE, "proposed"), _dev(means, CLAIM_SCOPE, "standard")
    if prop is None or std is None or 0.0 not in prop.index:
        return "n/a", f"noise scope {CLAIM_SCOPE} with p_err = 0 not run"
    if noise_n != [NOISE_N]:
        return "n/a", f"noise run at N = {noise_n}, the paper's instance has N = {NOISE_N}"
    mono = bool(np.all(np.diff(prop.values) > 0))
    ok = prop[0.0] == 0 and 1.5 <= std[0.0] <= 2.0 and mono
    return ("holds" if ok else "fails",
            f"Dev_prop(0) = {prop[0.0]:.3f}, Dev_std(0) = {std[0.0]:.3f}, Dev_prop increasing: {mono}")


def noisy_deviations(noise) -> tuple[str, str]:
    """C8b: Dev_prop stays below 1 at the largest p_err and below Dev_std at every p_err > 0 (decided on the
    claim scope, every scope reported)."""
    means, noise_n = _deviation_by_scope(noise), _noise_ns(noise)
    parts, verdict = [], "n/a"
    for scope in noise.scope.unique() if len(noise) else []:
        prop, std = _dev(means, scope, "proposed"), _dev(means, scope, "standard")
        if prop is None or std is None:
            continue
        pmax = prop.index.max()
        ok = prop[pmax] < 1.0 and bool((prop[prop.index > 0] < std.reindex(prop.index)[prop.index > 0]).all())
        parts.append(f"{scope}: Dev_prop({pmax:g}) = {prop[pmax]:.2f} vs Dev_std = {std[pmax]:.2f} -> "
                     f"{'holds' if ok else 'fails'}")
        if scope == CLAIM_SCOPE:
            verdict = ("holds" if ok else "fails") if noise_n == [NOISE_N] else "n/a"
    return verdict, f"N = {noise_n}: " + ("; ".join(parts) or "not run")


def dual_stays_feasible(dual) -> tuple[str, str]:
    """C9: the dual ansatz samples only node- and channel-feasible states over the whole (gamma, beta) grid."""
    if dual.empty:
        return "n/a", "dual scan not run"
    ok = bool((dual.node_feas == 1).all() and (dual.chan_feas == 1).all())
    return ("holds" if ok else "fails", f"min node {dual.node_feas.min():.3f}, min channel "
                                         f"{dual.chan_feas.min():.3f} over {len(dual)} grid points")


def dual_beats_greedy(dual, base) -> tuple[str, str]:
    """C10: some grid point's mean conflict is at most greedy's (the paper: comparable to the ILP optimum)."""
    if dual.empty:
        return "n/a", "dual scan not run"
    spread = float(dual.groupby("beta").exact_mean_conflict.agg(lambda v: v.max() - v.min()).max())
    best_mean = float(dual.mean_conflict.min())
    greedy_c = int(base.set_index("N").greedy[8]) if 8 in set(base.N) else 4
    ok = best_mean <= greedy_c
    return ("holds" if ok else "fails",
            f"min grid mean conflict {best_mean:.2f} vs greedy {greedy_c}; best sampled "
            f"{dual.best_conflict.min():g}; exact mean varies by {spread:.1e} along gamma (a global phase)")


def evaluate_claims(runs: pd.DataFrame, base: pd.DataFrame, noise: pd.DataFrame, dual: pd.DataFrame,
                    variant: str = "paper") -> pd.DataFrame:
    claims = Claims(variant, SEED_RULE)
    table_runs = runs[(runs.variant == variant) & runs.N.isin(TABLE_N)]
    table_seeds = int(table_runs.groupby(["ansatz", "N"]).seed.nunique().min()) if len(table_runs) else 0
    missing = None if len(table_runs) else f"N = {', '.join(map(str, TABLE_N))} not run in this tier"
    t3 = {n: PAPER_TABLE3[n] for n in TABLE_N}
    t1 = PAPER_TABLE1
    claims.add("C1", "Table 1: 2,916 feasible states among 2^24 (N = 8)",
               f"{t1['feasible_states']}; fraction {_sci(t1['feasible_fraction'])}; reduction "
               f"{_sci(t1['reduction_factor'])}", feasible_count, base)
    claims.add("C1b", "Confinement reduces the search space by more than 10^3 (N = 8)", _sci(t1["reduction_factor"]),
               search_space_reduction, base)
    claims.add("C2", "Proposed ansatz: feasibility ratio 1.000 (N = 6, 7, 8)",
               " / ".join(f"{t['prop_feas']:.3f}" for t in t3.values()), proposed_always_feasible, table_runs,
               not_run=missing)
    claims.add("C3", "ILP optimum and greedy best (N = 6, 7, 8)",
               "ILP " + "/".join(str(t["ilp"]) for t in t3.values()) + ", greedy " +
               "/".join(str(t["greedy"]) for t in t3.values()), classical_baselines, base)
    claims.add("C4", "Proposed best conflict within 1 of the ILP optimum; optimal at N = 6, 7",
               "gaps " + " / ".join(str(t["prop_best"] - t["ilp"]) for t in t3.values()), proposed_near_optimal,
               table_runs, not_run=missing, seeds=table_seeds)
    claims.add("C5", "Proposed QAOA beats greedy on best conflict (N = 6, 7, 8)",
               ", ".join(f"{t['prop_best']} < {t['greedy']}" for t in t3.values()), proposed_beats_greedy,
               table_runs, base, not_run=missing, seeds=table_seeds)
    claims.add("C6", "Standard penalty QAOA rarely samples feasible states (median <= 0.01, always < proposed)",
               " / ".join(f"{t['std_feas']:.3f}" for t in t3.values()), standard_rarely_feasible, table_runs,
               not_run=missing, seeds=table_seeds)
    claims.add("C7", "Proposed best conflict <= standard best feasible conflict",
               ", ".join(f"{t['prop_best']} vs {_fmt_best(t['std_best'])}" for t in t3.values()),
               proposed_not_worse_than_standard, table_runs, not_run=missing, seeds=table_seeds)
    claims.add("C8a", "Fig. 2b: Dev_prop(0) = 0, Dev_std(0) in [1.5, 2], Dev_prop grows with p_err",
               "prop ~0 at 0, std ~1.5-2", noiseless_deviations, noise)
    claims.add("C8b", f"Fig. 2b: Dev_prop(5%) < 1 and Dev_prop < Dev_std at every p_err > 0 (verdict: {CLAIM_SCOPE})",
               "prop < 1 at 5%, below std", noisy_deviations, noise)
    claims.add("C9", "Fig. 3: dual ansatz keeps node and channel feasibility at 1", "essentially 1",
               dual_stays_feasible, dual)
    claims.add("C10", "Fig. 3: a region with mean conflict comparable to ILP and below greedy", "comparable to ILP (2)",
               dual_beats_greedy, dual, base)
    return claims.table()
