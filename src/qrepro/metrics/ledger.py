"""The cross-paper ledger of quantum versus classical: every quantum-versus-classical comparison the five papers
make, in one table, measured the same way (no paper or public code offers this view).

Per comparison: the pair, the metric and which way is better, both means, the effect (quantum minus classical, in
the metric's units, paired by seed where both ran the same seeds) with a bootstrap CI, the probability that a
quantum run beats a classical run (ties count half), the runs behind it, both parameter counts, the quantum run's
compute cost over the classical one's, and the verdict of the claim that makes the comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ..stats import bootstrap_ci
from ..stats.sample_complexity import probability_of_improvement

LEDGER_SCHEMA = pa.DataFrameSchema({
    "paper": pa.Column(str), "comparison": pa.Column(str), "quantum": pa.Column(str), "classical": pa.Column(str),
    "metric": pa.Column(str), "better": pa.Column(str, pa.Check.isin(["higher", "lower"])),
    "quantum_mean": pa.Column(float, nullable=True), "classical_mean": pa.Column(float, nullable=True),
    "effect": pa.Column(float, nullable=True), "effect_lo": pa.Column(float, nullable=True),
    "effect_hi": pa.Column(float, nullable=True), "p_improve": pa.Column(float, pa.Check.in_range(0, 1), nullable=True),
    "n_quantum": pa.Column(int), "n_classical": pa.Column(int),
    "params_quantum": pa.Column(float, nullable=True), "params_classical": pa.Column(float, nullable=True),
    "cost_ratio": pa.Column(float, nullable=True), "claim": pa.Column(str), "verdict": pa.Column(str),
}, coerce=True, strict=True, name="ledger")


def compare(q: pd.Series, c: pd.Series, better: str, seed: int = 0) -> dict:
    """Means, effect (q - c) with its 95% bootstrap CI and P(a q run beats a c run); paired when both are
    indexed by the same seeds, else the difference of two independent means."""
    q, c = q.dropna().astype(float), c.dropna().astype(float)
    paired = q.index.equals(c.index) and len(q) > 1
    if paired:
        effect, lo, hi = bootstrap_ci((q - c).to_numpy(), seed=seed)
    else:
        rng = np.random.default_rng(seed)
        diffs = ([rng.choice(q, len(q)).mean() - rng.choice(c, len(c)).mean() for _ in range(2000)]
                 if len(q) and len(c) else [np.nan])
        effect, lo, hi = q.mean() - c.mean(), *np.nanquantile(diffs, [0.025, 0.975])
    p = probability_of_improvement(q, c) if better == "higher" else probability_of_improvement(-q, -c)
    return {"quantum_mean": q.mean(), "classical_mean": c.mean(), "effect": effect, "effect_lo": lo, "effect_hi": hi,
            "p_improve": p if len(q) and len(c) else np.nan, "n_quantum": len(q), "n_classical": len(c)}


def _row(paper, comparison, quantum, classical, metric, better, stats, claims, claim, params=(np.nan, np.nan),
         cost_ratio=np.nan) -> dict:
    verdict = claims.set_index("claim").verdict.get(claim, "n/a") if len(claims) else "n/a"
    return {"paper": paper, "comparison": comparison, "quantum": quantum, "classical": classical, "metric": metric,
            "better": better, **stats, "params_quantum": params[0], "params_classical": params[1],
            "cost_ratio": cost_ratio, "claim": claim, "verdict": verdict}


def qsac_rows(runs: pd.DataFrame, claims: pd.DataFrame, config: str = "nr60") -> list[dict]:
    """QSAC against each classical actor-critic on Table III's headline metric (BCR LTE 5%, claim C3); parameter
    counts are the actors' (QSAC's quantum part against the MLP it replaces)."""
    r = runs[runs.config == config].set_index("seed")
    claims = claims[claims.config == config]
    out = []
    by_model = {m: g for m, g in r.groupby("model")}
    if "qsac" not in by_model:
        return out
    q = by_model["qsac"]
    for rival in ("sac", "td3", "ddpg"):
        if rival not in by_model:
            continue
        c = by_model[rival]
        params = tuple(float(g.n_actor_params.iloc[0]) for g in (q, c))     # the actor: the part that is quantum
        cost = q.train_seconds.mean() / c.train_seconds.mean() if "train_seconds" in r else np.nan
        out.append(_row("qsac", f"QSAC vs {rival.upper()}", "qsac", rival, "BCR LTE 5% (eval)", "higher",
                        compare(q.BCR_LTE_5, c.BCR_LTE_5, "higher"), claims, "C3", params, cost))
    return out


# (env, algo, quantum model, classical model, the claim that compares them)
QRLBENCH_PAIRS = (("main", "ddqn", "Q14-4", "C16-2", "H1"), ("main", "ddqn", "Q10-4", "C16-2", "H2"),
                  ("main", "ddqn", "Q14-4", "C64-2", "H3"), ("main", "ddqn", "Q14-4", "C32-2", "H5"),
                  ("main", "ddqn", "Q10-4", "C32-2", "H6"), ("cartpole", "vpg", "Q4-1", "C16-1", "H16"))


def qrlbench_rows(curves: pd.DataFrame, claims: pd.DataFrame, main_env: str) -> list[dict]:
    """The hybrid VQCs against the classical MLPs the claims compare them with, on the final validation value
    (DDQN on the main env; CartPole VPG), where this tier ran both."""
    out = []
    for env, algo, quantum, rival, claim in QRLBENCH_PAIRS:
        env = main_env if env == "main" else env
        g = curves[(curves.env == env) & (curves.algo == algo)]
        final = g[g.epoch == g.groupby(["model", "seed"]).epoch.transform("max")]
        models = {m: f.set_index("seed") for m, f in final.groupby("model")}
        if quantum not in models or rival not in models:
            continue
        q, c = models[quantum], models[rival]
        seconds = g.groupby("model").seconds.mean()
        out.append(_row("qrlbench", f"{quantum} vs {rival} ({algo.upper()})", quantum, rival, "final validation V",
                        "higher", compare(q.V, c.V, "higher"), claims, claim,
                        (float(q.n_params.iloc[0]), float(c.n_params.iloc[0])), seconds[quantum] / seconds[rival]))
    return out


def cqdt_rows(detection: pd.DataFrame, claims: pd.DataFrame, main_state: str) -> list[dict]:
    """The quantum-state (F, S, D) attack detector against the classical IDS on the KPIs (AUC per seed; C7)."""
    d = detection[detection.state == main_state]
    q = d[d.method == "cqdt"].set_index("seed").AUC
    out = []
    for ids, name in (("ids_lr", "logistic regression"), ("ids_gbdt", "gradient boosting")):
        c = d[d.method == ids].set_index("seed").AUC
        if len(q) and len(c):
            out.append(_row("cqdt", f"CQDT detector vs classical IDS ({name})", "cqdt", ids, "detection AUC (test)",
                            "higher", compare(q, c, "higher"), claims, "C7"))
    return out


def dickeqaoa_rows(runs: pd.DataFrame, baselines: pd.DataFrame, claims: pd.DataFrame,
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
        out.append(_row("dickeqaoa", f"proposed QAOA vs {rival}", "proposed QAOA", rival, "best conflict (N = "
                        + "/".join(str(n) for n in sorted(r.N.unique())) + ")", "lower",
                        compare(r.best_conflict.reset_index(drop=True), c.reset_index(drop=True), "lower"), claims,
                        claim))
    return out


def qimarl_rows(summary: pd.DataFrame, episodes: pd.DataFrame, claims: pd.DataFrame) -> list[dict]:
    """QI-MARL against the classical learners on the evaluation reward (C1), and its QAOA against the exact
    classical proposer on the same learner (the control C14)."""
    per = {m: g.set_index("seed") for m, g in summary.groupby("method")}
    cost = episodes.groupby("method").episode_time_s.mean()
    out = []
    if "qimarl" not in per:
        return out
    for rival, comparison, claim in (("ppo", "QI-MARL vs MAPPO (PPO)", "C1"), ("ddpg", "QI-MARL vs MADDPG", "C1"),
                                     ("iql", "QI-MARL vs independent Q-learning", "C1"),
                                     ("qimarl_exact", "QAOA vs exact classical proposals (same learner)", "C14")):
        if rival in per:
            out.append(_row("qimarl", comparison, "qimarl", rival, "evaluation reward", "higher",
                            compare(per["qimarl"].reward, per[rival].reward, "higher"), claims, claim,
                            cost_ratio=cost["qimarl"] / cost[rival]))
    return out


def ledger(rows: list[dict]) -> pd.DataFrame:
    return LEDGER_SCHEMA.validate(pd.DataFrame(rows, columns=list(LEDGER_SCHEMA.columns)))


def build(qsac_runs, qsac_claims, qrl_curves, qrl_claims, main_env, cq_detection, cq_claims, main_state, dq_runs,
          dq_baselines, dq_claims, qi_summary, qi_episodes, qi_claims, qsac_config: str = "nr60") -> pd.DataFrame:
    """The ledger from the papers' aggregated tables."""
    return ledger(qsac_rows(qsac_runs, qsac_claims, qsac_config) + qrlbench_rows(qrl_curves, qrl_claims, main_env)
                  + cqdt_rows(cq_detection, cq_claims, main_state) + dickeqaoa_rows(dq_runs, dq_baselines, dq_claims)
                  + qimarl_rows(qi_summary, qi_episodes, qi_claims))
