"""The QSAC paper's Table III and its claims (abstract, contributions, results, conclusion) checked against our runs.

A comparison claim "holds" when it holds for the seed means and in a majority of paired seeds (spec: >= 3 of 5);
where the paper says "significantly" or "markedly", the paired 95% interval of the difference must also clear 0.
A claim that the paper's own Table III contradicts "fails" at the paper's pool (nr60) whatever our runs show, and
says so. Everything a claim reads is a column of runs.csv (the aggregate adds the reference policies' scores and
the features of each run's own files, :mod:`.trajectories`), so a clone recomputes every row from that table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ...claims import Claims, SeedRule
from ...stats import difference_ci, mean_ci
from .env import DSSEnv
from .metrics import EPSILONS, NETS

# the claims the README's Findings show (a selection; every claim is in the report)
HEADLINES = ("C2", "C3", "C4", "C12", "C15", "C14")     # C14: the headline control

MODELS = ("qsac", "sac", "td3", "ddpg")
BASELINES = ("sac", "td3", "ddpg")
PAPER_CONFIG = "nr60"            # the paper's only pool (N_r = 60, line 217); other configs are extensions
BCR_COLS = [f"BCR_{n}_{round(e * 100)}" for e in EPSILONS for n in ("LTE", "NR")]
TABLE3_COLS = ["DSR_LTE", "DSR_NR", "Util"] + BCR_COLS
LABELS = {"DSR_LTE": "DSR LTE", "DSR_NR": "DSR NR", "Util": "Util",
          **{c: c.removeprefix("BCR_").replace("_", "-") + "%" for c in BCR_COLS}}

# Table III as printed (N_r = 60, 100 eval steps). SAC's NR DSR 0.956 is a typo for 0.951: the authors' released
# compare_models_metrics.csv gives 0.9506 (spec D24); the claims compare to the corrected value (TABLE3_CORRECTED).
PAPER_TABLE3 = {
    "qsac": dict(DSR_LTE=0.987, DSR_NR=0.989, Util=0.761, BCR_LTE_5=0.91, BCR_NR_5=0.71, BCR_LTE_10=0.98,
                 BCR_NR_10=0.86, BCR_LTE_15=0.99, BCR_NR_15=0.94),
    "sac": dict(DSR_LTE=0.948, DSR_NR=0.956, Util=0.718, BCR_LTE_5=0.53, BCR_NR_5=0.55, BCR_LTE_10=0.80,
                BCR_NR_10=1.00, BCR_LTE_15=0.99, BCR_NR_15=1.00),
    "td3": dict(DSR_LTE=0.999, DSR_NR=0.966, Util=0.770, BCR_LTE_5=0.12, BCR_NR_5=0.74, BCR_LTE_10=0.94,
                BCR_NR_10=1.00, BCR_LTE_15=0.99, BCR_NR_15=1.00),
    "ddpg": dict(DSR_LTE=0.977, DSR_NR=0.980, Util=0.767, BCR_LTE_5=0.29, BCR_NR_5=0.92, BCR_LTE_10=0.48,
                 BCR_NR_10=1.00, BCR_LTE_15=0.92, BCR_NR_15=1.00),
}
TABLE3_CORRECTED = {("sac", "DSR_NR"): 0.951}
D24_NOTE = "SAC's NR DSR corrected from the printed 0.956 to 0.951, the authors' released CSV (spec D24)"
PAPER_PARAMS = {"qsac": (377, 146_434), "sac": (73_476, 146_434), "td3": (72_962, 146_434), "ddpg": (72_962, 73_217)}
VALUE_TOLERANCE = 0.02           # ours: how far a seed mean may sit from a value the paper prints (C8, C8b)

# the paper's words (seed 000_8561cc8f48b9a3c3.txt), cleaned of the extraction's markup
ABSTRACT_DSR_BCR = (
    "In this study, we present Quantum Soft Actor-Critic (QSAC), a novel hybrid quantum-classical methodology aimed "
    "at tackling barren plateaus and demonstrating enhanced performance compared to conventional DRL benchmarks, "
    "including Soft Actor-Critic (SAC) and Twin Delayed Deep Deterministic Policy Gradient (TD3), achieving a higher "
    "demand satisfaction ratio and markedly improved ϵ-band compliance rates under demanding conditions.")
CONTRIBUTION_RESULTS = (
    "Experimental results demonstrate that QSAC achieves a spectrum efficiency of 0.761 and a DSR of 0.989 for NR "
    "and 0.987 for LTE, outperforming TD3, DDPG, and SAC under constrained resource conditions.")
TABLE3_DSR_TEXT = (
    "Table III illustrates that QSAC achieved the highest average DSR for NR, although the LTE DSR of 0.987 was also "
    "extremely competitively marginally following TD3 and markedly surpassing DDPG and SAC.")
FIG4_SUMMARY = (
    "QSAC achieves the minimal allocation variance, the shortest recovery time step, and the lowest worst-case "
    "deficit/surplus, demonstrating its superiority for more stable PRB utilization and better demand satisfaction "
    "consistency compared to DDPG, SAC, and TD3.")
FIG4_NR = (
    "In NR, although QSAC has not yet maintained stability in the final timesteps, it exhibits the most stable "
    "trajectory initially and demonstrates the quickest recovery after shocks, with the surplus/deficit traces in "
    "Fig. 4f centered around zero and showing the least spread and extremes.")
FIG4_READING = ("'allocation variance' read as std(A - D) over the evaluation window ('least spread', line 243); "
                "recovery = steps after each demand shock (> 15% change in one step) until |A - D| <= 5% of D for 3 "
                "steps (spec 4.7), summed over the shocks; each facet on the seed means and in a majority of seeds")

# a share in [0, 1]; a mean of per-slot shares that sum to 1 can land 1 ulp above it (1.0000000000000002)
_unit = pa.Check.in_range(0.0, 1.0 + 1e-9)
RUN_METRICS_SCHEMA = pa.DataFrameSchema(
    {
        "config": pa.Column(str), "model": pa.Column(str, pa.Check.isin(MODELS)),
        "seed": pa.Column(int, pa.Check.ge(0)),
        "DSR_LTE": pa.Column(float, _unit), "DSR_NR": pa.Column(float, _unit), "Util": pa.Column(float, _unit),
        **{c: pa.Column(float, _unit) for c in BCR_COLS},
        "n_actor_params": pa.Column(int, pa.Check.gt(0)), "n_critic_params": pa.Column(int, pa.Check.gt(0)),
    },
    unique=["config", "model", "seed"], coerce=True, strict=False, name="qsac_run_metrics",
)
REFERENCE_POLICIES = ("oracle", "persistence")     # the references the claims and the ledger read (spec 5.7)


def reference_column(policy: str, metric: str) -> str:
    """runs.csv's column with ``policy``'s score on ``metric`` over the same config's evaluation window."""
    return f"ref_{policy}_{metric}"


# runs.csv: a run's metrics, the features of its own files (.trajectories), its pool and the references' scores
RUNS_SCHEMA = RUN_METRICS_SCHEMA.add_columns({
    "early_reward_std": pa.Column(float, pa.Check.ge(0)),
    **{f"ma_q{k}": pa.Column(float) for k in range(1, 5)},
    **{f"{c}_{net}": pa.Column(float, nullable=True) for net in NETS for c in ("recovery", "bias")},
    **{f"{c}_{net}": pa.Column(int, pa.Check.ge(0)) for net in NETS for c in ("shocks", "recovery_censored")},
    "max_total_demand": pa.Column(float, pa.Check.gt(0)), "n_r": pa.Column(float, pa.Check.gt(0)),
    **{reference_column(p, m): pa.Column(float, _unit) for p in REFERENCE_POLICIES for m in TABLE3_COLS},
}).set_name("qsac_runs")
SUMMARY_SCHEMA = pa.DataFrameSchema(
    {"config": pa.Column(str), "model": pa.Column(str), "metric": pa.Column(str),
     "mean": pa.Column(float, nullable=True), "ci_lo": pa.Column(float, nullable=True),
     "ci_hi": pa.Column(float, nullable=True), "n": pa.Column(int, pa.Check.ge(0))},
    unique=["config", "model", "metric"], coerce=True, strict=True, name="qsac_summary",
)
SEED_RULE = SeedRule(note="only {n} seed(s) per model: no interval, no majority; needs >= {minimum}",
                     decide_anyway=True)


def _fmt(metric: str) -> str:
    return "{:.2f}" if metric.startswith("BCR") else "{:.3f}"


def paper_value(model: str, metric: str) -> float:
    """Table III's value with the spec's typo correction applied (:data:`TABLE3_CORRECTED`)."""
    return TABLE3_CORRECTED.get((model, metric), PAPER_TABLE3[model][metric])


def paper_vs(metric: str, rivals, fmt: str | None = None, sep: str = " vs ") -> str:
    """``QSAC 0.989 vs SAC 0.951, TD3 0.966, DDPG 0.980``: QSAC's Table III value (typo corrected, D24) beside its
    rivals', each named; ``fmt`` defaults to 2 decimals for an eps-BCR, 3 otherwise."""
    f = fmt or _fmt(metric)
    return f"QSAC {f.format(paper_value('qsac', metric))}{sep}" + \
        ", ".join(f"{m.upper()} {f.format(paper_value(m, metric))}" for m in rivals)


def reference(runs: pd.DataFrame, policy: str) -> pd.Series:
    """A reference policy's scores (metric -> value) on the evaluation window of the runs' config."""
    cols = [reference_column(policy, m) for m in TABLE3_COLS]
    return pd.Series(runs[cols].iloc[0].to_numpy(float), index=TABLE3_COLS)


def combine(verdicts) -> str:
    """One verdict from the facets of a claim: holds if every facet holds, partly if some (but not all) hold,
    fails if none holds and one fails, inconclusive if all are; facets that could not be decided ("n/a") count
    only when there is nothing else."""
    v = [x for x in verdicts if x != "n/a"]
    if not v:
        return "n/a"
    if all(x == "holds" for x in v):
        return "holds"
    if any(x in ("holds", "partly") for x in v):
        return "partly"
    return "fails" if "fails" in v else "inconclusive"


def _pivot(runs: pd.DataFrame, metric: str) -> pd.DataFrame:
    """seed x model table of one metric (only seeds present for every model)."""
    return runs.pivot(index="seed", columns="model", values=metric).dropna()


def _majority(mean_ok: bool, wins: int, n: int) -> str:
    seeds_ok = wins > n / 2
    return "holds" if mean_ok and seeds_ok else ("partly" if mean_ok or seeds_ok else "fails")


def _above(p: pd.DataFrame, high: list[str], low: list[str], strict: bool = True) -> tuple[bool, int]:
    """Whether every ``high`` model sits above every ``low`` model on the seed means, and in how many seeds."""
    gt = (lambda a, b: a > b) if strict else (lambda a, b: a >= b)
    return bool(gt(p[high].mean().min(), p[low].mean().max())), int(gt(p[high].min(axis=1), p[low].max(axis=1)).sum())


def dominates(runs, metric, better: str, worse: list[str], strict=True, higher=True, fmt="{:.3f}") -> tuple[str, str]:
    """``better`` beats each of ``worse`` on ``metric`` (above it, or below it where ``higher`` is False) on the
    seed means and in a majority of paired seeds."""
    p = _pivot(runs, metric)
    if better not in p or any(w not in p for w in worse) or p.empty:
        return "n/a", "models missing"
    mean_ok, wins = _above(p if higher else -p, [better], list(worse), strict)
    ours = f"seed means {better} {fmt.format(p[better].mean())} vs " + \
        ", ".join(f"{w} {fmt.format(p[w].mean())}" for w in worse) + f"; {better} best in {wins}/{len(p)} seeds"
    return _majority(mean_ok, wins, len(p)), ours


def significantly_better(runs, metric, better: str, worse: list[str]) -> tuple[str, str]:
    """``better`` beats each of ``worse`` on ``metric`` beyond seed noise ("significantly", "markedly"): the 95%
    interval of the paired per-seed difference (:func:`qrepro.stats.difference_ci`) above 0 for each, and best in
    a majority of seeds. fails: one interval below 0; partly: some above 0; inconclusive: all span 0."""
    p = _pivot(runs, metric)
    if better not in p or any(w not in p for w in worse) or p.empty:
        return "n/a", "models missing"
    diffs = {w: difference_ci(p[better], p[w]) for w in worse}
    above = [w for w, (_, lo, _, _) in diffs.items() if lo > 0]
    below = [w for w, (_, _, hi, _) in diffs.items() if hi < 0]
    _, wins = _above(p, [better], list(worse))
    how = next(iter(diffs.values()))[3]
    ours = (f"{better} minus each, 95% {how}: "
            + ", ".join(f"{w} {e:+.3f}{_ci(lo, hi, '+.3f')}" for w, (e, lo, hi, _) in diffs.items())
            + f"; {better} best in {wins}/{len(p)} seeds")
    if below:
        return "fails", ours
    if len(above) == len(worse):
        return ("holds" if wins > len(p) / 2 else "partly"), ours
    return ("partly" if above else "inconclusive"), ours


def parameter_counts(got: dict) -> tuple[str, str]:
    """C1: every model's (actor, critic) trainable parameters equal Table II."""
    ok = all(got.get(m) == PAPER_PARAMS[m] for m in got)
    return "holds" if ok else "fails", "; ".join(f"{m} {a}/{c}" for m, (a, c) in got.items())


def actor_reduction(got: dict) -> tuple[str, str]:
    """C2: QSAC's actor has > 99% fewer parameters than SAC's (the whole agent is reported beside it)."""
    red = 1 - got["qsac"][0] / got["sac"][0]
    agent = 1 - sum(got["qsac"]) / sum(got["sac"])
    return "holds" if red > 0.99 else "fails", f"actor {red:.5f}; whole agent only {agent:.3f}"


def dsr_lte_surpasses(runs, worse: list[str]) -> tuple[str, str]:
    """C5: QSAC markedly above ``worse`` on DSR LTE; the TD3 - QSAC gap the paper concedes is reported, not tested."""
    verdict, ours = significantly_better(runs, "DSR_LTE", "qsac", worse)
    p = _pivot(runs, "DSR_LTE")
    if "td3" in p:
        gap, lo, hi, how = difference_ci(p["td3"], p["qsac"])
        ours += (f"; TD3 minus QSAC {gap:+.3f}{_ci(lo, hi, '+.3f')} ({how}; paper "
                 f"{paper_value('td3', 'DSR_LTE') - paper_value('qsac', 'DSR_LTE'):+.3f})")
    return verdict, ours


def paper_contradictions(metrics: list[str], rivals: list[str]) -> list[str]:
    """Where Table III itself has a rival at or above QSAC on a metric QSAC is claimed to lead."""
    return [f"{r.upper()} {LABELS[m]} {_fmt(m).format(paper_value(r, m))} >= "
            f"{_fmt(m).format(paper_value('qsac', m))}"
            for m in metrics for r in rivals if paper_value(r, m) >= paper_value("qsac", m)]


def beats_everywhere(runs, metrics: list[str], rivals: list[str], table3: bool = True) -> tuple[str, str]:
    """QSAC above every rival on every metric: against Table III first (``table3``; a rival at or above QSAC
    there contradicts the claim, which then fails), then on our runs (:func:`dominates` per metric)."""
    ours = {m: dominates(runs, m, "qsac", rivals, fmt=_fmt(m)) for m in metrics}
    text = "; ".join(f"{LABELS[m]}: {o}" for m, (_, o) in ours.items())
    contra = paper_contradictions(metrics, rivals) if table3 else []
    if contra:
        return "fails", f"contradicted by Table III: {', '.join(contra)}. Ours: {text}"
    return combine(v for v, _ in ours.values()), text


def tightest_band(runs, rivals: list[str], table3: bool = True) -> tuple[str, str]:
    """C16: QSAC's BCR above ``rivals`` at eps = 5% on LTE and NR (against Table III first where ``table3``, as
    :func:`beats_everywhere`); the other four BCR cells (spec C13) beside it."""
    verdict, ours = beats_everywhere(runs, ["BCR_LTE_5", "BCR_NR_5"], rivals, table3)
    rest = [c for c in BCR_COLS if not c.endswith("_5")]
    means = runs.groupby("model")[rest].mean()
    others = [m for m in means.index if m != "qsac"]
    counter = ", ".join(f"{LABELS[c]} {means.loc['qsac', c]:.2f} vs best {means.loc[others, c].max():.2f}"
                        for c in rest)
    paper = ", ".join(f"{LABELS[c]} {paper_value('qsac', c):.2f} vs best "
                      f"{max(paper_value(m, c) for m in BASELINES):.2f}" for c in rest)
    return verdict, f"{ours}. Other bands, QSAC vs the best baseline: ours {counter}; Table III {paper}"


def _ci(lo: float, hi: float, fmt: str) -> str:
    """`` [lo, hi]``, or nothing where there is no interval (one seed: ``how`` says so)."""
    return f" [{lo:{fmt}}, {hi:{fmt}}]" if np.isfinite(lo) and np.isfinite(hi) else ""


def near_paper_value(values, target: float, tol: float = VALUE_TOLERANCE) -> tuple[str, str]:
    """A seed mean against a value the paper prints: holds within ``tol``; fails when the whole 95% interval of the
    mean lies outside target +- tol; inconclusive when the mean is outside but the interval reaches the band."""
    mean, lo, hi, how = mean_ci(values)
    verdict = ("holds" if abs(mean - target) <= tol
               else "fails" if lo > target + tol or hi < target - tol else "inconclusive")
    return verdict, f"{mean:.3f}{_ci(lo, hi, '.3f')} (95% {how}; paper {target:g} +- {tol:g})"


def _qsac(runs: pd.DataFrame, metric: str) -> np.ndarray:
    return runs.loc[runs.model == "qsac", metric].to_numpy(float)


def utilisation(runs) -> tuple[str, str]:
    """C8: QSAC's utilisation near the paper's 0.761; the oracle's (mean demand / N_r) shows what exact is."""
    verdict, ours = near_paper_value(_qsac(runs, "Util"), paper_value("qsac", "Util"))
    oracle = reference(runs, "oracle")["Util"]
    return verdict, f"{ours}; oracle {oracle:.4f}, |QSAC - oracle| {abs(_qsac(runs, 'Util').mean() - oracle):.3f}"


def dsr_values(runs) -> tuple[str, str]:
    """C8b: QSAC's DSR near the paper's 0.987 (LTE) and 0.989 (NR)."""
    got = {m: near_paper_value(_qsac(runs, m), paper_value("qsac", m)) for m in ("DSR_LTE", "DSR_NR")}
    return combine(v for v, _ in got.values()), "; ".join(f"{LABELS[m]} {o}" for m, (_, o) in got.items())


def consistent_improvement(runs) -> tuple[str, str]:
    """C9b: QSAC's mean MA(100) reward rises from each quarter of training to the next, for the seed-mean curve and
    in a majority of seeds."""
    q = runs[runs.model == "qsac"][[f"ma_q{k}" for k in range(1, 5)]].to_numpy(float)
    curve = q.mean(axis=0)
    wins = int((np.diff(q, axis=1) > 0).all(axis=1).sum())
    return (_majority(bool((np.diff(curve) > 0).all()), wins, len(q)),
            f"QSAC mean MA(100) by quarter, seed means (n = {len(q)}): " + ", ".join(f"{v:.3f}" for v in curve)
            + f"; rising every quarter in {wins}/{len(q)} seeds")


def early_phase(runs) -> tuple[str, str]:
    """C10: over the first 10% of training SAC's and QSAC's rewards are lower (mean MA(100)) and more variable
    (std of the per-episode reward) than TD3's and DDPG's: on the seed means and in a majority of seeds."""
    stochastic, deterministic = ["sac", "qsac"], ["td3", "ddpg"]
    facets = {"lower": ("early_ma_mean", deterministic, stochastic),
              "more variable": ("early_reward_std", stochastic, deterministic)}
    verdicts, parts = [], []
    for name, (col, high, low) in facets.items():
        p = _pivot(runs, col)
        mean_ok, wins = _above(p, high, low)
        verdicts.append(_majority(mean_ok, wins, len(p)))
        parts.append(f"{name} ({col}) {verdicts[-1]}: seed means "
                     + ", ".join(f"{m} {p[m].mean():.3f}" for m in stochastic + deterministic)
                     + f"; in {wins}/{len(p)} seeds")
    return combine(verdicts), "; ".join(parts)


def deviation_smallest(runs, net: str) -> tuple[str, str]:
    """C11: on ``net``'s evaluation trace QSAC has the smallest std of A - D, the smallest worst-case |A - D| and
    the shortest recovery after demand shocks (NR adds the smallest |mean A - D|, "centered around zero"); each
    facet by :func:`dominates` (lower is better)."""
    runs = runs.assign(abs_bias=runs[f"bias_{net}"].abs())
    facets = {"std": f"std_dev_{net}", "worst": f"worst_abs_dev_{net}", "recovery": f"recovery_{net}"}
    if net == "NR":
        facets["|mean|"] = "abs_bias"
    others = [m for m in MODELS if m != "qsac" and m in set(runs.model)]
    verdicts, parts = [], []
    for name, col in facets.items():
        if runs[col].isna().all():
            parts.append(f"{name}: no demand shock in the window")
            continue
        v, o = dominates(runs, col, "qsac", others, higher=False, fmt="{:.2f}")
        verdicts.append(v)
        parts.append(f"{name} {v}: {o}")
    censored = runs.groupby("model")[f"recovery_censored_{net}"].sum()
    shocks = int(runs[f"shocks_{net}"].max())
    return combine(verdicts), "; ".join(parts) + (
        f" (recovery summed over {shocks} shock(s); never recovered, runs x shocks: "
        + ", ".join(f"{m} {c}" for m, c in censored.items()) + ")" if shocks else "")


def constrained(runs, config: str, rivals: list[str]) -> tuple[str, str]:
    """C12: QSAC above ``rivals`` on Util (higher, as the paper reads 'spectrum efficiency'), DSR NR and DSR LTE;
    at the paper's pool also against Table III. Beside it: |Util - oracle| and whether the pool binds at all."""
    verdict, ours = beats_everywhere(runs, ["Util", "DSR_NR", "DSR_LTE"], rivals, table3=config == PAPER_CONFIG)
    n_r, peak = float(runs.n_r.iloc[0]), float(runs.max_total_demand.max())
    oracle = reference(runs, "oracle")["Util"]
    util = runs.groupby("model").Util.mean()
    binds = (f"N_r = {n_r:g} never binds in our data (max total demand {peak:.1f} PRB): 'constrained' is the "
             "paper's label, not a binding budget here" if peak <= n_r
             else f"N_r = {n_r:g} binds (max total demand {peak:.1f} PRB)")
    return verdict, (f"{ours}. |Util - oracle {oracle:.4f}|: "
                     + ", ".join(f"{m} {abs(u - oracle):.3f}" for m, u in util.items()) + f". {binds}")


def converges_faster(pairs: pd.DataFrame, n_runs: int) -> tuple[str, str]:
    """C15: QSAC outperforms every baseline in sample complexity (Definition 4.2)."""
    q = pairs[pairs.model == "qsac"].set_index("baseline")
    beats = [b for b in q.index if q.loc[b, "outperforms"]]
    beaten = [b for b in q.index if q.loc[b, "cells_worse"] > 0]
    return ("holds" if len(beats) == len(q) else ("fails" if not beats else "partly"),
            "outperforms: " + (", ".join(beats) or "none")
            + "; significantly slower than: " + (", ".join(beaten) or "none")
            + f" ({n_runs} runs per model, 5-95% cluster-bootstrap ranges)")


def references_control(runs) -> tuple[str, str]:
    """C14 (control, spec 1.9 and 5.7): what the task demands, in three facets. The oracle (current demand, which
    the observation holds) scores 1 on DSR and every eps-BCR cell, as correct env and metric code must; lag-1
    persistence (last hour's demand, no learning) reaches every Table III model's BCR LTE-5%; and it scores at least
    the best agent's seed mean on each of DSR LTE, DSR NR and the six eps-BCR cells (holds: all 8; partly: some).
    One verdict by :func:`combine`."""
    metrics = ["DSR_LTE", "DSR_NR"] + BCR_COLS
    means = runs.groupby("model")[metrics + ["Util"]].mean()
    n = int(runs.groupby("model").size().min())
    pers, oracle = reference(runs, "persistence"), reference(runs, "oracle")
    exact = all(abs(oracle[c] - 1.0) < 1e-9 for c in metrics)
    table3 = [m for m in PAPER_TABLE3 if pers["BCR_LTE_5"] >= paper_value(m, "BCR_LTE_5")]
    beaten = [m for m in metrics if pers[m] >= means[m].max()]
    facets = {"oracle exact": "holds" if exact else "fails",
              "persistence >= Table III": "holds" if len(table3) == len(PAPER_TABLE3) else "fails",
              "persistence >= agents": ("holds" if len(beaten) == len(metrics) else "partly" if beaten else "fails")}
    span = lambda m: f"{means[m].min():.3f}-{means[m].max():.3f}"  # noqa: E731
    return combine(facets.values()), (
        f"oracle scores 1 on DSR and every eps-BCR cell: {'yes' if exact else 'no'} ({facets['oracle exact']}); "
        f"persistence BCR LTE-5% "
        f"{pers['BCR_LTE_5']:.2f} >= Table III's {len(table3)} of {len(PAPER_TABLE3)} models (best QSAC 0.91; "
        f"{facets['persistence >= Table III']}); persistence at or above the best agent's seed mean (n = {n} per "
        f"model) on {len(beaten)} of {len(metrics)} metrics ({facets['persistence >= agents']}): BCR LTE-5% agents "
        f"{span('BCR_LTE_5')}, DSR LTE persistence {pers['DSR_LTE']:.3f} vs agents {span('DSR_LTE')}, DSR NR "
        f"{pers['DSR_NR']:.3f} vs {span('DSR_NR')}; Util oracle {oracle['Util']:.4f}, persistence "
        f"{pers['Util']:.4f}, agents {span('Util')}")


def next_state_ignores_action() -> bool:
    """Whether the env's next observation is the same whatever the action (the demand index advances regardless):
    two fresh envs on a synthetic series, stepped with opposite actions."""
    series = np.linspace(10.0, 30.0, 16)
    after = []
    for action in ([0.0, 0.0], [1.0, 1.0]):
        env = DSSEnv(series, series[::-1], max_steps=2)
        env.reset(seed=0)
        after.append(env.step(np.array(action, np.float32))[0])
    return bool(np.array_equal(*after))


def full_mdp(gamma: float) -> tuple[str, str]:
    """C17: a full MDP needs actions that shape later states and critic targets that look past one step; as trained
    (gamma from params.yaml, the env's transitions) the task has neither: a contextual bandit, as AdapShare's."""
    ignores = next_state_ignores_action()
    ok = gamma > 0 and not ignores
    return ("holds" if ok else "fails",
            f"gamma = {gamma:g} (critic target {'bootstraps' if gamma > 0 else 'y = r: no bootstrapping'}); next "
            f"state {'is the same for any action' if ignores else 'depends on the action'} (the demand index "
            "advances regardless); one-step training episodes ('time step = 1', line 213)")


C12_METRICS = ("Util", "DSR_NR", "DSR_LTE")


def evaluate_claims(runs: pd.DataFrame, config: str, gamma: float, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """Claims of one env config from its rows of runs.csv (the paper's claims are about nr60; other configs get the
    same checks, C12 marked as an extension); ``gamma``: the agents' discount (params.yaml), for C17."""
    runs = runs[runs["config"] == config]
    claims = Claims(config, SEED_RULE)
    params = runs.groupby("model")[["n_actor_params", "n_critic_params"]].first()
    got = {m: (int(params.loc[m, "n_actor_params"]), int(params.loc[m, "n_critic_params"]))
           for m in MODELS if m in params.index}
    present = set(runs.model)
    others = [m for m in BASELINES if m in present]
    n = int(runs.groupby("model").size().min()) if len(runs) else 0
    paper = config == PAPER_CONFIG          # Table III is about this pool: it decides the claims it contradicts
    extension = "" if paper else f" (extension, not in paper: N_r = {runs.n_r.iloc[0]:g})"
    sac_td3 = [m for m in ("sac", "td3") if m in present]

    def seeds_unless_contradicted(metrics: list[str], rivals: list[str]) -> int | None:
        """A claim Table III contradicts at the paper's pool fails on the paper's numbers alone: no seed rule."""
        return None if paper and paper_contradictions(metrics, rivals) else n

    claims.add("C1", "Parameter counts (actor / critic) equal Table II",
               "; ".join(f"{m.upper()} {a:,}/{c:,}" for m, (a, c) in PAPER_PARAMS.items()), parameter_counts, got,
               quote="Actor Parameters 72,962 72,962 73,476 377 / Critic Parameters 73,217 146,434 146,434 146,434",
               where="Sec. III, Table II, lines 194-195", reading="as stated: every count equal")
    if "qsac" in got and "sac" in got:
        claims.add("C2", "Actor parameter reduction QSAC vs SAC > 99%",
                   "over 99% (73,476 -> 377, Table II; 0.99487 derived)", actor_reduction, got,
                   quote="Our quantum-enhanced actor significantly reduces the number of trainable actor parameters "
                         "by over 99% compared to its conventional SAC equivalent (from around 73,000 to merely "
                         "377), indicating an important improvement in model efficiency.",
                   where="Abstract, line 16",
                   reading="as stated: actor against actor; the whole agent's reduction is shown beside it")
    if "qsac" not in present:
        return claims.table()
    claims.add("C3", "BCR LTE 5%: QSAC significantly higher than each classical baseline",
               paper_vs("BCR_LTE_5", ["sac", "ddpg", "td3"]), significantly_better, runs, "BCR_LTE_5", "qsac",
               others, seeds=n,
               quote="QSAC also achieves a 91% LTE-5% ϵ-band compliance rate, significantly higher than TD3 (12%), "
                     "DDPG (29%), and SAC (53%).",
               where="Sec. I-B Contributions, line 69; also Sec. III-A line 229, Sec. IV line 249",
               reading="as stated: 'significantly higher' read as the paired 95% interval of QSAC - baseline above "
                       "0 for each baseline, with QSAC best in a majority of seeds")
    claims.add("C4", "DSR NR: QSAC highest (> SAC, TD3, DDPG)",
               paper_vs("DSR_NR", ["sac", "td3", "ddpg"]) + f" (Table III; {D24_NOTE})", dominates, runs, "DSR_NR",
               "qsac", others, seeds=n,
               quote=TABLE3_DSR_TEXT, where="Sec. III-A, lines 217 + 229 (Table III, lines 223-226)",
               reading="as stated: 'the highest' read as strictly above each baseline on the seed means and in a "
                       "majority of paired seeds")
    claims.add("C5", "DSR LTE: QSAC markedly above SAC and DDPG (TD3 conceded higher)",
               paper_vs("DSR_LTE", ["sac", "ddpg", "td3"]) + " (TD3 higher)", dsr_lte_surpasses, runs,
               [m for m in ("sac", "ddpg") if m in present], seeds=n,
               quote=TABLE3_DSR_TEXT, where="Sec. III-A, line 229 (Table III, lines 223-226)",
               reading="as stated: 'markedly surpassing' read as the paired 95% interval of QSAC - baseline above "
                       "0; 'marginally following TD3' is conceded: the TD3 - QSAC gap is reported, not tested")
    claims.add("C6", "Abstract: QSAC achieves a higher DSR than SAC and TD3, on LTE and on NR",
               f"LTE {paper_vs('DSR_LTE', ['sac', 'td3'])}; NR {paper_vs('DSR_NR', ['sac', 'td3'])} (Table III; "
               f"{D24_NOTE})", beats_everywhere, runs, ["DSR_LTE", "DSR_NR"], sac_td3, table3=paper,
               seeds=seeds_unless_contradicted(["DSR_LTE", "DSR_NR"], sac_td3),
               quote=ABSTRACT_DSR_BCR, where="Abstract, line 16 (Table III, lines 223-226)",
               reading="contradicted: the paper's own Table III gives TD3 DSR LTE 0.999 > QSAC 0.987; our runs "
                       "are reported beside it")
    claims.add("C7", "BCR LTE 10%: QSAC highest", paper_vs("BCR_LTE_10", ["sac", "td3", "ddpg"]),
               dominates, runs, "BCR_LTE_10", "qsac", others, fmt="{:.2f}", seeds=n,
               quote="At LTE-10%, QSAC consistently outperformed other models, achieving a result of 0.98.",
               where="Sec. III-A, line 229 (Table III, line 223)",
               reading="as stated: 'consistently outperformed' read as above each baseline on the seed means and in "
                       "a majority of paired seeds")
    claims.add("C16", "Abstract: at the tightest band (eps = 5%) QSAC's eps-BCR is higher than SAC's and TD3's, on "
                      "LTE and on NR",
               f"LTE-5% {paper_vs('BCR_LTE_5', ['sac', 'td3'])}; NR-5% {paper_vs('BCR_NR_5', ['sac', 'td3'])} "
               "(Table III)", tightest_band, runs, sac_td3, table3=paper,
               seeds=seeds_unless_contradicted(["BCR_LTE_5", "BCR_NR_5"], sac_td3),
               quote=ABSTRACT_DSR_BCR, where="Abstract, line 16 (Table III, lines 223-226)",
               reading="contradicted: the paper's own Table III gives TD3 NR-5% 0.74 > QSAC 0.71; 'under demanding "
                       "conditions' read as the tightest band, eps = 5% (the conclusion's 'tight constraints', "
                       "line 249)")
    claims.add("C8", "QSAC utilisation = 0.761, within +-0.02 (ours)", f"{paper_value('qsac', 'Util'):g}",
               utilisation, runs, seeds=n, quote=CONTRIBUTION_RESULTS,
               where="Sec. I-B Contributions, line 69 (Table III, line 223)",
               reading="as stated: the printed value, within a tolerance of our choosing; closeness to the oracle's "
                       "Util (mean demand / N_r), not height, is what a good allocation shows")
    claims.add("C8b", "QSAC DSR = 0.987 (LTE) and 0.989 (NR), within +-0.02 (ours, as C8)",
               "0.987 (LTE) / 0.989 (NR) (Table III; also line 249)", dsr_values, runs, seeds=n,
               quote="Through simulation over 100 time-steps and training on 860 samples per LTE and NR network, "
                     "QSAC achieved strong performance, including a DSR of 0.989 for NR and 0.987 for LTE.",
               where="Sec. IV Conclusion, line 249; also Sec. I-B line 69",
               reading="as stated: the printed values, within a tolerance of our choosing (as C8)")
    claims.add("C9", "Late training reward std (last 25% of episodes) smallest for QSAC", "Fig. 3 text, no numbers",
               dominates, runs, "late_reward_std", "qsac", others, higher=False, fmt="{:.4f}", seeds=n,
               quote="In the concluding phase, QSAC meticulously monitors a consistently elevated reward level, "
                     "exhibiting minimal profound outliers.",
               where="Sec. III-A, Fig. 3 text, line 241; also Sec. I-B line 70, Sec. IV line 249",
               reading="as stated: 'minimal outliers' read as the smallest std of the per-episode reward over the "
                       "last 25% of training, on the seed means and in a majority of seeds")
    claims.add("C9b", "QSAC's training reward improves consistently: each quarter's mean MA(100) reward above the "
                      "previous quarter's", "Fig. 3, no numbers", consistent_improvement, runs, seeds=n,
               quote="Its reward trajectory shows reduced variance and consistent improvement, indicating robust "
                     "policy learning in highly dynamic environments.",
               where="Sec. I-B Contributions, line 70",
               reading="as stated: 'consistent improvement' read as a rise from each quarter of training to the "
                       "next, for the seed-mean curve and in a majority of seeds ('reduced variance' is C9)")
    if set(MODELS) <= present:
        claims.add("C10", "Early training (first 10%): SAC's and QSAC's rewards lower (MA(100)) and more variable "
                          "(per-episode std) than TD3's and DDPG's", "Fig. 3 text, no numbers", early_phase, runs,
                   seeds=n,
                   quote="During the early phase, SAC and QSAC demonstrate lower and variable rewards owing to their "
                         "stochastic policies that prioritize entropy maximization; this reflects a calculated "
                         "trade-off to promote exploration of the action space.",
                   where="Sec. III-A, Fig. 3 text, line 241",
                   reading="as stated: 'lower' read as the mean MA(100) reward and 'variable' as the std of the "
                           "per-episode reward over the first 10% of training, on the seed means and in a majority "
                           "of seeds")
    for net, quote, where, extra in (
            ("LTE", FIG4_SUMMARY, "Sec. III-A, Fig. 4 text, lines 243-245", ""),
            ("NR", FIG4_NR, "Sec. III-A, Fig. 4 text, line 243 (summary lines 243-245)",
             "; 'centered around zero' read as the smallest |mean(A - D)|")):
        claims.add(f"C11-{net}", f"{net} evaluation: QSAC has the smallest std and worst-case |A-D| and the shortest "
                                 "recovery after demand shocks" + (", centred on zero" if extra else ""),
                   "Fig. 4 text, no numbers", deviation_smallest, runs, net, seeds=n, quote=quote, where=where,
                   reading=f"as stated: {FIG4_READING}{extra}")
    claims.add("C12", ("At the paper's N_r = 60 ('constrained resource conditions')" if paper else
                       "At a pool the paper did not run") + ", QSAC outperforms TD3, DDPG and SAC on spectrum "
                      "efficiency (Util), DSR NR and DSR LTE" + extension,
               "QSAC " + " / ".join(f"{paper_value('qsac', m):.3f}" for m in C12_METRICS)
               + " vs " + ", ".join(f"{r.upper()} " + " / ".join(f"{paper_value(r, m):.3f}" for m in C12_METRICS)
                                    for r in ("td3", "ddpg", "sac"))
               + " (Table III: Util / DSR NR / DSR LTE; SAC's DSR NR as corrected, spec D24)",
               constrained, runs, config, others,
               seeds=seeds_unless_contradicted(list(C12_METRICS), others) if paper else n,
               quote=CONTRIBUTION_RESULTS,
               where="Sec. I-B Contributions, line 69 (N_r = 60, line 217; Table III, lines 223-226)",
               reading=("contradicted: the paper's own Table III gives TD3 DSR LTE 0.999 > 0.987 and Util TD3 "
                        "0.770, DDPG 0.767 > 0.761, so the claim fails at N_r = 60 whatever our runs show. Decided "
                        "at N_r = 60, where the paper states it, though that pool never binds on the paper's data "
                        "(peak total demand below 60 PRB; 'ours' gives ours): 'constrained' is the paper's label, "
                        "not a binding budget. Util read higher-is-better, as the paper does" if paper
                        else "as stated: the paper's claim at a pool it did not run; Util read higher-is-better"))
    if pairs is not None and not pairs.empty:
        claims.add("C15", "QSAC converges faster: outperforms each baseline in sample complexity (Def. 4.2, 5-95% "
                          "cluster-bootstrap ranges over the eps x delta grid)",
                   "'faster convergence' (contributions, no numbers)", converges_faster, pairs, n, seeds=n,
                   quote="QSAC exhibits a clear quantum advantage by achieving faster convergence and more stable "
                         "learning dynamics across varying demand profiles.",
                   where="Sec. I-B Contributions, line 70; Fig. 3 text, line 241",
                   reading="looser: tested on the paper's one training series; 'across varying demand profiles' "
                           "needs runs on other AdapShare series, which no tier has. The paper's own Fig. 3 text "
                           "says TD3 and DDPG 'exhibit a more rapid initial growth' (line 241)")
    claims.add("C17", "The task as trained is a full MDP (actions shape later states; critic targets look past one "
                      "step)", "full MDP (line 64)", full_mdp, gamma,
               quote="Compared to AdapShare [6], which formulates DSS as a contextual bandit problem (where the agent "
                     "makes decisions based on current context without considering long-term consequences or state "
                     "transitions) and uses classical actor-critic RL with synthetic data, our approach models the "
                     "task as a full Markov Decision Process (MDP) and applies quantum reinforcement learning (QRL) "
                     "for improved convergence, scalability, and continuous control.",
               where="Sec. I-B Contributions, line 64",
               reading="as stated: decided on the task as the authors' code trains it (spec A4), which we reproduce")
    claims.add("C14", "Control: the oracle (current demand) scores 1; persistence (last hour's demand, no learning) "
                      "reaches every Table III model's BCR LTE-5% and every agent's seed mean on DSR and each eps-BCR "
                      "cell", "none (control); Table III's best LTE-5%: QSAC 0.91", references_control, runs,
               where="not in the paper: spec 000 sections 1.9, 5.7 (reference policies on the same evaluation window)",
               reading="control: not a paper claim; shows what the task demands: the observation holds the current "
                       "demand (so the oracle is exact and checks the env and metric code) and persistence needs no "
                       "learning. The reference policies' scores are columns of runs.csv")
    return claims.table()
