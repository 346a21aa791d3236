"""Paper 003 claims decided from our runs: Tables 1-3, Fig. 2 (trajectories, noise), Fig. 3 (dual mixer) and the
abstract's and Discussion's claims, each with the paper's value, its words and how our test reads them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...claims import Claims, SeedRule
from ...stats import linear_fit, mean_ci

# the claims the README's Findings show (a selection; every claim is in the report)
HEADLINES = ("C1", "C2", "C4", "C5", "C8b", "C13")

PAPER_TABLE1 = {"total_states": 2 ** 24, "feasible_states": 2916, "feasible_fraction": 1.7e-4,
                "reduction_factor": 5.8e3}
# Table 2's feasibility cells of the greedy heuristic and the proposed ansatz
PAPER_TABLE2_FEAS = {6: {"greedy": 1.0, "proposed": 1.0}, 7: {"greedy": 1.0, "proposed": 1.0},
                     8: {"greedy": 1.0, "proposed": 1.0}}
# Table 3 (None = no feasible sample, shown as "-" in the paper)
PAPER_TABLE3 = {
    6: {"ilp": 3, "greedy": 4, "std_best": 4, "std_feas": 0.005, "prop_best": 3, "prop_feas": 1.0},
    7: {"ilp": 2, "greedy": 3, "std_best": None, "std_feas": 0.000, "prop_best": 2, "prop_feas": 1.0},
    8: {"ilp": 2, "greedy": 4, "std_best": 4, "std_feas": 0.001, "prop_best": 3, "prop_feas": 1.0},
}
TABLE_N = (6, 7, 8)
CLAIM_SCOPE = "transpiled_all"   # spec E4: the faithful all-gate depolarizing model decides the noise claims
NOISE_N = 5                      # the paper's noise instance (15 qubits)
SEED_RULE = SeedRule(note="fewer than {minimum} seeds per (ansatz, N)")

# our readings of the paper's words; every row that uses one says that it is ours
REDUCTION_ROUNDS_TO = (5.75e3, 5.85e3)   # 2^24 / |F| that rounds to the paper's 5.8e3 (C1b)
STD_DEVIATION = (1.5, 2.0)               # the paper's "~1.5-2.0" for the standard ansatz (C8c)
LINEAR_R2 = 0.95                         # "increases approximately linearly" (C8a)
HIGH_FEAS = 0.5                          # "a high feasibility ratio" (C13)
NISQ_P_ERR = 0.01                        # "NISQ-relevant error regimes": today's two-qubit error rates (C13)
COMPARABLE = 1                           # "comparable to the ILP optimum": within this many conflicts (C10)
RAPID_DROP, RAPID_BUDGET = 0.9, 0.5      # "converges rapidly": 90 % of the objective's drop in half the budget (C11)
ORDER = ("holds", "partly", "fails")


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


def _tally(wins) -> str:
    """"holds" when every comparison is won, "partly" when some are, else "fails"."""
    wins = list(wins)
    return "holds" if wins and all(wins) else ("partly" if any(wins) else "fails")


def _weaker(*verdicts: str) -> str:
    return max(verdicts, key=ORDER.index)


def _seed_mean(values) -> str:
    """``mean 0.4 [0.03, 0.77] (t, n = 10)``: a mean over seeds with its 95 % interval (qrepro.stats.mean_ci)."""
    mean, lo, hi, how = mean_ci(np.asarray(values, dtype=float))
    return f"mean {mean:.3g} [{lo:.3g}, {hi:.3g}] ({how})" if np.isfinite(lo) else f"mean {mean:.3g} ({how})"


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
    """C1b: 2^24 / |F| at N = 8 rounds to the paper's 5.8e3 ("partly": it only exceeds 10^3)."""
    b8 = base[base.N == 8]
    if b8.empty:
        return "n/a", "N = 8 baseline not computed"
    red = float(b8.reduction_factor.iloc[0])
    lo, hi = REDUCTION_ROUNDS_TO
    verdict = "holds" if lo <= red < hi else ("partly" if red > 1e3 else "fails")
    return verdict, (f"reduction factor 2^24/|F| = {red:.0f} ({_sci(red)}; the paper's 5.8e3 is 2^24/2916); "
                     "'partly' = above 10^3, a bound that is ours")


def proposed_always_feasible(r) -> tuple[str, str]:
    """C2: every proposed-ansatz run samples only feasible states."""
    p = r[r.ansatz == "proposed"]
    return ("holds" if (p.feas_ratio == 1).all() else "fails",
            f"min feasibility over {len(p)} runs = {p.feas_ratio.min():.3f}")


def classical_baselines(base) -> tuple[str, str]:
    """C3 (control): ILP optimum and greedy best of our reconstructed instances equal Table 3 at N = 6, 7, 8."""
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
                     + f", gap {_seed_mean(prop[n].gap)}" for n in med)
    return "holds" if ok else "fails", ours


def proposed_beats_greedy(r, base) -> tuple[str, str]:
    """C5: the proposed ansatz's median best conflict is below greedy's at every N ("partly": at some)."""
    prop = _per_n(r, "proposed")
    g = base.set_index("N").greedy
    wins = {n: float(s.best_conflict.median()) < g[n] for n, s in prop.items()}
    frac = float(np.mean([(s.best_conflict < g[n]).mean() for n, s in prop.items()]))
    ours = "; ".join(f"N={n}: median {prop[n].best_conflict.median():g} vs greedy {g[n]}, best - greedy "
                     f"{_seed_mean(prop[n].best_conflict - g[n])}" for n in prop)
    return _tally(wins.values()), f"{ours}; strictly better in {frac:.0%} of seed x N runs"


def standard_rarely_feasible(r) -> tuple[str, str]:
    """C6: the penalty QAOA's median feasibility is <= 0.01 and its best run stays below the proposed worst."""
    std, prop = _per_n(r, "standard"), _per_n(r, "proposed")
    med = {n: float(s.feas_ratio.median()) for n, s in std.items()}
    top = {n: float(s.feas_ratio.max()) for n, s in std.items()}
    ok = all(v <= 0.01 for v in med.values()) and all(top[n] < prop[n].feas_ratio.min() for n in std if n in prop)
    return "holds" if ok else "fails", "; ".join(f"N={n}: median {med[n]:.4f}, max {top[n]:.3f} over {len(std[n])} "
                                                  "seeds" for n in med)


def standard_never_feasible_at_7(r) -> tuple[str, str]:
    """C6b: at N = 7 the penalty QAOA yields no feasible shot within the optimisation budget (no evaluation's
    sample and not the final one) in at least half the seeds (the paper's single run read as a typical seed)."""
    s = r[(r.ansatz == "standard") & (r.N == 7)]
    if s.empty:
        return "n/a", "standard ansatz at N = 7 not run"
    none = s.best_conflict.isna() & s.history_best_conflict.isna()
    verdict = "holds" if none.mean() >= 0.5 else ("partly" if none.any() else "fails")
    return verdict, (f"{int(none.sum())} of {len(s)} seeds without a feasible shot in any evaluation's sample or the "
                     f"final one; {int(s.best_conflict.isna().sum())} without one in the final sample")


def proposed_closer_than_standard(r) -> tuple[str, str]:
    """C7: per (N, seed), proposed best conflict < standard best feasible conflict (none feasible: a win)."""
    pairs = r.pivot_table(index=["N", "seed"], columns="ansatz", values="best_conflict", dropna=False)
    if "standard" not in pairs or "proposed" not in pairs:
        return "n/a", "both ansaetze needed"
    win = pairs.standard.isna() | (pairs.proposed < pairs.standard)
    ties = int((pairs.proposed == pairs.standard).sum())
    verdict = "holds" if win.all() else ("partly" if win.mean() >= 0.5 else "fails")
    return verdict, (f"proposed < standard (no feasible standard sample counts as a win) in {win.mean():.0%} of "
                     f"{len(win)} seed x N pairs; ties {ties}, losses {int((~win).sum()) - ties}")


def _fig2b(noise, column: str, judge) -> tuple[str, str]:
    """A Fig. 2b claim: ``judge(proposed, standard) -> (verdict, numbers)`` on each scope's two curves (``column`` of
    noise.csv, a mean over repeats, indexed by p_err). The claim scope decides; every scope is reported."""
    if not len(noise):
        return "n/a", "noise sweep not run"
    means, repeats = noise.groupby(["scope", "ansatz", "p_err"])[column].mean(), int(noise.repeats.min())
    parts, verdict = [], None
    for scope in sorted(set(noise.scope), key=lambda s: (s != CLAIM_SCOPE, s)):
        if not {(scope, "proposed"), (scope, "standard")} <= set(means.index.droplevel(2)):
            continue
        v, text = judge(means[(scope, "proposed")], means[(scope, "standard")])
        parts.append(f"{scope}: {text} -> {v}")
        verdict = v if scope == CLAIM_SCOPE else verdict
    ns = sorted(int(n) for n in noise.N.unique())
    ours = f"N = {ns}, means of {repeats} repeats: " + ("; ".join(parts) or "no scope with both ansaetze")
    if verdict is None:
        return "n/a", f"noise scope {CLAIM_SCOPE} not run; {ours}"
    if ns != [NOISE_N]:
        return "n/a", f"{ours} [the paper's noise instance has N = {NOISE_N}]"
    return verdict, ours


def _r2(curve: pd.Series) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):    # linear_fit's per-unit ratio divides by p_err = 0
        return linear_fit(curve.index.to_numpy(float), curve.to_numpy(float))[0]


def _starts_at_zero_rises_linearly(prop, std) -> tuple[str, str]:
    if 0.0 not in prop.index:
        return "n/a", "p_err = 0 not run"
    r2 = _r2(prop)
    if np.isnan(r2):
        return "n/a", f"Dev_prop(0) = {prop[0.0]:.3f}; a line needs >= 3 p_err values and a rise"
    ok = prop[0.0] == 0 and r2 >= LINEAR_R2
    return "holds" if ok else "fails", f"Dev_prop(0) = {prop[0.0]:.3f}, R^2 of a line through Dev_prop(p_err) {r2:.3f}"


def noiseless_deviations(noise) -> tuple[str, str]:
    """C8a: Dev_prop(0) = 0 and Dev_prop grows approximately linearly with p_err (R^2 >= 0.95, our bound)."""
    return _fig2b(noise, "deviation", _starts_at_zero_rises_linearly)


def _below_one_and_standard(prop, std) -> tuple[str, str]:
    noisy = prop.index > 0
    below_std = prop[noisy] < std.reindex(prop.index)[noisy]
    top = prop.index.max()
    ok = bool((prop < 1.0).all() and below_std.all())
    return "holds" if ok else "fails", (f"Dev_prop max {prop.max():.2f}, at p_err = {top:g} {prop[top]:.2f} vs "
                                        f"Dev_std {std[top]:.2f}; below Dev_std at {int(below_std.sum())} of "
                                        f"{len(below_std)} p_err > 0")


def noisy_deviations(noise) -> tuple[str, str]:
    """C8b: Dev_prop stays below 1 at every p_err up to 5 % and below Dev_std at every p_err > 0."""
    return _fig2b(noise, "deviation", _below_one_and_standard)


def _standard_within_range(prop, std) -> tuple[str, str]:
    lo, hi = STD_DEVIATION
    inside = std.between(lo, hi)
    return ("holds" if inside.all() else "fails",
            f"Dev_std {std.min():.2f}-{std.max():.2f}, in [{lo:g}, {hi:g}] at {int(inside.sum())} of {len(std)} p_err")


def standard_deviation_flat(noise) -> tuple[str, str]:
    """C8c: Dev_std lies in [1.5, 2.0] at every p_err (the paper: almost noise-independent)."""
    return _fig2b(noise, "deviation", _standard_within_range)


def _high_feasibility(prop, std) -> tuple[str, str]:
    high, low_noise = prop >= HIGH_FEAS, prop.index <= NISQ_P_ERR
    verdict = "holds" if high.all() else ("partly" if low_noise.any() and high[low_noise].all() else "fails")
    return verdict, ("feas_prop " + "/".join(f"{v:.2f}" for v in prop) + " at p_err "
                     + "/".join(f"{p:g}" for p in prop.index))


def noisy_feasibility_high(noise) -> tuple[str, str]:
    """C13: the proposed ansatz's feasibility ratio stays >= 0.5 over the paper's 0-5 % p_err range ("partly": only
    up to p_err = 0.01). Both numbers are ours."""
    return _fig2b(noise, "feas_ratio", _high_feasibility)


def _more_feasible_than_standard(prop, std) -> tuple[str, str]:
    noisy = prop.index[prop.index > 0]
    if not len(noisy):
        return "n/a", "no p_err > 0 run"
    wins = prop[noisy] > std.reindex(noisy)
    top = noisy.max()
    return _tally(wins), (f"feas_prop > feas_std at {int(wins.sum())} of {len(wins)} p_err > 0; at p_err = {top:g} "
                          f"{prop[top]:.3f} vs {std[top]:.3f}")


def noisy_feasibility_beats_standard(noise) -> tuple[str, str]:
    """C13b: under noise the proposed ansatz (Dicke preparation included) stays more often feasible than the
    standard one at every p_err > 0."""
    return _fig2b(noise, "feas_ratio", _more_feasible_than_standard)


def dual_stays_feasible(dual) -> tuple[str, str]:
    """C9: the dual ansatz samples only node- and channel-feasible states over the whole (gamma, beta) grid."""
    if dual.empty:
        return "n/a", "dual scan not run"
    ok = bool((dual.node_feas == 1).all() and (dual.chan_feas == 1).all())
    return ("holds" if ok else "fails", f"min node {dual.node_feas.min():.3f}, min channel "
                                         f"{dual.chan_feas.min():.3f} over {len(dual)} grid points")


def dual_comparable_to_ilp(dual, curve) -> tuple[str, str]:
    """C10: some grid point's mean conflict is strictly below greedy's and within one conflict of the dual ILP
    optimum ("partly": only below greedy)."""
    if dual.empty:
        return "n/a", "dual scan not run"
    if curve.empty:
        return "n/a", "dual ILP optimum and greedy (dual_curve.csv) not given"
    ilp_opt, greedy_c = int(curve.ilp_opt.iloc[0]), int(curve.greedy.iloc[0])
    spread = float(dual.groupby("beta").exact_mean_conflict.agg(lambda v: v.max() - v.min()).max())
    best_mean = float(dual.mean_conflict.min())
    below_greedy, comparable = best_mean < greedy_c, best_mean <= ilp_opt + COMPARABLE
    verdict = "holds" if below_greedy and comparable else ("partly" if below_greedy else "fails")
    return verdict, (f"min grid mean conflict {best_mean:.2f} vs dual ILP optimum {ilp_opt} ('comparable': within "
                     f"{COMPARABLE}, ours) and node-only greedy {greedy_c}; best sampled {dual.best_conflict.min():g}; "
                     f"exact mean varies by {spread:.1e} along gamma (a global phase)")


def _evals_to_drop(trace: pd.DataFrame, share: float) -> int:
    """The first evaluation at which the exact objective has made ``share`` of its drop from the first evaluation
    to its minimum (the first evaluation when it never drops)."""
    t = trace.sort_values("eval")
    y = t.exact_objective.to_numpy(float)
    return int(t["eval"].to_numpy()[np.argmax(y <= y[0] - share * (y[0] - y.min()))])


def proposed_converges_rapidly(r, traces, base, n: int = 8) -> tuple[str, str]:
    """C11: at N = 8 the proposed ansatz ends below the uniform Dicke start's mean conflict (low-conflict) and the
    median run makes 90 % of its objective's drop within half the COBYLA budget (rapid); "partly": only
    low-conflict. Both bounds are ours."""
    p = r[(r.ansatz == "proposed") & (r.N == n)]
    keys = ["variant", "ansatz", "N", "seed"]
    t = traces.merge(p[keys], on=keys) if len(traces) else traces
    if p.empty or t.empty:
        return "n/a", f"proposed runs or their COBYLA traces at N = {n} not given"
    evals = pd.Series({s: _evals_to_drop(g, RAPID_DROP) for s, g in t.groupby("seed")})
    uniform, budget = float(base.set_index("N").mean_conflict[n]), float(p.maxiter.median())
    low = float(p.exp_conflict_feasible.median()) < uniform
    rapid = float(evals.median()) <= RAPID_BUDGET * budget
    verdict = "holds" if low and rapid else ("partly" if low else "fails")
    return verdict, (f"N = {n}: <C> at the optimum median {p.exp_conflict_feasible.median():.2f}, "
                     f"{_seed_mean(p.exp_conflict_feasible)} vs {uniform:.3f} at the uniform Dicke start; evaluations "
                     f"to {RAPID_DROP:.0%} of the objective's drop median {evals.median():g} of a budget of "
                     f"{budget:g} ({len(evals)} traces; bounds ours: below the start's mean, within "
                     f"{RAPID_BUDGET:.0%} of the budget)")


def proposed_more_feasible_than_greedy(r, base, paper: dict = PAPER_TABLE2_FEAS) -> tuple[str, str]:
    """C12: the proposed ansatz's lowest feasibility over seeds exceeds greedy's (1 when its assignment meets every
    demand) at each N; decided on our runs and on the paper's own Table 2, the weaker verdict counts."""
    prop = _per_n(r, "proposed")
    greedy_feas = base.set_index("N").greedy_feasible.astype(float)
    ours = {n: (float(g.feas_ratio.min()), float(greedy_feas[n])) for n, g in prop.items()}
    ours_verdict = _tally(q > c for q, c in ours.values())
    paper_verdict = _tally(t["proposed"] > t["greedy"] for t in paper.values())
    text = "; ".join(f"N={n}: proposed min {q:.3f} vs greedy {c:.3f}" for n, (q, c) in ours.items())
    if all(q == c for q, c in ours.values()):
        text += f"; tie: both {next(iter(ours.values()))[0]:.3f} at every N, as in the paper's Table 2"
    return _weaker(ours_verdict, paper_verdict), (f"{text} -> {ours_verdict}; the paper's Table 2: proposed > greedy "
                                                  f"at {sum(t['proposed'] > t['greedy'] for t in paper.values())} of "
                                                  f"{len(paper)} N -> {paper_verdict}")


def evaluate_claims(runs: pd.DataFrame, base: pd.DataFrame, noise: pd.DataFrame, dual: pd.DataFrame, *,
                    traces: pd.DataFrame | None = None, dual_curve: pd.DataFrame | None = None,
                    variant: str = "paper") -> pd.DataFrame:
    """Every claim row. ``noise``: noise.csv (means over repeats per N, scope, ansatz, p_err); ``traces``: the
    COBYLA traces (traces.csv, C11); ``dual_curve``: dual_curve.csv, whose dual ILP optimum and greedy decide C10."""
    traces = pd.DataFrame() if traces is None else traces
    dual_curve = pd.DataFrame() if dual_curve is None else dual_curve
    claims = Claims(variant, SEED_RULE)
    table_runs = runs[(runs.variant == variant) & runs.N.isin(TABLE_N)]
    table_seeds = int(table_runs.groupby(["ansatz", "N"]).seed.nunique().min()) if len(table_runs) else 0
    missing = None if len(table_runs) else f"N = {', '.join(map(str, TABLE_N))} not run in this tier"
    largest_missing = None if (table_runs.N == 8).any() else "N = 8 not run in this tier"
    t3 = {n: PAPER_TABLE3[n] for n in TABLE_N}
    t1 = PAPER_TABLE1
    table3_where = "Results > Scalability and comparison with classical baselines"
    fig2b_where = "Results > Robustness under depolarizing noise (Fig. 2b)"
    dual_where = "Results > Dual-constraint experiment on a CBRS instance (Fig. 3)"
    dev_quote = ("In contrast, the subspace-confined ansatz starts with near-zero deviation at p_err=0 and increases "
                 "approximately linearly with p_err, remaining below 1.0 even at the largest error rates considered.")
    high_feas_quote = ("Noise simulations with depolarizing channels further indicate that the constraint-preserving "
                       "structure maintains a high feasibility ratio in NISQ-relevant error regimes.")
    claims.add("C1", "Table 1: 2,916 feasible states among 2^24 (N = 8)",
               f"{t1['feasible_states']}; fraction {_sci(t1['feasible_fraction'])}; reduction "
               f"{_sci(t1['reduction_factor'])}", feasible_count, base,
               quote="For an 8-node CBRS interference graph with 24 qubits, the effective search space is reduced from "
                     "the full Hilbert space of size 2^24 to 2,916 feasible configurations.",
               where="Abstract, line 6; Results > Subspace confinement via node-wise Johnson graphs, Eq. (5), line 77, "
                     "and Table 1, line 87",
               reading="as stated: the count is checked against the paper's own formula, Eq. (3)/(5), "
                       "prod C(3, k_i) = 3^8")
    claims.add("C1b", "Confinement reduces the N = 8 search space by a factor of about 5.8e3",
               _sci(t1["reduction_factor"]), search_space_reduction, base,
               quote="For the 8-node (24-qubit) instance, the Dicke+XY ansatz restricts the dynamics to a tensor "
                     "product of node-wise Johnson graphs and reduces the size of the explored state space by a factor "
                     "of about 5.8×10^3 compared with the full Hilbert space.",
               where="Discussion, line 153; Proposition 1, line 79; Table 1, line 88",
               reading="as stated: 'about 5.8×10^3' read as 2^24/|F| within 5.75e3-5.85e3; 'partly' when it only "
                       "exceeds 10^3, a bound that is ours")
    claims.add("C2", "Proposed ansatz: feasibility ratio 1.000 (N = 6, 7, 8)",
               " / ".join(f"{t['prop_feas']:.3f}" for t in t3.values()), proposed_always_feasible, table_runs,
               not_run=missing, quote="6 3 4 4 0.005 3 1.000 | 7 2 3 0.000 2 1.000 | 8 2 4 4 0.001 3 1.000",
               where=f"{table3_where}, Table 3 (last column, Prop feas.), lines 145-147; Table 2, lines 140-142",
               reading="as stated: every run of every seed, where the paper reports one run")
    claims.add("C3", "Control: the reconstructed instances (C_N + chords (0,2),(1,3), spec 1.3) reproduce Table 3's "
               "ILP and greedy columns",
               "ILP " + "/".join(str(t["ilp"]) for t in t3.values()) + ", greedy " +
               "/".join(str(t["greedy"]) for t in t3.values()), classical_baselines, base,
               quote="On the 8-node CBRS instance, the classical ILP baseline finds an optimal solution with two "
                     "interference conflicts, while a simple greedy multi-coloring heuristic returns a solution with "
                     "four conflicts.",
               where="Results > Performance comparison on an 8-node CBRS instance, line 96; Table 3 (ILP best, Greedy "
                     "best), lines 145-147",
               reading="control: the paper gives no graphs; our chords and greedy tie rule were chosen to reproduce "
                       "these columns (spec 1.3, 2.6), so 'holds' confirms the reconstruction, not the paper")
    claims.add("C4", "Proposed best conflict within 1 of the ILP optimum; optimal at N = 6, 7",
               "gaps " + " / ".join(str(t["prop_best"] - t["ilp"]) for t in t3.values()), proposed_near_optimal,
               table_runs, not_run=missing, seeds=table_seeds,
               quote="The greedy heuristic shows a non-zero optimality gap on all tested sizes, whereas the proposed "
                     "QAOA either matches the ILP optimum (N=6,7) or stays within one conflict of it (N=8), with "
                     "feasibility ratio essentially equal to one.",
               where=f"{table3_where}, line 149; Table 2, lines 140-142; Discussion, line 155",
               reading="as stated: the paper's single run read as the median seed (gap <= 1 at every N) and gap 0 in "
                       ">= 50 % of seeds at N = 6, 7")
    claims.add("C5", "Proposed QAOA beats greedy on best conflict (N = 6, 7, 8)",
               ", ".join(f"{t['prop_best']} < {t['greedy']}" for t in t3.values()), proposed_beats_greedy,
               table_runs, base, not_run=missing, seeds=table_seeds,
               quote="For the CBRS multi-channel allocation instances considered here, the subspace-confined Dicke+XY "
                     "ansatz therefore provides near-optimal multi-colorings that are competitive with exact ILP "
                     "solutions and strictly better than a simple greedy heuristic, while preserving the constraint "
                     "structure with unit feasibility ratio as the network size grows.",
               where=f"{table3_where}, line 149, Table 3, lines 145-147; contribution paragraph, line 35",
               reading="as stated: 'strictly better' as median best conflict < greedy at every N")
    claims.add("C6", "Standard penalty QAOA rarely samples feasible states (median <= 0.01, always < proposed; "
               "abstract: outperforms standard QAOA in feasibility)",
               " / ".join(f"{t['std_feas']:.3f}" for t in t3.values()), standard_rarely_feasible, table_runs,
               not_run=missing, seeds=table_seeds,
               quote="The penalty-based QAOA, in contrast, almost never samples feasible solutions in this regime, and "
                     "for N=7 it does not yield any feasible sample at all within the given optimization budget.",
               where=f"{table3_where}, line 149; Table 3 (Std feas.), lines 145-147; Discussion, line 155; "
                     "abstract, line 6",
               reading="looser: 'almost never' read as median feasibility <= 0.01 per N (Discussion: 'of order "
                       "10^-3') and every standard run below the proposed worst; N = 7's 'not any feasible sample at "
                       "all' is C6b")
    claims.add("C6b", "Standard penalty QAOA yields no feasible sample at N = 7 within the optimisation budget "
               "(Table 3 '-')", "N = 7: best -, feas. 0.000", standard_never_feasible_at_7, table_runs,
               not_run=missing, seeds=table_seeds,
               quote="For N=7, the standard QAOA did not produce any feasible samples within the optimization budget.",
               where=f"Table 3 caption, line 143; {table3_where}, line 149; Table 3, line 146",
               reading="as stated: 'within the optimization budget' = every COBYLA evaluation's shots and the final "
                       "sample; the paper's single run read as at least half the seeds, as in C4")
    claims.add("C7", "Proposed best conflict < standard best feasible conflict (N = 6, 7, 8; a standard run without "
               "a feasible sample counts as a proposed win)",
               ", ".join(f"{t['prop_best']} vs {_fmt_best(t['std_best'])}" for t in t3.values()),
               proposed_closer_than_standard, table_runs, not_run=missing, seeds=table_seeds,
               quote="Thus, on this non-trivial 24-qubit instance, the proposed ansatz both concentrates probability "
                     "mass within the feasible subspace and finds solutions that are closer to the classical optimum "
                     "than those obtained by the greedy heuristic and the penalty-based QAOA.",
               where="Results > Performance comparison on an 8-node CBRS instance, line 96; Table 3, lines 145-147",
               reading="as stated: 'closer ... than' is strict (<) per (N, seed) pair; 'partly' when >= 50 % of pairs "
                       "are won")
    claims.add("C8a", "Fig. 2b: Dev_prop(0) = 0 and Dev_prop increases approximately linearly with p_err "
               f"(verdict: {CLAIM_SCOPE})", "prop near zero at p_err = 0, then approximately linear",
               noiseless_deviations, noise, quote=dev_quote, where=f"{fig2b_where}, line 112; Discussion, line 157",
               reading="as stated: 'approximately linearly' read as R^2 >= 0.95 of a least-squares line over the "
                       "p_err grid (our bound); the standard curve is C8c")
    claims.add("C8b", f"Fig. 2b: Dev_prop < 1 at every p_err up to 5 % and below Dev_std at every p_err > 0 "
               f"(verdict: {CLAIM_SCOPE})", "prop < 1.0 up to 5 %; std ~1.5-2.0", noisy_deviations, noise,
               quote=dev_quote,
               where=f"{fig2b_where}, line 112; Methods > Simulation setup ('ranging from 0 to 5%'), line 382; "
                     "Discussion, line 157",
               reading="as stated: 'below 1.0' at every p_err of the paper's 0-5 % grid on the all-gate scope (line "
                       "104: 'applied to all single- and two-qubit gates'); 'below std' follows from the paper's "
                       "std ~1.5-2.0")
    claims.add("C8c", f"Fig. 2b: Dev_std ~1.5-2.0 at every p_err (almost noise-independent; verdict: {CLAIM_SCOPE})",
               "std ~1.5-2.0 regardless of the noise level", standard_deviation_flat, noise,
               quote="The standard penalty-based QAOA exhibits a consistently high deviation (≈1.5–2.0), indicating "
                     "that it predominantly samples invalid solutions regardless of the noise level.",
               where=f"{fig2b_where}, line 112; Discussion, line 157",
               reading="as stated: every mean deviation of the standard ansatz in [1.5, 2.0]")
    claims.add("C9", "Fig. 3: dual ansatz keeps node and channel feasibility at 1", "essentially 1",
               dual_stays_feasible, dual,
               quote="Across the scanned grid, the node-feasibility and channel-feasibility ratios remain essentially "
                     "equal to one, confirming that the dual mixer preserves both sets of cardinality constraints at "
                     "the circuit level.",
               where=f"{dual_where}, line 131; Fig. 3 caption, line 115; Discussion, line 159",
               reading="as stated: every grid point's node and channel feasibility 1")
    claims.add("C10", "Fig. 3: some (gamma, beta) grid point has mean conflict comparable to the ILP optimum and "
               "strictly below greedy (node-only greedy, capacities ignored)",
               "comparable to the ILP optimum; strictly better than greedy (no value printed)", dual_comparable_to_ilp,
               dual, dual_curve,
               quote="Within this strictly feasible subspace, we observe parameter regions where the average conflict "
                     "is comparable to the ILP optimum and strictly better than a simple greedy multi-coloring "
                     "heuristic, even at depth p=1.",
               where=f"{dual_where}, line 131; Discussion, line 159",
               reading="as stated: 'strictly better' as <, 'comparable to the ILP optimum' as within 1 conflict of "
                       "the dual ILP optimum (our tolerance)")
    claims.add("C11", "The proposed QAOA converges rapidly to low-conflict assignments (N = 8; Fig. 2a)",
               "no value printed (Fig. 2a trajectories only)", proposed_converges_rapidly, table_runs, traces, base,
               not_run=largest_missing, seeds=table_seeds,
               quote="Within this subspace, the algorithm converges rapidly to low-conflict assignments without large "
                     "penalty coefficients.",
               where="Abstract, line 6; Results > Performance comparison on an 8-node CBRS instance (Fig. 2a), "
                     "line 92",
               reading="as stated: 'low-conflict' = median <C> at the optimum below the uniform Dicke start's mean, "
                       "'rapidly' = the median run makes 90 % of its objective's drop within half the COBYLA budget "
                       "(both bounds ours); 'without large penalty coefficients' holds by construction (Algorithm 1, "
                       "line 282)")
    claims.add("C12", "The proposed ansatz outperforms the greedy heuristic in feasibility ratio (N = 6, 7, 8)",
               "Table 2: greedy feas. 1.000 / 1.000 / 1.000 vs proposed 1.000 / 1.000 / 1.000",
               proposed_more_feasible_than_greedy, table_runs, base, not_run=missing, seeds=table_seeds,
               quote="Simulations on instances with up to eight nodes show that the proposed ansatz achieves "
                     "near-optimal conflict levels and consistently outperforms standard penalty-based QAOA and a "
                     "greedy classical heuristic in terms of feasibility.",
               where="Abstract, line 6; Table 2 (Greedy feas., Proposed feas.), lines 140-142",
               reading="contradicted: the paper's own Table 2 gives greedy feasibility 1.000 at N = 6, 7, 8, equal to "
                       "the proposed 1.000; decided on those numbers and on ours (the standard-QAOA half is C6)")
    claims.add("C13", f"Under depolarizing noise (N = 5, p_err 0-5 %) the proposed ansatz keeps a high feasibility "
               f"ratio (verdict: {CLAIM_SCOPE})",
               "no value printed; Fig. 2b's Dev_prop < 1.0 bounds it only as feas >= 1 - Dev",
               noisy_feasibility_high, noise, quote=high_feas_quote,
               where="Abstract, line 6; contribution paragraph, line 35; Methods > Simulation setup, line 382",
               reading=f"as stated: 'high' read as mean feasibility >= {HIGH_FEAS} (our bound) at every p_err of the "
                       f"paper's 0-5 % grid; 'partly' when only up to p_err = {NISQ_P_ERR} (our reading of "
                       "'NISQ-relevant': today's two-qubit error rates)")
    claims.add("C13b", "Under noise the proposed ansatz's feasibility ratio stays above the standard ansatz's at every "
               f"p_err > 0 (the subspace benefit outweighs the Dicke-preparation overhead; verdict: {CLAIM_SCOPE})",
               "no value printed", noisy_feasibility_beats_standard, noise,
               quote="For the problem sizes considered here the benefit of staying in the feasible subspace appears to "
                     "outweigh this overhead, but for larger or noisier devices the trade-off may become less "
                     "favorable.",
               where="Discussion (limitations), line 163",
               reading="as stated: the overhead (Dicke preparation, in the noisy circuit) against the benefit "
                       "(feasibility) read as feas_prop > feas_std at every p_err > 0 of the noise sweep")
    return claims.table()
