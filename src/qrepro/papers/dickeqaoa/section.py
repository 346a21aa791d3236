"""The dickeqaoa chapter: setup, verdicts, Tables 1 and 3 beside the paper's, noise, dual, verification, figures."""

from __future__ import annotations

import pandas as pd

from ...report.pdf import FRAME_WIDTH, PageBreak, claims_table, deviations_table, figure, heading, para, table
from .claims import PAPER_TABLE1
from .deviations import DEVIATIONS
from .figures import CAPTIONS


def _num(v, fmt="{:g}") -> str:
    return "-" if v is None or pd.isna(v) else fmt.format(v)


def section(runs: pd.DataFrame, table3: pd.DataFrame, claims: pd.DataFrame, noise: pd.DataFrame,
            baselines: pd.DataFrame, dual_curve: pd.DataFrame, verification: pd.DataFrame, figures: dict,
            setup: dict) -> list:
    out = [heading("dickeqaoa: subspace-confined QAOA for CBRS channel allocation (paper 003)", 1)]
    pr = setup["protocol"]
    out.append(para(
        f"Tier <b>{setup['tier']}</b>. Instances: ring C_N plus chords {setup['chords']}, m = {setup['m']} channels, "
        f"demands {setup['demands']} truncated to N; N = {', '.join(map(str, setup['N']))}; {setup['seeds']} seeds. "
        f"p = {pr['p']}, COBYLA maxiter {setup['maxiter']}, rhobeg {pr['rhobeg']}, x0 ~ U(0, {pr['init_high']:.3g})^2, "
        f"{pr['objective']} objective over {setup['shots']} shots, final {setup['shots']}-shot sample; penalty "
        f"lambda = {setup['lam']}. Variants: {', '.join(setup['variants'])}. Noise: N = {setup['noise_N']}, p_err "
        f"{setup['p_err']}, scopes {', '.join(setup['scopes'])}, {setup['repeats']} x {setup['noise_shots']} shots. "
        f"Dual: L = {setup['capacities']}, {setup['dual_grid']} x {setup['dual_grid']} grid, "
        f"{setup['dual_shots']} shots."))
    out.append(heading("Claim verdicts", 2))
    out.append(claims_table(claims))

    out.append(heading("Table 1: search space at N = 8 (paper vs ours)", 2))
    b8 = baselines[baselines.N == 8]
    if len(b8):
        b = b8.iloc[0]
        out.append(table(pd.DataFrame([
            ["total states 2^24", f"{PAPER_TABLE1['total_states']:,}", f"{int(b.total_states):,}"],
            ["feasible states", f"{PAPER_TABLE1['feasible_states']:,}", f"{int(b.feasible_states):,}"],
            ["feasible fraction", f"{PAPER_TABLE1['feasible_fraction']:.2g}", f"{b.feasible_fraction:.3g}"],
            ["reduction factor", f"{PAPER_TABLE1['reduction_factor']:.2g}", f"{b.reduction_factor:.4g}"],
        ], columns=["quantity", "paper", "ours"])))

    out.append(heading("Table 3: best conflict and feasibility (paper vs ours)", 2))
    out.append(para("Ours: median over seeds, then the number of seeds reaching each best conflict "
                    "('-' = no feasible shot in the final sample)."))
    t = table3[table3.variant == "paper"] if (table3.variant == "paper").any() else table3
    out.append(table(pd.DataFrame([{
        "N": int(r.N), "ILP paper/ours": f"{_num(r.paper_ilp)} / {r.ilp}",
        "greedy paper/ours": f"{_num(r.paper_greedy)} / {r.greedy}",
        "std best paper": _num(r.paper_std_best) if r.N in (6, 8) else "-" if r.N == 7 else "",
        "std best ours": f"{_num(r.std_best_median)} ({r.std_best_dist})",
        "std feas paper/ours": f"{_num(r.paper_std_feas, '{:.3f}')} / {_num(r.std_feas_median, '{:.4f}')}",
        "prop best paper": _num(r.paper_prop_best),
        "prop best ours": f"{_num(r.prop_best_median)} ({r.prop_best_dist})",
        "prop feas paper/ours": f"{_num(r.paper_prop_feas, '{:.3f}')} / {_num(r.prop_feas_median, '{:.3f}')}",
    } for r in t.itertuples()]), font_size=7))
    other = table3[table3.variant != "paper"]
    if len(other):
        out.append(para("Other protocol variants (proposed best conflict per seed): " + "; ".join(
            f"{r.variant} N={int(r.N)}: {r.prop_best_dist}" for r in other.itertuples())))
    exact = runs[runs.variant == "paper"].groupby(["ansatz", "N"])[["p_opt", "shots_to_opt"]].median().reset_index()
    if len(exact):
        out.append(para("Exact output distributions at the optimised parameters (median over seeds): " + "; ".join(
            f"{r.ansatz} N={int(r.N)}: P(opt) = {r.p_opt:.2g}, shots for 95% chance of an optimum = "
            f"{_num(r.shots_to_opt, '{:.0f}')}" for r in exact.itertuples())))

    out.append(heading("Fig. 2b: deviation under depolarizing noise", 2))
    if len(noise):
        wide = noise.pivot_table(index="p_err", columns=["scope", "ansatz"], values="deviation")
        wide.columns = [f"{s} {a}" for s, a in wide.columns]
        out.append(table(wide.round(3).reset_index(), font_size=7))
    info = dual_curve.iloc[0]
    out.append(heading("Fig. 3: dual-constraint ansatz", 2))
    out.append(para(
        f"{int(info.n_states)} states satisfy both row sums k and column sums L ({int(info.components)} component(s) "
        f"under plaquette moves); X0 from greedy fill has C = {int(info.x0_conflict)}; "
        f"ILP optimum {int(info.ilp_opt)}, "
        f"greedy {int(info.greedy)}, uniform mean {info.uniform_mean:.3f}. Lowest exact mean conflict over beta: "
        + ", ".join(f"{m} {c.exact_mean_conflict.min():.2f}" for m, c in dual_curve.groupby("mode"))
        + ". At p = 1 the cost layer acts on one basis state, so gamma is a global phase and the heatmap is "
        "constant along gamma."))
    out.append(heading("Simulator verification", 2))
    v = verification.assign(value=verification.value.map("{:.2e}".format),
                            tolerance=verification.tolerance.map("{:.2e}".format),
                            passed=verification.passed.map({True: "yes", False: "NO"}))
    out.append(table(v[["check", "N", "detail", "value", "tolerance", "passed"]], font_size=7))
    out += figure(figures["best_conflict"], CAPTIONS["best_conflict"],
                  width=0.6 * FRAME_WIDTH)
    out += figure(figures["trajectories"], CAPTIONS["trajectories"])
    out += figure(figures["noise"], CAPTIONS["noise"])
    out += figure(figures["dual"], CAPTIONS["dual"])
    out.append(heading("Deviations from the paper", 2))
    out.append(deviations_table(DEVIATIONS))
    out.append(PageBreak())
    return out
