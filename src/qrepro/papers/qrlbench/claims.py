"""qrlbench headline claims (spec 001 section 6) decided from sample-complexity intervals over the grid."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...claims import Claims, SeedRule, not_run

# the claims the README's Findings show (a selection; every claim is in the report)
HEADLINES = ("H2", "H6", "H9", "H14", "H16")

RUNS_RULE = SeedRule(note="only {n} run(s) per model; needs >= {minimum}")
FIG7_CELL = (0.15, 0.75)      # (eps, delta) of the saturation claims (Fig. 7)


def _pair(pairs, a, b):
    return pairs[(pairs.model == a) & (pairs.baseline == b)].iloc[0]


def _cells(sc, m):
    return sc[sc.model == m].sort_values(["eps", "delta"])


def _at_cell(sc, m, eps=FIG7_CELL[0], delta=FIG7_CELL[1]):
    r = sc[(sc.model == m) & np.isclose(sc.eps, eps) & np.isclose(sc.delta, delta)]
    if r.empty:
        raise KeyError(f"cell eps={eps}, delta={delta} is not in the grid")
    return r.iloc[0]


def _overlap(a, b):
    return a.lo <= b.hi and b.lo <= a.hi


def outperforms(pairs, a: str, b: str) -> tuple[str, str]:
    """H1, H2: ``a`` outperforms ``b`` (Definition 4.2: lower S with disjoint ranges somewhere, never higher)."""
    p = _pair(pairs, a, b)
    return ("holds" if p.outperforms else "fails",
            f"{a} significantly lower in {p.cells_better} cell(s), higher in {p.cells_worse}")


def c64_never_better_than_q14(pairs) -> tuple[str, str]:
    """H3: C64-2 is significantly better than Q14-4 in no cell."""
    n = int(_pair(pairs, "C64-2", "Q14-4").cells_better)
    return "holds" if n == 0 else "fails", f"C64-2 significantly lower in {n} cell(s)"


def c32_slightly_worse_than_q14(sc, pairs) -> tuple[str, str]:
    """H5: S(Q14-4) < S(C32-2) in most but not all cells, none of them significant."""
    q, c = _cells(sc, "Q14-4").S.to_numpy(), _cells(sc, "C32-2").S.to_numpy()
    wins = int((q < c).sum())
    sig = _pair(pairs, "Q14-4", "C32-2").cells_better + _pair(pairs, "C32-2", "Q14-4").cells_better
    ok = len(q) / 2 < wins < len(q) and sig == 0
    return "holds" if ok else "fails", f"S(Q14-4) < S(C32-2) in {wins}/{len(q)} cells; {sig} significant"


def quantum_on_par_with_c32(sc) -> tuple[str, str]:
    """H6: the Q10-4 and Q14-4 ranges overlap C32-2's in most cells."""
    c = _cells(sc, "C32-2")
    overl = []
    for m in ("Q10-4", "Q14-4"):
        q = _cells(sc, m)
        overl.append(int(np.sum((q.lo.to_numpy() <= c.hi.to_numpy()) & (c.lo.to_numpy() <= q.hi.to_numpy()))))
    ok = all(o > len(c) / 2 for o in overl)
    return "holds" if ok else "fails", f"overlapping cells with C32-2: Q10-4 {overl[0]}, Q14-4 {overl[1]} of {len(c)}"


def q10_close_to_q14(sc) -> tuple[str, str]:
    """H7: Q10-4 needs at least as many samples as Q14-4 in most cells."""
    a, b = _cells(sc, "Q10-4").S.to_numpy(), _cells(sc, "Q14-4").S.to_numpy()
    n = int((a >= b).sum())
    return "holds" if n > len(a) / 2 else "fails", f"S(Q10-4) >= S(Q14-4) in {n}/{len(a)} cells"


def classical_saturation(sc) -> tuple[str, str]:
    """H8: S(C16) > S(C32) > S(C64) at the Fig. 7 cell, and the C64 / C128 / C256 ranges all overlap."""
    s16, s32, s64 = (_at_cell(sc, m) for m in ("C16-2", "C32-2", "C64-2"))
    big = [_at_cell(sc, m) for m in ("C64-2", "C128-2", "C256-2")]
    order = s16.S > s32.S > s64.S
    flat = all(_overlap(a, b) for i, a in enumerate(big) for b in big[i + 1:])
    return ("holds" if order and flat else ("partly" if order or flat else "fails"),
            f"S C16/C32/C64 = {s16.S}/{s32.S}/{s64.S}; C64/C128/C256 intervals overlap: {flat} (eps 0.15, delta 0.75)")


def no_quantum_saturation(sc) -> tuple[str, str]:
    """H9: Q14-4 has the lowest S of the Q[n-4] models run ("partly" when it at least beats Q10-4)."""
    models = set(sc.model)
    qs = [m for m in ("Q6-4", "Q8-4", "Q10-4", "Q12-4", "Q14-4") if m in models]
    S = {m: _at_cell(sc, m).S for m in qs}
    lowest = min(S, key=S.get) == "Q14-4"
    trend = S["Q14-4"] <= S["Q10-4"]
    return ("holds" if lowest else ("partly" if trend else "fails"),
            ", ".join(f"{m} {v}" for m, v in S.items()) + " (eps 0.15, delta 0.75)")


def depth_brings_no_gain(sc) -> tuple[str, str]:
    """H10: C[W-2] and C[W-3] ranges overlap at the Fig. 7 cell for W = 32, 64."""
    res = {w: _overlap(_at_cell(sc, f"C{w}-2"), _at_cell(sc, f"C{w}-3")) for w in (32, 64)}
    return ("holds" if all(res.values()) else "fails",
            ", ".join(f"C{w}-2 vs C{w}-3 overlap: {v}" for w, v in res.items()) + " (eps 0.15, delta 0.75)")


def ppo_less_efficient(sc, sc_ppo) -> tuple[str, str]:
    """H11: S(PPO) > S(DDQN) in every cell, for every model run with both."""
    both = sorted(set(sc_ppo.model) & set(sc.model))
    worse = []
    for m in both:
        p, d = (x[x.model == m].sort_values(["eps", "delta"]).S.to_numpy() for x in (sc_ppo, sc))
        worse.append(f"{m} {int((p > d).sum())}/{len(p)}")
    ok = all(w.split()[1].split("/")[0] == w.split("/")[1] for w in worse)
    return "holds" if ok else "fails", "cells with S(PPO) > S(DDQN): " + ", ".join(worse)


def evaluate_claims(sc: pd.DataFrame, pairs: pd.DataFrame, config: str = "a3-main",
                    sc_ppo: pd.DataFrame | None = None) -> pd.DataFrame:
    """H1-H3, H5-H11 from the main env's DDQN tables (and PPO's, for H11) where the models they name were run."""
    fmt = lambda xs: "/".join(f"{x:g}" for x in sorted(xs))  # noqa: E731
    claims = Claims(config, RUNS_RULE,
                    ours_suffix=f" (grid eps {fmt(sc.eps.unique())} x delta {fmt(sc.delta.unique())})")
    models, n_runs = set(sc.model), int(sc.n_runs.min()) if len(sc) else 0

    def add(cid, statement, paper, needs, decide, *args):
        claims.add(cid, statement, paper, decide, *args, not_run=not_run(needs, models), seeds=n_runs)

    add("H1", "Q14-4 significantly outperforms the similar-sized C16-2", "Fig. 1, 6; sec. 6.1", ["Q14-4", "C16-2"],
        outperforms, pairs, "Q14-4", "C16-2")
    add("H2", "Q10-4 significantly outperforms the similar-sized C16-2", "sec. 6.1", ["Q10-4", "C16-2"],
        outperforms, pairs, "Q10-4", "C16-2")
    add("H3", "C64-2 does not significantly outperform Q14-4 in any cell", "sec. 6.1", ["C64-2", "Q14-4"],
        c64_never_better_than_q14, pairs)
    add("H5", "C32-2 slightly worse than Q14-4 in most but not all cells, never significantly", "Fig. 6 text",
        ["Q14-4", "C32-2"], c32_slightly_worse_than_q14, sc, pairs)
    add("H6", "Q10-4 and Q14-4 are on par with C32-2 (intervals overlap in most cells)", "Fig. 6 caption",
        ["Q10-4", "Q14-4", "C32-2"], quantum_on_par_with_c32, sc)
    add("H7", "Q10-4 close to but not quite Q14-4", "sec. 6.1", ["Q10-4", "Q14-4"], q10_close_to_q14, sc)
    add("H8", "Classical saturation at width 64: S(C16) > S(C32) > S(C64); C64, C128, C256 overlap", "Fig. 7, 19a",
        ["C16-2", "C32-2", "C64-2", "C128-2", "C256-2"], classical_saturation, sc)
    add("H9", "No quantum saturation up to 14 qubits: S(Q14-4) lowest of Q[n-4]", "Fig. 7, 19b",
        ["Q10-4", "Q14-4"], no_quantum_saturation, sc)
    add("H10", "Depth >= 3 brings no significant gain (C[W-2] and C[W-3] intervals overlap, W = 32, 64)",
        "Fig. 19a", ["C32-2", "C32-3", "C64-2", "C64-3"], depth_brings_no_gain, sc)
    has_ppo = sc_ppo is not None and bool(set(sc_ppo.model) & models)
    add("H11", "PPO is less sample-efficient than DDQN for every model and cell", "App. C.2",
        [] if has_ppo else ["PPO runs"], ppo_less_efficient, sc, sc_ppo)
    return claims.table()


def hierarchy_on_surface(surface: pd.DataFrame, cap: int, share: float) -> tuple[str, str]:
    """H4: S(C64-2) <= S(Q14-4) <= S(C16-2) in >= ``share`` of the Fig. 1 cells, all three capped at (0.10, 0.9)."""
    needs = ["C64-2", "Q14-4", "C16-2"]
    w = surface.pivot_table(index=["eps", "delta"], columns="model", values="S")
    ordered = float(((w["C64-2"] <= w["Q14-4"]) & (w["Q14-4"] <= w["C16-2"])).mean())
    corner = w.loc[(0.1, 0.9), needs] if (0.1, 0.9) in w.index else None
    capped = corner is not None and bool((corner >= cap).all())
    verdict = "holds" if ordered >= share and capped else ("partly" if ordered >= share or capped else "fails")
    return verdict, (f"ordering in {ordered:.0%} of {len(w)} cells; at (0.10, 0.9): "
                     + ("not in grid" if corner is None else ", ".join(f"{m} {int(v)}" for m, v in corner.items()))
                     + f" (cap {cap})")


def surface_claims(surface: pd.DataFrame, cap: int, n_runs: int, share: float = 0.8) -> pd.DataFrame:
    """H4 on the Fig. 1 grid (spec [A]: the ordering in 80% of the cells)."""
    claims = Claims("surface", RUNS_RULE)
    claims.add("H4", "Point estimates keep C64-2 <= Q14-4 <= C16-2 on the Fig. 1 grid; all capped at (0.10, 0.9)",
               "Fig. 1 ('hierarchy is preserved')", hierarchy_on_surface, surface, cap, share,
               not_run=not_run(["C64-2", "Q14-4", "C16-2"], surface.model), seeds=n_runs)
    return claims.table()


def _with_layout(sc: pd.DataFrame) -> pd.DataFrame:
    """DDQN tables whose ``config`` is ``<env>/ddqn`` with the env's layout and trajectory degree as columns."""
    from .config import parse_env

    sc = sc.assign(env=sc.config.str.rsplit("/", n=1).str[0])
    parsed = {e: parse_env(e) for e in sc.env.unique()}
    return sc.assign(layout=sc.env.map(lambda e: parsed[e][0]), degree=sc.env.map(lambda e: parsed[e][1]))


def rises_with_degree(deg: pd.DataFrame, lo: int, hi: int) -> tuple[str, str]:
    """H12: S at the highest trajectory degree is >= S at the lowest, for every model and cell."""
    bad = []
    for m, g in deg.groupby("model"):
        a = g[g.degree == lo].sort_values(["eps", "delta"]).S.to_numpy()
        b = g[g.degree == hi].sort_values(["eps", "delta"]).S.to_numpy()
        if len(a) and len(b) and (b < a).any():
            bad.append(m)
    return "holds" if not bad else "fails", "violations: " + (", ".join(bad) or "none")


def rises_with_antennas(rnd: pd.DataFrame) -> tuple[str, str]:
    """H13: the mean S over random layout instances is non-decreasing in the antenna count, for every model."""
    means = rnd.groupby(["model", "A"]).S.mean().unstack("A")
    mono = [m for m, r in means.iterrows() if (np.diff(r.to_numpy()) >= 0).all()]
    return ("holds" if len(mono) == len(means) else ("partly" if mono else "fails"),
            "; ".join(f"{m}: " + ", ".join(f"A={a} {v:.0f}" for a, v in r.items()) for m, r in means.iterrows()))


def sweep_claims(sc: pd.DataFrame, main_env: str) -> pd.DataFrame:
    """H12 (S grows with trajectory degree) and H13 (mean S over layout instances grows with antenna count)
    from DDQN tables whose ``config`` is ``<env>/ddqn``; 'n/a' when the sweep was not run."""
    from .config import parse_env

    sc = _with_layout(sc)
    claims = Claims("sweeps")
    deg = sc[sc.layout == parse_env(main_env)[0]]
    degrees = sorted(deg.degree.unique())
    lo, hi = (degrees[0], degrees[-1]) if degrees else (None, None)
    claims.add("H12", f"S(degree {hi}) >= S(degree {lo}) for every model and cell" if len(degrees) >= 2 else
               "S rises with trajectory degree (every model, every cell)", "Fig. 20a", rises_with_degree, deg, lo, hi,
               not_run=None if len(degrees) >= 2 else "degree sweep not run in this tier")
    rnd = sc[sc.layout != "a3-main"].assign(A=lambda d: d.layout.str.extract(r"^a(\d+)-")[0].astype(int))
    counts = sorted(rnd.A.unique()) if len(rnd) else []
    claims.add("H13", "Mean S over layout instances is non-decreasing in the antenna count" if len(counts) >= 2 else
               "Mean S over layout instances rises with the antenna count", "Fig. 20b", rises_with_antennas, rnd,
               not_run=None if len(counts) >= 2
               else "antenna-count sweep not run in this tier (needs >= 2 antenna counts)")
    return claims.table()


def quantum_competitive(sc: pd.DataFrame, quantum: str, classical: str, share: float) -> tuple[str, str]:
    """H16: the classical VPG is significantly better (disjoint 5-95% ranges) in at most 1 - ``share`` of the
    cells not censored for both; the overlap at the tightest eps is reported beside it."""
    q, c = (sc[sc.model == m].sort_values(["eps", "delta"]).reset_index(drop=True) for m in (quantum, classical))
    n_runs = int(sc.n_runs.min())
    informative = ~(q.censored & c.censored).to_numpy()        # both at the cap: the cell says nothing
    c_better, q_better = (c.hi < q.lo).to_numpy(), (q.hi < c.lo).to_numpy()
    tight = np.isclose(q.eps, q.eps.min())
    overlap = int((~c_better[tight] & ~q_better[tight]).sum())
    n = int(informative.sum())
    ok = 1 - c_better[informative].mean() if n else np.nan
    verdict = "n/a" if not n else ("holds" if ok >= share else ("partly" if ok >= 0.5 else "fails"))
    return verdict, (f"{classical} significantly lower S in {int(c_better.sum())}/{n} cells not censored for both, "
                     f"{quantum} in {int(q_better.sum())}; at eps = {q.eps.min():g} the intervals overlap in {overlap}/"
                     f"{int(tight.sum())} cells; median S {quantum} {q.S.median():.0f} vs {classical} "
                     f"{c.S.median():.0f} episodes ({n_runs} runs each, cap {int(q.cap.iloc[0])})")


def cartpole_claims(sc: pd.DataFrame, quantum: str = "Q4-1", classical: str = "C16-1",
                    share: float = 0.8) -> pd.DataFrame:
    """H16 (Fig. 9, approximate setup of spec 1.2): the quantum VPG is competitive with the classical one across
    nearly all (eps, delta) cells; the paper adds that some intervals overlap at eps = 0.05."""
    claims = Claims("cartpole/vpg", RUNS_RULE)
    claims.add("H16", f"{quantum} VPG is competitive with {classical} VPG on CartPole across nearly all eps-delta "
                      "cells (approximate setup: the paper gives none)", "Fig. 9, sec. 6.4",
               quantum_competitive, sc, quantum, classical, share, not_run=not_run([quantum, classical], sc.model),
               seeds=int(sc.n_runs.min()) if len(sc) else 0)
    return claims.table()


def follows_theorem_b3(bias: pd.DataFrame, tol: float, margin: float) -> tuple[str, str]:
    """H15: the Monte Carlo P(P_hat_t < delta) is within ``tol`` of Theorem B.3's normal approximation for P_t in
    [margin, 1 - margin] ("partly" within 2 tol); the exact binomial is reported beside it."""
    inner = bias[(bias.p_true >= margin) & (bias.p_true <= 1 - margin)]
    dev = (inner.monte_carlo - inner.clt).abs().groupby(inner.delta).max()
    exact = float((bias.monte_carlo - bias.exact).abs().max())
    worst = float(dev.max())
    verdict = "holds" if worst <= tol else ("partly" if worst <= 2 * tol else "fails")
    return verdict, ("max |MC - normal approx.| for P_t in [%g, %g]: " % (margin, 1 - margin)
                     + ", ".join(f"delta {d:g}: {v:.3f}" for d, v in dev.items())
                     + f"; max |MC - exact binomial| {exact:.3f} (N = {int(bias.n_runs.iloc[0])}, "
                     f"{int(bias.reps.iloc[0])} repetitions); the gap sits at P_t = delta, where the binomial is "
                     "discrete")


def bias_claim(bias: pd.DataFrame, tol: float = 0.05, margin: float = 0.05) -> pd.DataFrame:
    """H15 (Fig. 16) with spec [A]'s tolerance 0.05."""
    claims = Claims("estimator")
    claims.add("H15", "1[P_hat_t < delta] is a smoothed step: P(P_hat_t < delta) ~ Phi((delta - P_t) sqrt(N) / sigma) "
                      "(Theorem B.3)", "Fig. 16, App. B", follows_theorem_b3, bias, tol, margin)
    return claims.table()


def best_instances_near_optimal(pt: pd.DataFrame, q: str, c: str, near: float, alpha: float) -> tuple[str, str]:
    """H14: the best instances of ``q`` and ``c`` are within ``near`` of the optimal policy's mean cumulative
    intensity, more than half-way from random to optimal, and not significantly different (Welch t at ``alpha``)."""
    from scipy.stats import ttest_ind

    mean = pt.groupby("policy").cum_intensity.mean()
    inst = {m: pt[pt.policy == m].groupby("instance").cum_intensity.mean() for m in (q, c)}
    opt, rnd = mean["optimal"], mean["random"]
    gap = {m: 1 - mean[m] / opt for m in (q, c)}
    far = min(mean[q], mean[c]) - rnd > 0.5 * (opt - rnd)
    p = float(ttest_ind(inst[q], inst[c], equal_var=False).pvalue)
    near_ok = all(g <= near for g in gap.values())
    verdict = ("holds" if near_ok and far and p >= alpha else
               "fails" if not far or all(g > 2 * near for g in gap.values()) else "partly")
    ours = (f"mean cumulative intensity: optimal {opt:.2f}, {q} {mean[q]:.2f} ({gap[q]:.1%} below), {c} "
            f"{mean[c]:.2f} ({gap[c]:.1%} below), random {rnd:.2f} (paper ~13.9 / ~5.1); {q} vs {c} instance "
            f"means: Welch p = {p:.3f} ({len(inst[q])} vs {len(inst[c])} best instances, "
            f"{pt.trajectory.nunique()} trajectories each)")
    return verdict, ours + (f"; {q} stands in for the paper's Q14-4" if q != "Q14-4" else "")


def policy_test_claim(pt: pd.DataFrame, near: float = 0.05, alpha: float = 0.05) -> pd.DataFrame:
    """H14 (Fig. 8) on the first quantum and the first classical model of the policy test."""
    claims = Claims("policy test", SeedRule(note="only {n} instance(s) per model"))
    models = [m for m in pt.policy.unique() if m not in ("optimal", "random")]
    q = next((m for m in models if m.startswith("Q")), None)
    c = next((m for m in models if m.startswith("C")), None)
    both = q is not None and c is not None
    instances = min(pt[pt.policy == m].instance.nunique() for m in (q, c)) if both else None
    claims.add("H14", "The best trained quantum and classical DDQN instances are near-optimal, far above random, and "
                      "not significantly different", "Fig. 8, sec. 6.1", best_instances_near_optimal, pt, q, c, near,
               alpha, not_run=None if both else "policy test needs one quantum and one classical model",
               seeds=instances)
    return claims.table()
