"""qrlbench claims (spec 001 section 6, and every claim of the paper's abstract, contributions and conclusion),
decided from sample-complexity ranges (Definition 4.2) and point estimates. Each row carries the paper's words
(``quote``, cleaned of the text extraction's repeated digits), their place in the seed text (``where``) and how our
test reads them (``reading``); the ``paper`` column holds the paper's own short words, since it prints no number
for any of these results (its sample complexities exist only as plots).

Two rules run through the deciders. Ranges (5-95% cluster bootstrap over runs, the paper's) use every run of each
model. Point estimates compare models at equal runs (each on its first n, n the fewer): Ŝ's threshold moves with
the run count (delta 0.75 asks 4 of 5 runs, 15 of 20), so a 5-run model's S would lean high against a 20-run one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ...claims import Claims, SeedRule, not_run
from ...stats.sample_complexity import sample_complexity

# the claims the README's Findings show (a selection; every claim is in the report)
HEADLINES = ("H1", "H6", "H9", "H14", "H16", "H20")

RUNS_RULE = SeedRule(note="only {n} run(s) per model; needs >= {minimum}")
R_CELL = (0.15, 0.75)         # (eps, delta) of Fig. 7 / 19 in the authors' plot scripts [R]; the paper says 0.85
PPO_PAPER_STEPS = 1_000_000   # the paper's PPO budget (App. C.2); ours is DDQN's 200,000
Q12_NOT_RUN = "Q12-4 not run (0.97 CPU-h at 5 seeds)"
QUBIT_SERIES = ("Q6-4", "Q8-4", "Q10-4", "Q14-4")
SWEEP_NAMES = {"degree": "degree", "A": "antennas"}


@dataclass(frozen=True)
class Runs:
    """One (env, algo)'s validation matrices by model ((runs, epochs), runs in seed order), the samples an epoch
    costs and the mean seconds an epoch took per model: what point estimates at equal runs, the step cap and the
    price of a longer run come from."""
    V: dict
    per_epoch: int
    seconds: dict = field(default_factory=dict)

    def cap(self, model: str) -> int:
        return self.V[model].shape[1] * self.per_epoch

    def points(self, models, cells) -> tuple[dict[str, np.ndarray], int]:
        """S of each of ``models`` in each (eps, delta) of ``cells``, each model on its first n runs, n the fewest
        any of them has."""
        n = min(len(self.V[m]) for m in models)
        return {m: np.array([sample_complexity(self.V[m][:n], e, d, self.per_epoch) for e, d in cells])
                for m in models}, n


def grid(eps, delta) -> list[tuple[float, float]]:
    return [(e, d) for e in eps for d in delta]


def _cells(sc, m):
    return sc[sc.model == m].sort_values(["eps", "delta"]).reset_index(drop=True)


def _at_cell(sc, m, eps, delta):
    r = sc[(sc.model == m) & np.isclose(sc.eps, eps) & np.isclose(sc.delta, delta)]
    if r.empty:
        raise KeyError(f"cell eps={eps}, delta={delta} is not in the table")
    return r.iloc[0]


def _overlap(a, b):
    return a.lo <= b.hi and b.lo <= a.hi


def _n(sc, m) -> int:
    return int(sc[sc.model == m].n_runs.iloc[0])


def _capped(rows) -> np.ndarray:
    """Cells whose S sits at the step cap: no estimate, only a bound."""
    return (rows.S >= rows.cap).to_numpy()


def _cell(eps, delta) -> str:
    return f"eps {eps:g}, delta {delta:g}"


def significance(sc, a: str, b: str) -> tuple[int, int]:
    """Cells where ``a``'s range lies strictly below ``b``'s, and where ``b``'s lies below ``a``'s (Def. 4.2)."""
    x, y = _cells(sc, a), _cells(sc, b)
    return int((x.hi.to_numpy() < y.lo.to_numpy()).sum()), int((y.hi.to_numpy() < x.lo.to_numpy()).sum())


def _runs_note(sc, *models) -> str:
    return ", ".join(f"{m} {_n(sc, m)}" for m in models) + " runs; 5-95% cluster-bootstrap ranges"


def outperforms(sc, a: str, b: str) -> tuple[str, str]:
    """H1, H2, H22: ``a`` outperforms ``b`` (Definition 4.2: significantly lower S somewhere, never higher)."""
    better, worse = significance(sc, a, b)
    return ("holds" if better and not worse else "fails",
            f"{a} significantly lower in {better} cell(s), higher in {worse} ({_runs_note(sc, a, b)})")


def consistently_lower(runs: Runs, a: str, b: str, cells, share: float = 0.8) -> tuple[str, str]:
    """H1a, H2a: S(a) <= S(b) in every cell not capped for both ("partly" from ``share`` of them)."""
    S, n = runs.points([a, b], cells)
    both = (S[a] >= runs.cap(a)) & (S[b] >= runs.cap(b))
    ok = (S[a] <= S[b])[~both]
    if not len(ok):
        return "inconclusive", f"both capped in all {len(cells)} cells"
    verdict = "holds" if ok.all() else ("partly" if ok.mean() >= share else "fails")
    worst = int(np.argmax(np.where(both, -np.inf, S[a] - S[b])))
    return verdict, (f"S({a}) <= S({b}) in {int(ok.sum())}/{len(ok)} cells not capped for both (of {len(cells)}: "
                     f"Fig. 6 and Fig. 1 grids); point estimates at {n} runs each; largest S({a}) - S({b}): "
                     f"{S[a][worst] - S[b][worst]:+,.0f} steps at {_cell(*cells[worst])}")


def c64_never_better_than_q14(sc) -> tuple[str, str]:
    """H3: C64-2 does not outperform Q14-4 (Def. 4.2); "partly" when it is significantly lower in some cells and
    higher in others (not outperformance by the definition, but not parity either)."""
    better, worse = significance(sc, "C64-2", "Q14-4")
    verdict = "holds" if better == 0 else ("partly" if worse else "fails")
    return verdict, (f"C64-2 significantly lower in {better} cell(s), higher in {worse} "
                     f"({_runs_note(sc, 'Q14-4', 'C64-2')})")


def c32_slightly_worse_than_q14(sc, runs: Runs, cells) -> tuple[str, str]:
    """H5: S(Q14-4) < S(C32-2) in most but not all cells (point estimates at equal runs), none significant."""
    S, n = runs.points(["Q14-4", "C32-2"], cells)
    wins = int((S["Q14-4"] < S["C32-2"]).sum())
    sig = sum(significance(sc, "Q14-4", "C32-2"))
    ok = len(cells) / 2 < wins < len(cells) and sig == 0
    return "holds" if ok else "fails", (f"S(Q14-4) < S(C32-2) in {wins}/{len(cells)} cells (point estimates at {n} "
                                        f"runs each); {sig} significant ({_runs_note(sc, 'Q14-4', 'C32-2')})")


def quantum_on_par_with_c32(sc) -> tuple[str, str]:
    """H6: neither Q10-4 nor Q14-4 outperforms C32-2 and C32-2 outperforms neither (Def. 4.2 both ways);
    "partly" when one quantum model is on par. The range overlap count is reported beside it."""
    c = _cells(sc, "C32-2")
    on_par, parts = [], []
    for m in ("Q10-4", "Q14-4"):
        q = _cells(sc, m)
        lower, higher = significance(sc, m, "C32-2")
        overlap = int(((q.lo <= c.hi) & (c.lo <= q.hi)).sum())
        on_par.append(not (lower and not higher) and not (higher and not lower))
        parts.append(f"{m} ({_n(sc, m)} runs) significantly lower in {lower}, higher in {higher} cell(s), ranges "
                     f"overlap in {overlap}/{len(c)}")
    verdict = "holds" if all(on_par) else ("partly" if any(on_par) else "fails")
    return verdict, "vs C32-2 (" + f"{_n(sc, 'C32-2')} runs): " + "; ".join(parts)


def q10_close_to_q14(sc, runs: Runs, cells) -> tuple[str, str]:
    """H7: "not quite": S(Q10-4) >= S(Q14-4) in most cells (point estimates at equal runs); "close to": their
    ranges overlap in most cells. Both: holds; one: partly."""
    S, n = runs.points(["Q10-4", "Q14-4"], cells)
    behind = int((S["Q10-4"] >= S["Q14-4"]).sum())
    a, b = _cells(sc, "Q10-4"), _cells(sc, "Q14-4")
    close = int(((a.lo <= b.hi) & (b.lo <= a.hi)).sum())
    parts = (behind > len(cells) / 2, close > len(a) / 2)
    return ("holds" if all(parts) else ("partly" if any(parts) else "fails"),
            f"S(Q10-4) >= S(Q14-4) in {behind}/{len(cells)} cells (point estimates at {n} runs each); ranges "
            f"overlap in {close}/{len(a)} ({_runs_note(sc, 'Q10-4', 'Q14-4')})")


def _at(sc, m, cell) -> str:
    r = _at_cell(sc, m, *cell)
    return f"{m} {r.S:,} [{r.lo:,.0f}, {r.hi:,.0f}]"


def classical_saturation(abl, sc, cell) -> tuple[str, str]:
    """H8 at the Fig. 19 cell: S(C16-2) > S(C32-2) > S(C64-2), and the C64 / C128 / C256 ranges all overlap; the
    authors' plot-script cell [R] is reported beside it from the Fig. 6 grid."""
    s16, s32, s64 = (_at_cell(abl, m, *cell) for m in ("C16-2", "C32-2", "C64-2"))
    big = [_at_cell(abl, m, *cell) for m in ("C64-2", "C128-2", "C256-2")]
    order = s16.S > s32.S > s64.S
    flat = all(_overlap(a, b) for i, a in enumerate(big) for b in big[i + 1:])
    models = ("C16-2", "C32-2", "C64-2", "C128-2", "C256-2")
    on_grid = sc[np.isclose(sc.eps, R_CELL[0]) & np.isclose(sc.delta, R_CELL[1])]
    r_cell = ", ".join(_at(sc, m, R_CELL) for m in ("C16-2", "C32-2", "C64-2") if m in set(on_grid.model)) or "-"
    return ("holds" if order and flat else ("partly" if order or flat else "fails"),
            f"at {_cell(*cell)}: " + ", ".join(_at(abl, m, cell) for m in models)
            + f" ({_runs_note(abl, *models)}); C64/C128/C256 ranges overlap: {'yes' if flat else 'no'}; at the plot "
            f"scripts' {_cell(*R_CELL)} [R]: {r_cell}")


def no_quantum_saturation(runs: Runs, cell) -> tuple[str, str]:
    """H9: S at the Fig. 19 cell falls strictly over the qubit counts run (point estimates at equal runs):
    holds; Q14-4 strictly lowest but the sequence not monotone: partly; all capped: inconclusive."""
    S, n = runs.points(QUBIT_SERIES, [cell])
    s = np.array([S[m][0] for m in QUBIT_SERIES])
    cap = runs.cap("Q14-4")
    ours = (", ".join(f"{m} {v:,}" for m, v in zip(QUBIT_SERIES, s)) + f" at {_cell(*cell)}, point estimates at "
            f"{n} runs each (each model's first {n}; cap {cap:,}); {Q12_NOT_RUN}")
    if (s >= cap).all():
        return "inconclusive", f"all capped: {ours}"
    lowest = (s[-1] < s[:-1]).all()
    return ("holds" if (np.diff(s) < 0).all() else ("partly" if lowest else "fails")), ours


def depth_brings_no_gain(abl, cell) -> tuple[str, str]:
    """H10 at the Fig. 19 cell: the C[W-2] and C[W-3] ranges overlap (no significant gain from depth 3), W = 32,
    64; one of the two: partly."""
    res = {w: _overlap(_at_cell(abl, f"C{w}-2", *cell), _at_cell(abl, f"C{w}-3", *cell)) for w in (32, 64)}
    models = ("C32-2", "C32-3", "C64-2", "C64-3")
    return ("holds" if all(res.values()) else ("partly" if any(res.values()) else "fails"),
            ", ".join(f"C{w}-2 vs C{w}-3 overlap: {'yes' if v else 'no'}" for w, v in res.items())
            + f" at {_cell(*cell)}: " + ", ".join(_at(abl, m, cell) for m in models) + f" ({_runs_note(abl, *models)})")


def _ppo_price(ppo: Runs) -> str:
    """What the paper's PPO budget would cost at this tier's runs, from the seconds our PPO epochs took."""
    epochs = PPO_PAPER_STEPS // ppo.per_epoch
    hours = sum(ppo.seconds.get(m, np.nan) * epochs * len(v) for m, v in ppo.V.items()) / 3600
    runs = sorted({len(v) for v in ppo.V.values()})
    return (f"the paper's {PPO_PAPER_STEPS:,} steps would decide it: ~{hours:.0f} CPU-h at "
            f"{'/'.join(map(str, runs))} runs per model (measured per-epoch time x {epochs} epochs)")


def ppo_less_efficient(ddqn: Runs, ppo: Runs, cells) -> tuple[str, str]:
    """H11 at equal budgets: per model run with both, S_PPO > S_DDQN in more than half of its informative cells
    (point estimates at equal runs; a cell only PPO leaves capped counts as PPO worse, one only DDQN leaves capped as
    PPO better, one both leave capped says nothing). Every model: holds; most: partly; none informative:
    inconclusive. The median ratio (capped S read at the cap, a lower bound) is reported for "much higher"."""
    both = sorted(set(ppo.V) & set(ddqn.V))
    typical, parts = [], []
    for m in both:
        n = min(len(ddqn.V[m]), len(ppo.V[m]))
        d = np.array([sample_complexity(ddqn.V[m][:n], e, dl, ddqn.per_epoch) for e, dl in cells])
        p = np.array([sample_complexity(ppo.V[m][:n], e, dl, ppo.per_epoch) for e, dl in cells])
        informative = ~((d >= ddqn.cap(m)) & (p >= ppo.cap(m)))
        k = int(informative.sum())
        worse = int((p > d)[informative].sum())
        ratio = np.median(p[informative] / np.maximum(d[informative], 1)) if k else np.nan
        if k:
            typical.append(worse > k / 2)
        parts.append(f"{m} {worse}/{k}" + (f" (median S_PPO/S_DDQN {ratio:.2f})" if k else ""))
    ours = (f"cells with S_PPO > S_DDQN of those informative: {', '.join(parts)}; both capped at "
            f"{ppo.cap(both[0]):,} steps (equal budgets); point estimates at equal runs")
    if not typical:
        return "inconclusive", f"{ours}; {_ppo_price(ppo)}"
    n_typ = sum(typical)
    verdict = "holds" if n_typ == len(both) else ("partly" if n_typ > len(both) / 2 else "fails")
    return verdict, ours


def _informative(sc, a, b) -> np.ndarray:
    """Cells where ``a`` and ``b`` are not both capped."""
    return ~(_capped(_cells(sc, a)) & _capped(_cells(sc, b)))


def ppo_quantum_pattern(sc_ppo, ppo: Runs) -> tuple[str, str]:
    """H11a with PPO, each in more than half of the cells not capped for both: S(Q10-4) < S(C16-2); the Q10-4 and
    C32-2 ranges overlap; S(Q10-4) > S(C64-2) with overlapping ranges. All three: holds; some: partly; none
    decidable (both capped everywhere): inconclusive."""
    q = _cells(sc_ppo, "Q10-4")
    parts, shown = [], []
    for rival, test in (("C16-2", lambda r: q.S < r.S), ("C32-2", lambda r: (q.lo <= r.hi) & (r.lo <= q.hi)),
                        ("C64-2", lambda r: (q.S > r.S) & (q.lo <= r.hi) & (r.lo <= q.hi))):
        keep = _informative(sc_ppo, "Q10-4", rival)
        hits = int(test(_cells(sc_ppo, rival)).to_numpy()[keep].sum())
        parts.append(hits > keep.sum() / 2 if keep.any() else None)
        shown.append(f"vs {rival} {hits}/{int(keep.sum())}")
    ours = (f"cells (of those not capped for both) where Q10-4 is below C16-2 / overlaps C32-2 / slightly above "
            f"C64-2: {', '.join(shown)} (PPO, {_runs_note(sc_ppo, 'Q10-4', 'C16-2', 'C32-2', 'C64-2')}, cap "
            f"{int(q.cap.iloc[0]):,})")
    decided = [p for p in parts if p is not None]
    if not decided:
        return "inconclusive", f"every cell capped for both in every pair: {ours}; {_ppo_price(ppo)}"
    verdict = "holds" if len(decided) == 3 and all(decided) else ("partly" if any(decided) else "fails")
    return verdict, ours


def ppo_consistently_outperforms(sc_ppo, ppo: Runs) -> tuple[str, str]:
    """H18: with PPO, Q10-4 outperforms C16-2 (Def. 4.2) and S(Q10-4) < S(C16-2) in every cell not capped for
    both: holds; either, or lower S in most such cells: partly; else fails; both capped everywhere: inconclusive."""
    keep = _informative(sc_ppo, "Q10-4", "C16-2")
    verdict, def42 = outperforms(sc_ppo, "Q10-4", "C16-2")
    if not keep.any():
        return "inconclusive", f"both capped in every cell at {int(sc_ppo.cap.iloc[0]):,} steps; {_ppo_price(ppo)}"
    lower = (_cells(sc_ppo, "Q10-4").S < _cells(sc_ppo, "C16-2").S).to_numpy()[keep]
    d42 = verdict == "holds"
    verdict = ("holds" if d42 and lower.all() else
               "partly" if d42 or lower.all() or lower.mean() > 0.5 else "fails")
    return verdict, (f"Def. 4.2: {def42}; S(Q10-4) < S(C16-2) in {int(lower.sum())}/{len(lower)} cells not capped "
                     f"for both (PPO, cap {int(sc_ppo.cap.iloc[0]):,})")


def classical_only_learns_nothing(sc, runs: Runs, models, random_V: float | None) -> tuple[str, str]:
    """H21: the purely classical ``models`` (the hybrids' classical part with a ReLU layer in place of the VQC)
    stay at the step cap in every cell, the loosest included: both: holds; one: partly; neither: fails."""
    parts, nothing = [], []
    for m in models:
        rows = _cells(sc, m)
        loosest = rows.sort_values(["eps", "delta"], ascending=[False, True]).iloc[0]
        nothing.append(bool(_capped(rows).all()))
        final = runs.V[m][:, -1].mean()
        parts.append(f"{m}: capped in {int(_capped(rows).sum())}/{len(rows)} cells, S {loosest.S:,} at "
                     f"{_cell(loosest.eps, loosest.delta)}, final V {final:.3f} ({len(runs.V[m])} runs)")
    verdict = "holds" if all(nothing) else ("partly" if any(nothing) else "fails")
    ref = [f"{m} {runs.V[m][:, -1].mean():.3f}" for m in ("C16-2", "Q10-4") if m in runs.V]
    if random_V is not None:
        ref.append(f"random policy ~{random_V:.2f} (policy test: mean cumulative intensity over the optimal's)")
    return verdict, "; ".join(parts) + (f"; final V for reference: {', '.join(ref)}" if ref else "")


# the paper's words per claim: (short words for the ``paper`` column, verbatim quote, locator, reading)
WORDS = {
    "H1": ("significantly outperform similar-sized fully classical approaches (Def. 4.2)",
           "Overall, we conclude, that hybrid classical-quantum models significantly outperform similar-sized fully "
           "classical approaches w.r.t. sample complexity.",
           "Sec. 6.1 (Fig. 6), line 124; Fig. 1 caption, line 15",
           "as stated: Def. 4.2 on the 5-95% cluster-bootstrap ranges, the paper's own test (line 122), on the Fig. 6 "
           "grid of the authors' plot scripts [R]"),
    "H1a": ("consistently outperforms the similar-sized classical network",
            "The hybrid quantum model consistently outperforms the similar-sized classical network, and is also "
            "competitive with the 10-fold larger classical model.",
            "Fig. 1 caption, line 15; Sec. 8, line 178",
            "as stated: 'consistently' read as S(Q14-4) <= S(C16-2) in every cell of the Fig. 6 and Fig. 1 grids not "
            "capped for both (point estimates at equal runs); 80% of them: partly"),
    "H2": ("significantly outperform similar-sized fully classical approaches (Def. 4.2)",
           "Overall, we conclude, that hybrid classical-quantum models significantly outperform similar-sized fully "
           "classical approaches w.r.t. sample complexity.",
           "Sec. 6.1 (Fig. 6), line 124",
           "as stated: Def. 4.2 on the 5-95% cluster-bootstrap ranges (line 122), Fig. 6 grid [R]"),
    "H2a": ("consistently outperforms the classical version when the number of trainable parameters is similar",
            "In an extensive and statistically robust computational analysis, covering many structurally different "
            "problem instances and models, we found that the quantum algorithm consistently outperforms the "
            "classical version when the number of trainable parameters is similar.",
            "Sec. 8 (conclusion), line 178",
            "as stated: 'consistently' read as S(Q10-4) <= S(C16-2) in every cell of the Fig. 6 and Fig. 1 grids not "
            "capped for both (point estimates); 80% of them: partly"),
    "H3": ("not significantly outperformed by the largest DNN",
           "Moreover, the large quantum model is not significantly outperformed by the largest DNN, demonstrating "
           "signs of competitiveness.",
           "Sec. 6.1 (Fig. 6), line 124; Sec. 7, line 170",
           "as stated: Def. 4.2 (line 122) on the Fig. 6 grid [R]; C64-2 lower in some cells and higher in others "
           "is not outperformance by the definition, but reads 'partly'"),
    "H4": ("hierarchy is preserved across a wide range of δ and ε",
           "This hierarchy is preserved across a wide range of threshold probabilities δ and error thresholds ε.",
           "Sec. 6.1 (Fig. 1), line 120",
           "as stated: 'a wide range' read as the ordering in at least 80% of the 49 Fig. 1 cells (spec [A]), point "
           "estimates at equal runs; the corner (0.10, 0.9) that the spec reads off the authors' figure [R] is "
           "reported, not decided"),
    "H5": ("slightly worse than the large quantum model for most, but not all ε-δ",
           "Furthermore, we include a medium-sized classical model with 1,283 parameters (width 32, depth 2), which "
           "performs slightly worse than the large quantum model for most, but not all ε-δ-configurations.",
           "Sec. 6.1 (Fig. 6), line 124",
           "as stated: 'slightly worse' read as a higher point estimate (at equal runs) in most but not all cells, "
           "none significant by Def. 4.2 (the Fig. 6 caption's 'on par', line 108)"),
    "H6": ("both quantum models are on par with the medium-sized classical model",
           "Both quantum models are on par with the 3- to 4-fold larger medium-sized classical model, with the "
           "14-qubit model having a slight edge.",
           "Fig. 6 caption, line 108",
           "as stated: 'on par' read as no Def. 4.2 outperformance either way between C32-2 and each quantum model; "
           "range overlaps reported beside it"),
    "H7": ("close to, but not quite competitive with the 14-qubit hybrid model",
           "It exhibits a performance close to, but not quite competitive with the 14-qubit hybrid model.",
           "Sec. 6.1 (Fig. 6), line 124",
           "as stated: 'not quite' = S(Q10-4) >= S(Q14-4) in most cells (point estimates at equal runs), 'close to' "
           "= their ranges overlap in most cells; one of the two: partly"),
    "H8": ("saturates once the hidden layer width reaches 64; 128/256 nearly equivalent, no improvement (δ 0.85, "
           "ε 0.15)",
           "Most crucially, the sample complexity of the classical models saturates once the hidden layer width "
           "reaches 64. [...] The performance with a width of 128 (17411 parameters) and 256 (67587 parameters) is "
           "nearly equivalent but no improvement could be observed.",
           "Sec. 6.2 (Fig. 7), line 137; App. D.2 (Fig. 19a, δ 0.85, ε 0.15), lines 655, 659",
           "as stated: at the paper's Fig. 19 cell (eps 0.15, delta 0.85, lines 655, 657); the authors' plot "
           "scripts' delta 0.75 [R] is reported beside it"),
    "H9": ("sample complexity reduces for qubit counts from 6 up to 14 (4 layers)",
           "With 4 layers, the sample complexity reduces for qubit counts from 6 up to 14.",
           "App. D.2 (Fig. 19b), line 661; Sec. 6.2 (Fig. 7), line 137",
           "looser: decided over the qubit counts run (6, 8, 10, 14), at the Fig. 19 cell; Q12-4 was not run "
           "(0.97 CPU-h at 5 seeds)"),
    "H10": ("depth 3 brings insignificant performance improvements",
            "Increasing this to depth 3 brings insignificant performance improvements, but significantly increases "
            "the parameter count – e.g. from 4611 to 8771 for width 64.",
            "App. D.2 (Fig. 19a), line 659",
            "as stated: 'insignificant' read as overlapping ranges of C[W-2] and C[W-3] (W = 32, 64) at the Fig. 19 "
            "cell; the paper speaks of depth 3 only"),
    "H11": ("typical sample complexities are much higher across all models",
            "While the results qualitatively match previous observations, typical sample complexities are much "
            "higher across all models.",
            "Sec. 6.1, line 126; App. C.2 (Fig. 17), line 563",
            "as stated: 'typical' read as more than half of each model's informative cells, 'across all models' as "
            "every model run with both; at equal budgets (200,000 steps each; the paper gives PPO 1,000,000) a cell "
            "only PPO leaves capped counts as PPO worse, one both leave capped says nothing; 'much' is reported "
            "(median ratio), not decided"),
    "H11a": ("superior to width 16, on par with width 32, slightly inferior to width 64, for most ε-δ (PPO)",
             "However, for most ε-δ-configurations we observe superior performance of the small quantum model to the "
             "small classical model (width 16), on par performance with the medium classical model (width 32), and "
             "only slightly inferior performance to the large classical model (width 64).",
             "App. C.2 (Fig. 17), line 563",
             "as stated: each part in more than half of the Fig. 6 cells not capped for both, at PPO's 200,000-step "
             "budget (the paper: 1,000,000); cells capped for both say nothing"),
    "H18": ("consistently outperforms the classical version when the number of trainable parameters is similar "
            "(PPO)",
            "As an application of our methodology, we compared the performance of double deep Q learning, as well as "
            "proximal policy optimization, and their quantum counterparts. [...] we found that the quantum "
            "algorithm consistently outperforms the classical version when the number of trainable parameters is "
            "similar.",
            "Sec. 8 (conclusion), line 178; App. C.2, line 563",
            "contradicted: the paper's own App. C.2 (line 563) finds the quantum model superior only 'for most ε-δ-"
            "configurations'; decided at PPO's 200,000-step budget (the paper: 1,000,000)"),
    "H12": ("increase of sample complexity over all model instances",
            "As expected, in Figure 20(a) we can observe an increase of sample complexity over all model instances.",
            "App. E (Fig. 20a), line 687",
            "as stated: 'increase' read as S non-decreasing over degrees 3 to 6 in every (model, cell), capped cells "
            "equal; relaxed sweep grid (params), C16-2 and Q10-4 at equal runs (degree 3: the main layout's first "
            "runs); significance at the tightest cell reported, not decided (Fig. 20 shows no ranges)"),
    "H19": ("the quantum model outperforms the similar-sized classical model on all instances",
            "Moreover, this replicates the behavior from the rest of this work, that the quantum model outperforms "
            "the similar-sized classical model, i.e. width 16 and depth 2, on all instances.",
            "App. E (Fig. 20a), line 687; Sec. 8, line 178",
            "as stated: Def. 4.2 on the relaxed sweep grid at degrees 3, 4, 5 (equal runs); degree 6 reported, not "
            "decided (the paper: no model learns there, line 687)"),
    "H13": ("clear increase in sample complexity with increasing antenna number",
            "For all models, one can see a clear increase in sample complexity with increasing antenna number.",
            "App. E (Fig. 20b), line 689",
            "looser: one random layout per antenna count, not the mean over 5 instances (line 680); S non-decreasing "
            "over A = 2..5 per (model, cell) on the relaxed grid (line 689)"),
    "H20": ("consistently outperforms the classical version when the number of trainable parameters is similar "
            "(antenna sweep); against it: inferior on the 2-antenna environments at δ 0.75, ε 0.10",
            "In an extensive and statistically robust computational analysis, covering many structurally different "
            "problem instances and models, we found that the quantum algorithm consistently outperforms the "
            "classical version when the number of trainable parameters is similar.",
            "Sec. 8 (conclusion), line 178; against it App. E (Fig. 20b), line 689",
            "contradicted: the paper's own App. E (line 689): 'Only for δ = 0.75 and ε = 0.10 the performance on the "
            "2-antenna environments is inferior to the similar-sized classical model'; one random layout per "
            "antenna count"),
    "H21": ("small purely classical networks are not capable of learning a meaningful strategy",
            "Moreover, further below we show that small purely classical networks are not capable of learning a "
            "meaningful strategy in the BeamManagement6G environment.",
            "App. D.2, line 649; Sec. 3, line 51",
            "as stated: the paper shows no such network; C10-1 and C14-1 are the hybrids' classical layers with a "
            "ReLU layer in place of the VQC (Eq. 35 gives 7n + 3 parameters, Eq. 40's classical part); 'not capable' "
            "= capped in every Fig. 6 cell"),
    "H16": ("performs competitively to the best classical model across nearly all ε-δ configurations",
            "The best quantum setup found, a single-layer model on only four qubits (Meyer et al., 2023a), performs "
            "competitively to the best classical model across nearly all ϵ-δ configurations.",
            "Sec. 6.4 (Fig. 9), line 162",
            "as stated: 'nearly all' read as 80% of the cells not capped for both, on spec 1.2's grid [A]; the "
            "setup is approximate (the paper gives none)"),
    "H22": ("casts doubt on some previous claims regarding its superiority",
            "Furthermore, considering QRL, our methodology casts doubt on some previous claims regarding its "
            "superiority.",
            "Abstract, line 6; Sec. 6.4, line 160",
            "looser: the doubted studies (Lockwood & Si, 2020; Skolik et al., 2022) used their own setups; ours is "
            "spec 1.2's approximate VPG setup [A], and 'doubt' is read as Q4-1 not outperforming C16-1 (Def. 4.2)"),
    "H15": ("CLT closely approximates the simulated curves for N = 100",
            "For the uniformly distributed random variables considered here, the central limit theorem closely "
            "approximates the simulated curves for N = 100 which corresponds to the chosen number of training runs "
            "throughout this work.",
            "App. B (Thm. B.3, Fig. 16), lines 442, 452",
            "as stated: 'closely' read as within 0.05 for P_t in [0.05, 0.95] (spec [A]; the paper gives no "
            "tolerance)"),
    "H14": ("closely match the ground-truth performance; large gap to random; means not significantly different by "
            "visual inspection (no values printed)",
            "The quantum model (green) and the classical model (blue) closely match the ground-truth performance "
            "(yellow), with a large performance gap to random behavior (brown). [...] The reported mean values of "
            "the intensity of the quantum model (green) and the classical model (blue) do not indicate "
            "significantly different behavior by visual inspection.",
            "Sec. 6.3 (Fig. 8), lines 144, 148",
            "stricter: 'closely match' read as at most 5% below optimal, 'large gap' as more than halfway from random "
            "to optimal, 'not significantly different' as Welch p >= 0.05 on the instance means (ours; the paper: "
            "visual inspection); Q10-4 stands in for Q14-4"),
}


def add(claims: Claims, cid: str, statement: str, decide, *args, suffix: str = "", **kwargs) -> None:
    """``claims.add`` with the paper's words of ``cid`` from :data:`WORDS`; ``suffix`` (the grid a row is decided
    on) is appended to a decided row's ``ours``. (Named ``add`` so that a row's ``source`` names its caller's line.)"""
    paper, quote, where, reading = WORDS[cid]
    claims.add(cid, statement, paper, decide, *args, quote=quote, where=where, reading=reading, **kwargs)
    if claims.rows[-1]["verdict"] != "n/a":
        claims.rows[-1]["ours"] += suffix


def _grid_label(sc) -> str:
    fmt = lambda xs: "/".join(f"{x:g}" for x in sorted(xs))  # noqa: E731
    return f" (grid eps {fmt(sc.eps.unique())} x delta {fmt(sc.delta.unique())} [R])"


def evaluate_claims(sc: pd.DataFrame, config: str = "a3-main", runs: Runs | None = None,
                    fig1_cells=(), ablation: pd.DataFrame | None = None, ablation_cell=(0.15, 0.85),
                    sc_ppo: pd.DataFrame | None = None, ppo: Runs | None = None,
                    random_V: float | None = None) -> pd.DataFrame:
    """H1-H3, H5-H11, H11a, H18, H21 from the main env's DDQN tables (``sc``: the Fig. 6 grid; ``ablation``: the
    Fig. 19 cell; ``runs``: the validation matrices behind point estimates; ``fig1_cells``: the Fig. 1 grid) and
    PPO's (``sc_ppo``, ``ppo``), where the models they name were run."""
    claims = Claims(config, RUNS_RULE)
    models, seeds = set(sc.model), int(sc.n_runs.min()) if len(sc) else 0
    cells = grid(sorted(sc.eps.unique()), sorted(sc.delta.unique()))
    both_grids = cells + [c for c in fig1_cells if not any(np.isclose(c, x).all() for x in cells)]
    on_grid = _grid_label(sc) if len(sc) else ""
    abl = ablation if ablation is not None else sc.iloc[:0]
    at = _cell(*ablation_cell)

    def needs(*ms):
        return dict(not_run=not_run(ms, models), seeds=seeds)

    add(claims, "H1", "Q14-4 significantly outperforms the similar-sized C16-2 (Def. 4.2)", outperforms, sc, "Q14-4",
        "C16-2", suffix=on_grid, **needs("Q14-4", "C16-2"))
    add(claims, "H1a", "S(Q14-4) <= S(C16-2) in every cell of the Fig. 6 and Fig. 1 grids not capped for both",
        consistently_lower, runs, "Q14-4", "C16-2", both_grids, **needs("Q14-4", "C16-2"))
    add(claims, "H2", "Q10-4 significantly outperforms the similar-sized C16-2 (Def. 4.2)", outperforms, sc, "Q10-4",
        "C16-2", suffix=on_grid, **needs("Q10-4", "C16-2"))
    add(claims, "H2a", "S(Q10-4) <= S(C16-2) in every cell of the Fig. 6 and Fig. 1 grids not capped for both",
        consistently_lower, runs, "Q10-4", "C16-2", both_grids, **needs("Q10-4", "C16-2"))
    add(claims, "H3", "C64-2 does not significantly outperform Q14-4 (Def. 4.2)", c64_never_better_than_q14, sc,
        suffix=on_grid, **needs("C64-2", "Q14-4"))
    add(claims, "H5", "C32-2 slightly worse than Q14-4 in most but not all cells, never significantly",
        c32_slightly_worse_than_q14, sc, runs, cells, suffix=on_grid, **needs("Q14-4", "C32-2"))
    add(claims, "H6", "Q10-4 and Q14-4 are on par with C32-2 (no Def. 4.2 outperformance either way)",
        quantum_on_par_with_c32, sc, suffix=on_grid, **needs("Q10-4", "Q14-4", "C32-2"))
    add(claims, "H7", "Q10-4 close to (ranges overlap) but not quite (S no lower than) Q14-4 in most cells",
        q10_close_to_q14, sc, runs, cells, suffix=on_grid, **needs("Q10-4", "Q14-4"))
    add(claims, "H8", f"Classical saturation at width 64 ({at}): S(C16-2) > S(C32-2) > S(C64-2); C64-2, C128-2, "
                      "C256-2 ranges overlap", classical_saturation, abl, sc, ablation_cell,
        **needs("C16-2", "C32-2", "C64-2", "C128-2", "C256-2"))
    add(claims, "H9", f"No quantum saturation ({at}): S falls strictly over Q6-4, Q8-4, Q10-4, Q14-4 (Q12-4 not run)",
        no_quantum_saturation, runs, ablation_cell, **needs(*QUBIT_SERIES))
    add(claims, "H10", f"Depth 3 brings no significant gain over depth 2 ({at}; C[W-2] and C[W-3] ranges overlap, "
                       "W = 32, 64)", depth_brings_no_gain, abl, ablation_cell,
        **needs("C32-2", "C32-3", "C64-2", "C64-3"))
    ppo_ran = sc_ppo is not None and len(sc_ppo) > 0 and ppo is not None
    ppo_models = set(sc_ppo.model) if ppo_ran else set()
    ppo_seeds = int(sc_ppo.n_runs.min()) if ppo_ran else None
    add(claims, "H11", "PPO typically needs more samples than DDQN, for every model run with both (equal budgets)",
        ppo_less_efficient, runs, ppo, cells, suffix=on_grid, seeds=ppo_seeds,
        not_run=None if ppo_models & models else "not run in this tier: PPO runs")
    add(claims, "H11a", "With PPO, Q10-4 is below C16-2, on par with C32-2 and slightly above C64-2 in most "
                            "cells", ppo_quantum_pattern, sc_ppo, ppo, suffix=on_grid, seeds=ppo_seeds,
        config=f"{config}/ppo", not_run=not_run(["Q10-4", "C16-2", "C32-2", "C64-2"], ppo_models))
    add(claims, "H18", "With PPO, Q10-4 consistently outperforms the similar-sized C16-2 (Def. 4.2, and lower S "
                           "in every cell not capped for both)", ppo_consistently_outperforms, sc_ppo, ppo,
        suffix=on_grid, seeds=ppo_seeds, config=f"{config}/ppo", not_run=not_run(["Q10-4", "C16-2"], ppo_models))
    add(claims, "H21", "Purely classical networks the size of the hybrids' classical part (C10-1, C14-1) learn "
                       "nothing: capped in every cell", classical_only_learns_nothing, sc, runs, ("C10-1", "C14-1"),
        random_V, suffix=on_grid, **needs("C10-1", "C14-1"))
    return claims.table()


def hierarchy_on_surface(runs: Runs, cells, share: float) -> tuple[str, str]:
    """H4: S(C64-2) <= S(Q14-4) <= S(C16-2) in >= ``share`` of the Fig. 1 cells (point estimates at equal runs;
    "partly" from half); the corner (0.10, 0.9) is reported."""
    S, n = runs.points(["C64-2", "Q14-4", "C16-2"], cells)
    ordered = (S["C64-2"] <= S["Q14-4"]) & (S["Q14-4"] <= S["C16-2"])
    corner = [i for i, c in enumerate(cells) if np.isclose(c, (0.1, 0.9)).all()]
    verdict = "holds" if ordered.mean() >= share else ("partly" if ordered.mean() >= 0.5 else "fails")
    return verdict, (f"ordering in {int(ordered.sum())}/{len(cells)} cells ({ordered.mean():.0%}); point estimates "
                     f"at {n} runs each; at (0.10, 0.9): "
                     + (", ".join(f"{m} {S[m][corner[0]]:,}" for m in S) if corner else "not in grid")
                     + f" (cap {runs.cap('Q14-4'):,})")


def surface_claims(runs: Runs, eps, delta, share: float = 0.8) -> pd.DataFrame:
    """H4 on the Fig. 1 grid (spec [A]: the ordering in 80% of the cells)."""
    claims = Claims("surface", RUNS_RULE)
    needs = ["C64-2", "Q14-4", "C16-2"]
    missing = not_run(needs, runs.V)
    add(claims, "H4", "Point estimates keep C64-2 <= Q14-4 <= C16-2 in at least 80% of the Fig. 1 grid's cells",
        hierarchy_on_surface, runs, grid(eps, delta), share, not_run=missing,
        seeds=None if missing else min(len(runs.V[m]) for m in needs))
    return claims.table()


def _with_layout(sc: pd.DataFrame) -> pd.DataFrame:
    """DDQN tables whose ``config`` is ``<env>/ddqn`` with the env's layout and trajectory degree as columns."""
    from .config import parse_env

    sc = sc.assign(env=sc.config.str.rsplit("/", n=1).str[0])
    parsed = {e: parse_env(e) for e in sc.env.unique()}
    return sc.assign(layout=sc.env.map(lambda e: parsed[e][0]), degree=sc.env.map(lambda e: parsed[e][1]))


def _non_decreasing(sweep: pd.DataFrame, over: str) -> tuple[int, int, list[str]]:
    """(model, cell) sequences of S along ``over`` that never fall (capped S read at the cap, so capped cells are
    equal), of all; and those that fall."""
    bad, total = [], 0
    for (m, e, d), g in sweep.groupby(["model", "eps", "delta"]):
        total += 1
        s = g.sort_values(over).S.to_numpy()
        if (np.diff(s) < 0).any():
            bad.append(f"{m} at {_cell(e, d)}")
    return total - len(bad), total, bad


def rises_with_degree(deg: pd.DataFrame, tight=(0.1, 0.75)) -> tuple[str, str]:
    """H12: S never falls over the trajectory degrees, for every model and cell; whether the degree-3 and -5
    ranges are disjoint at ``tight`` is reported (Fig. 20 shows no ranges)."""
    ok, total, bad = _non_decreasing(deg, "degree")
    degrees = sorted(deg.degree.unique())
    disjoint = []
    lo_deg, hi_deg = degrees[0], min(5, degrees[-1])
    for m, g in deg.groupby("model"):
        at = g[np.isclose(g.eps, tight[0]) & np.isclose(g.delta, tight[1])].set_index("degree")
        if lo_deg in at.index and hi_deg in at.index and lo_deg != hi_deg:
            disjoint.append(f"{m} {'yes' if at.loc[lo_deg].hi < at.loc[hi_deg].lo else 'no'}")
    return ("holds" if not bad else "fails",
            f"S non-decreasing over degrees {'/'.join(map(str, degrees))} in {ok}/{total} (model, cell) "
            f"sequences{'; falls: ' + ', '.join(bad) if bad else ''}; degree {lo_deg} range below degree {hi_deg}'s "
            f"at {_cell(*tight)}: {', '.join(disjoint) or '-'} ({int(deg.n_runs.min())} runs each)")


def _outperformed_per(sweep: pd.DataFrame, key: str, q: str, c: str) -> list[dict]:
    """Per value of ``key`` (degree or antenna count ``A``) where both models ran: whether ``q`` outperforms ``c``
    (Def. 4.2), whether any cell is not capped for both, and a label."""
    out = []
    for k, g in sweep.groupby(key):
        if {q, c} <= set(g.model):
            better, worse = significance(g, q, c)
            informative = bool(_informative(g, q, c).any())
            out.append(dict(key=k, wins=bool(better and not worse), informative=informative,
                            label=f"{SWEEP_NAMES[key]} {k}: {better} lower, {worse} higher"
                                  + ("" if informative else " (both capped everywhere)")))
    return out


def outperforms_over_degrees(deg: pd.DataFrame, q: str = "Q10-4", c: str = "C16-2") -> tuple[str, str]:
    """H19: ``q`` outperforms ``c`` (Def. 4.2) at every trajectory degree up to 5 with a cell not capped for both
    (some: partly; none: inconclusive); degree 6 is reported, not decided."""
    per = _outperformed_per(deg, "degree", q, c)
    decided = [p["wins"] for p in per if p["informative"] and p["key"] <= 5]
    ours = (f"{q} vs {c}, cells significantly lower / higher: " + "; ".join(p["label"] for p in per)
            + f" ({int(deg.n_runs.min())} runs each; 5-95% cluster-bootstrap ranges)")
    if not decided:
        return "inconclusive", ours
    return ("holds" if all(decided) else ("partly" if any(decided) else "fails")), ours


def rises_with_antennas(rnd: pd.DataFrame) -> tuple[str, str]:
    """H13: S never falls over the antenna counts, for every model and cell (one random layout per count);
    most (model, cell) sequences: partly."""
    ok, total, bad = _non_decreasing(rnd, "A")
    counts = sorted(rnd.A.unique())
    layouts = ", ".join(sorted(rnd.layout.unique()))
    return ("holds" if not bad else ("partly" if ok > total / 2 else "fails"),
            f"S non-decreasing over A = {'/'.join(map(str, counts))} in {ok}/{total} (model, cell) sequences"
            f"{'; falls: ' + ', '.join(bad) if bad else ''} (one layout per count: {layouts}; "
            f"{int(rnd.n_runs.min())} runs each)")


def outperforms_on_layouts(rnd: pd.DataFrame, q: str = "Q10-4", c: str = "C16-2",
                           exception=(0.1, 0.75)) -> tuple[str, str]:
    """H20: ``q`` outperforms ``c`` (Def. 4.2) on every random layout with a cell not capped for both; most:
    partly. The paper's own exception (2 antennas at ``exception``) is reported."""
    per = _outperformed_per(rnd, "A", q, c)
    decided = [p["wins"] for p in per if p["informative"]]
    two = rnd[(rnd.A == 2) & np.isclose(rnd.eps, exception[0]) & np.isclose(rnd.delta, exception[1])]
    paper_case = (f"; the paper's exception, 2 antennas at {_cell(*exception)}: "
                  + ", ".join(f"{r.model} {r.S:,} [{r.lo:,.0f}, {r.hi:,.0f}]" for r in two.itertuples())
                  if len(two) else "")
    ours = (f"{q} vs {c}, cells significantly lower / higher: " + "; ".join(p["label"] for p in per)
            + f" (one layout per antenna count; {int(rnd.n_runs.min())} runs each; 5-95% cluster-bootstrap ranges)"
            + paper_case)
    if not decided:
        return "inconclusive", ours
    n = sum(decided)
    return ("holds" if n == len(decided) else ("partly" if n > len(decided) / 2 else "fails")), ours


def sweep_claims(sweeps: pd.DataFrame, main_env: str) -> pd.DataFrame:
    """H12, H19 (trajectory degree on the main layout) and H13, H20 (antenna count over random layouts) from the
    sweep table (``config`` ``<env>/ddqn``, the relaxed sweep grid, equal runs); 'n/a' when a sweep was not run."""
    from .config import parse_env

    sc = _with_layout(sweeps)
    claims = Claims("sweeps", RUNS_RULE)
    deg = sc[sc.layout == parse_env(main_env)[0]]
    n_deg = deg.degree.nunique()
    no_degrees = None if n_deg >= 2 else "degree sweep not run in this tier"
    add(claims, "H12", "S never falls with the trajectory degree (3 to 6), for every model and cell",
        rises_with_degree, deg, not_run=no_degrees)
    both = {"Q10-4", "C16-2"} <= set(deg.model)
    add(claims, "H19", "Q10-4 outperforms C16-2 (Def. 4.2) at every trajectory degree up to 5",
        outperforms_over_degrees, deg, not_run=no_degrees or (None if both else "not run in this tier: Q10-4, C16-2 "
                                                                                  "on the degree sweep"),
        seeds=int(deg.n_runs.min()) if len(deg) else None)
    rnd = sc[sc.layout != parse_env(main_env)[0]]
    rnd = rnd.assign(A=rnd.layout.str.extract(r"^a(\d+)-")[0].astype(int))
    no_counts = None if rnd.A.nunique() >= 2 else "antenna-count sweep not run in this tier (needs >= 2 counts)"
    add(claims, "H13", "S never falls with the antenna count (2 to 5), for every model and cell", rises_with_antennas,
        rnd, not_run=no_counts)
    both = {"Q10-4", "C16-2"} <= set(rnd.model)
    add(claims, "H20", "Q10-4 outperforms C16-2 (Def. 4.2) on every random layout (A = 2..5)",
        outperforms_on_layouts, rnd, not_run=no_counts or (None if both else "not run in this tier: Q10-4, C16-2 on "
                                                                               "the antenna sweep"),
        seeds=int(rnd.n_runs.min()) if len(rnd) else None)
    return claims.table()


def quantum_competitive(sc: pd.DataFrame, quantum: str, classical: str, share: float) -> tuple[str, str]:
    """H16: the classical VPG is significantly better (disjoint 5-95% ranges) in at most 1 - ``share`` of the
    cells not censored for both ("partly" from half); every cell censored for both: inconclusive (the runs exist
    and say nothing). The overlap at the tightest eps is reported beside it."""
    q, c = _cells(sc, quantum), _cells(sc, classical)
    n_runs = int(sc.n_runs.min())
    informative = ~(q.censored & c.censored).to_numpy()        # both at the cap: the cell says nothing
    c_better, q_better = (c.hi < q.lo).to_numpy(), (q.hi < c.lo).to_numpy()
    tight = np.isclose(q.eps, q.eps.min())
    overlap = int((~c_better[tight] & ~q_better[tight]).sum())
    n = int(informative.sum())
    ok = 1 - c_better[informative].mean() if n else np.nan
    verdict = "inconclusive" if not n else ("holds" if ok >= share else ("partly" if ok >= 0.5 else "fails"))
    return verdict, (f"{classical} significantly lower S in {int(c_better.sum())}/{n} cells not censored for both, "
                     f"{quantum} in {int(q_better.sum())}; at eps = {q.eps.min():g} the intervals overlap in {overlap}/"
                     f"{int(tight.sum())} cells; median S {quantum} {q.S.median():.0f} vs {classical} "
                     f"{c.S.median():.0f} episodes ({n_runs} runs each, cap {int(q.cap.iloc[0])}; 5-95% "
                     "cluster-bootstrap ranges)")


def quantum_not_superior(sc: pd.DataFrame, quantum: str, classical: str) -> tuple[str, str]:
    """H22: ``quantum`` does not outperform ``classical`` (Def. 4.2); the reverse direction is reported."""
    verdict, ours = outperforms(sc, quantum, classical)
    reverse = outperforms(sc, classical, quantum)[0] == "holds"
    return ("holds" if verdict == "fails" else "fails",
            f"{ours}; {classical} outperforms {quantum}: {'yes' if reverse else 'no'}")


def cartpole_claims(sc: pd.DataFrame, quantum: str = "Q4-1", classical: str = "C16-1",
                    share: float = 0.8) -> pd.DataFrame:
    """H16 (Fig. 9, approximate setup of spec 1.2): the quantum VPG is competitive with the classical one across
    nearly all (eps, delta) cells; H22: it does not outperform it (the abstract's "casts doubt")."""
    claims = Claims("cartpole/vpg", RUNS_RULE)
    missing, seeds = not_run([quantum, classical], sc.model), int(sc.n_runs.min()) if len(sc) else 0
    add(claims, "H16", f"{quantum} VPG is competitive with {classical} VPG on CartPole across nearly all eps-delta "
                       "cells (approximate setup: the paper gives none)", quantum_competitive, sc, quantum, classical,
        share, not_run=missing, seeds=seeds)
    add(claims, "H22", f"On CartPole the {quantum} VPG does not outperform {classical} (Def. 4.2): the earlier claims "
                       "of quantum superiority with fewer parameters are not confirmed (approximate setup)",
        quantum_not_superior, sc, quantum, classical, not_run=missing, seeds=seeds)
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
    add(claims, "H15", "1[P_hat_t < delta] is a smoothed step: P(P_hat_t < delta) ~ Phi((delta - P_t) sqrt(N) / "
                       "sigma) (Theorem B.3)", follows_theorem_b3, bias, tol, margin)
    return claims.table()


def best_instances_near_optimal(pt: pd.DataFrame, q: str, c: str, near: float, alpha: float) -> tuple[str, str]:
    """H14: the best instances of ``q`` and ``c`` are within ``near`` of the optimal policy's mean cumulative
    intensity (ours), more than half-way from random to optimal (ours), and not significantly different (Welch t at
    ``alpha``; the paper: visual inspection)."""
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
            f"{mean[c]:.2f} ({gap[c]:.1%} below), random {rnd:.2f}; thresholds ours: near <= {near:.0%} below "
            f"optimal, far = more than halfway from random; {q} vs {c} instance means: Welch p = {p:.3f} "
            f"({len(inst[q])} vs {len(inst[c])} best instances, {pt.trajectory.nunique()} trajectories each)")
    return verdict, ours + (f"; {q} stands in for the paper's Q14-4" if q != "Q14-4" else "")


def policy_test_claim(pt: pd.DataFrame, near: float = 0.05, alpha: float = 0.05) -> pd.DataFrame:
    """H14 (Fig. 8) on the first quantum and the first classical model of the policy test."""
    claims = Claims("policy test", SeedRule(note="only {n} instance(s) per model"))
    models = [m for m in pt.policy.unique() if m not in ("optimal", "random")]
    q = next((m for m in models if m.startswith("Q")), None)
    c = next((m for m in models if m.startswith("C")), None)
    both = q is not None and c is not None
    instances = min(pt[pt.policy == m].instance.nunique() for m in (q, c)) if both else None
    stand_in = f" ({q} stands in for Q14-4)" if both and q != "Q14-4" else ""
    add(claims, "H14", f"The 10 best quantum and classical DDQN instances{stand_in} closely match the optimal "
                       "policy's cumulative intensity, lie far above random, and do not differ significantly (Fig. 8)",
        best_instances_near_optimal, pt, q, c, near, alpha,
        not_run=None if both else "policy test needs one quantum and one classical model", seeds=instances)
    return claims.table()
