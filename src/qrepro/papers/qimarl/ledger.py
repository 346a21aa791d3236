"""QI-MARL against the classical learners, for the cross-paper ledger (qrepro.ledger)."""

from __future__ import annotations

import pandas as pd

from ...ledger import compare, row


def rows(summary: pd.DataFrame, claims: pd.DataFrame) -> list[dict]:
    """QI-MARL against the classical learners on the evaluation reward (C1), and its QAOA against the exact
    classical proposer on the same learner (the control C14)."""
    per = {m: g.set_index("seed") for m, g in summary.groupby("method")}
    time = (summary.episode_time_s * summary.episodes).groupby(summary.method).sum()
    cost = time / summary.groupby("method").episodes.sum()     # the mean over all episodes of all seeds
    out = []
    if "qimarl" not in per:
        return out
    for rival, comparison, claim in (("ppo", "QI-MARL vs MAPPO (PPO)", "C1"), ("ddpg", "QI-MARL vs MADDPG", "C1"),
                                     ("iql", "QI-MARL vs independent Q-learning", "C1"),
                                     ("qimarl_exact", "QAOA vs exact classical proposals (same learner)", "C14")):
        if rival in per:
            out.append(row("qimarl", comparison, "qimarl", rival, "evaluation reward", "higher",
                            compare(per["qimarl"].reward, per[rival].reward, "higher"), claims, claim,
                            cost_ratio=cost["qimarl"] / cost[rival]))
    return out
