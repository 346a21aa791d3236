"""Paper 004 metrics over training logs (spec 4: convergence episode, evaluation window) and claims C1-C5, C8, C13
for the methods this tier runs (QI-MARL vs PPO); the others are n/a until their learners exist."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .qsac_claims import CLAIMS_SCHEMA, MIN_SEEDS_FOR_SIGNIFICANCE

PAPER_TABLE5 = {"qimarl": {"reward": 312.4, "coverage": 93.7, "entropy": 0.42, "regret": 1420},
                "ppo": {"reward": 267.8, "coverage": 87.3, "entropy": 0.35, "regret": 1943}}
PAPER_TABLE2 = {"coverage": 93.7, "exploration_ratio": 88.2, "msg_kb": 15.4, "loc_err_m": 1.3,
                "entropy": 0.42, "convergence_episode": 450}


def convergence_episode(returns: np.ndarray, window: int = 50, tol: float = 0.02) -> tuple[int, bool]:
    """E_conv (spec 4): first e >= window after which MA(window) stays within tol |L| of L, the mean of the last
    10% of episodes (at least ``window``). Censored (flag True) when that only happens inside the final window,
    which holds by construction of L, i.e. the run has not converged."""
    r = np.asarray(returns, float)
    e = len(r)
    if e < 2 * window:
        return e, True
    level = r[-max(window, e // 10):].mean()
    ma = np.convolve(r, np.ones(window) / window, mode="valid")           # ma[k] = mean r[k..k+window-1]
    ok = np.abs(ma - level) <= tol * abs(level)
    bad = np.flatnonzero(~ok)
    first = 0 if len(bad) == 0 else bad[-1] + 1
    e_conv = int(first + window)
    return (e, True) if e_conv > e - window else (e_conv, False)


def summarise(episodes: pd.DataFrame, eval_frac: float = 0.1) -> pd.DataFrame:
    """Per (method, seed): evaluation-window means (last eval_frac of training), E_conv, cumulative regret."""
    rows = []
    for (m, s), g in episodes.sort_values("episode").groupby(["method", "seed"]):
        k = max(1, int(round(eval_frac * len(g))))
        tail = g.tail(k)
        e_conv, censored = convergence_episode(g.return_ext.to_numpy())
        rows.append({"method": m, "seed": s, "episodes": len(g), "reward": tail.return_ext.mean(),
                     "coverage": tail.coverage.mean(), "oracle_coverage": tail.oracle_coverage.mean(),
                     "exploration_ratio": tail.exploration_ratio.mean(), "entropy": tail.policy_entropy.mean(),
                     "cum_regret": g.regret_ep.sum(), "e_conv": e_conv, "censored": censored,
                     "msg_kb": g.msg_kb.mean(), "loc_err_m": g.loc_err_m.mean(),
                     "episode_time_s": g.episode_time_s.mean(), "qaoa_time_s": g.qaoa_time_s.mean()})
    return pd.DataFrame(rows)


def evaluate_claims(summary: pd.DataFrame) -> pd.DataFrame:
    rows = []
    n_seeds = int(summary.groupby("method").seed.nunique().min()) if len(summary) else 0
    methods = set(summary.method)

    def add(cid, statement, paper, decide, needs=("qimarl", "ppo"), statistical=True):
        if any(m not in methods for m in needs):
            verdict, ours = "n/a", "not run in this tier: " + ", ".join(m for m in needs if m not in methods)
        elif statistical and n_seeds < MIN_SEEDS_FOR_SIGNIFICANCE:
            verdict, ours = "n/a", f"only {n_seeds} seed(s); needs >= {MIN_SEEDS_FOR_SIGNIFICANCE}"
        else:
            verdict, ours = decide()
        rows.append({"config": "E-main", "claim": cid, "statement": statement, "paper": paper, "ours": ours,
                     "verdict": verdict})

    def paired(col):
        p = summary.pivot(index="seed", columns="method", values=col).dropna()
        return p["qimarl"], p["ppo"]

    def c1():
        q, b = paired("reward")
        p = stats.ttest_rel(q, b).pvalue if len(q) > 1 else np.nan
        return ("holds" if q.mean() > b.mean() and p < 0.05 else "fails",
                f"QI/PPO = {q.mean() / b.mean():.3f} (paper 1.167), paired t p = {p:.3g}, n = {len(q)} seeds")
    add("C1", "Evaluation reward: QI-MARL > PPO (DDPG, Q-learning not yet run)", "312.4 vs 267.8", c1)

    def c2():
        q, b = paired("cum_regret")
        return ("holds" if q.mean() < b.mean() else "fails",
                f"cumulative regret QI {q.mean():.0f} vs PPO {b.mean():.0f} ({1 - q.mean() / b.mean():+.1%} reduction)")
    add("C2", "Cumulative regret: QI-MARL < PPO", "26.9% lower than PPO", c2)

    def c3():
        q, b = paired("coverage")
        oc = summary[summary.method == "qimarl"].oracle_coverage.mean()
        ok = q.mean() > b.mean() and q.mean() >= 0.9 * oc
        return ("holds" if ok else "fails", f"coverage QI {q.mean():.3f} vs PPO {b.mean():.3f}; oracle {oc:.3f}")
    add("C3", "Coverage QI-MARL > PPO and >= 0.9 of the oracle's", "93.7% vs 87.3%", c3)

    def c4():
        s = summary.set_index("method")
        q, b = s.loc[["qimarl"]], s.loc[["ppo"]]
        if q.censored.any() or b.censored.any():
            return "untestable", (f"E_conv censored: returns still change at the end of {int(summary.episodes.min())} "
                                  "episodes (spec MA50 rule); needs longer runs (paper tier)")
        return ("holds" if q.e_conv.mean() < b.e_conv.mean() else "fails",
                f"E_conv QI {q.e_conv.mean():.0f} vs PPO {b.e_conv.mean():.0f} episodes")
    add("C4", "QI-MARL converges in fewer episodes than PPO", "~450 vs > 600", c4)

    def c5():
        q, b = paired("reward")
        return ("holds" if q.std(ddof=1) < b.std(ddof=1) else "fails",
                f"across-seed sd of final reward: QI {q.std(ddof=1):.2f} vs PPO {b.std(ddof=1):.2f}")
    add("C5", "Final reward varies less across seeds for QI-MARL", "Fig. 6", c5)

    def c8():
        q, b = paired("entropy")
        return ("holds" if q.mean() > b.mean() else "fails",
                f"final policy entropy QI {q.mean():.2f} vs PPO {b.mean():.2f} nats (max ln 45 = 3.81)")
    add("C8", "Final policy entropy QI-MARL > PPO", "0.42 vs 0.35 nats", c8)

    def c13():
        q = summary[summary.method == "qimarl"]
        ok = q.exploration_ratio.mean() >= 0.8 and abs(q.msg_kb.mean() - 15.4) <= 1.5
        return ("holds" if ok else "fails", f"exploration ratio {q.exploration_ratio.mean():.1%}, messages "
                                            f"{q.msg_kb.mean():.1f} KB/episode, localisation {q.loc_err_m.mean():.2f} m")
    add("C13", "High exploration ratio (88%), ~15 KB messages per episode", "88.2%, 15.4 KB", c13,
        needs=("qimarl",), statistical=False)
    for cid, statement in (("C6", "Curiosity baselines (ICM, RND, QI_ICM)"), ("C7", "Ablations (-QAOA, -GP, ...)"),
                           ("C9", "Reward / UCB sensitivity"), ("C10", "GP -> QAOA mapping sensitivity"),
                           ("C11", "Scaling with N = 10 / 20 / 50"), ("C12", "QI-MARL beats PPO at N = 20, 50"),
                           ("C14", "QAOA vs exact classical proposals (control)")):
        rows.append({"config": "E-main", "claim": cid, "statement": statement, "paper": "see spec 004 section 6",
                     "ours": "experiment not implemented yet (issue 6)", "verdict": "n/a"})
    return CLAIMS_SCHEMA.validate(pd.DataFrame(rows))
