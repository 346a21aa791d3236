"""The qimarl chapter: setup, verdicts, Table 2 / 5 style metrics beside the paper's, figures, deviations."""

from __future__ import annotations

import pandas as pd

from ..metrics.qimarl_claims import PAPER_TABLE5
from . import deviations
from .pdf import FRAME_WIDTH, PageBreak, claims_table, deviations_table, figure, heading, para, table


def section(summary: pd.DataFrame, claims: pd.DataFrame, figures: dict, setup: dict) -> list:
    out = [heading("qimarl: quantum-inspired MARL for UAV-assisted 6G (paper 004)", 1)]
    out.append(para(
        f"Tier <b>{setup['tier']}</b>: {setup['n_uav']} UAVs on a {setup['grid']} x {setup['grid']} grid, "
        f"T = {setup['horizon']} steps, methods {', '.join(setup['methods'])}, seeds {setup['seeds']}, "
        f"{setup['episodes']} training episodes each; evaluation metrics are the last 10% of training episodes. "
        "The paper lost all its equations and most table cells in extraction: the environment and every constant "
        "follow spec 004's documented reconstruction, so only directions and ratios are comparable."))
    out.append(heading("Claim verdicts", 2))
    out.append(claims_table(claims))
    out.append(heading("Table 5: evaluation metrics (mean +- sd over seeds)", 2))
    g = summary.groupby("method")
    rows = []
    for m, s in g:
        paper = PAPER_TABLE5.get(m, {})
        rows.append({"method": m, "reward": f"{s.reward.mean():.1f} +- {s.reward.std(ddof=1):.1f}",
                     "coverage %": f"{100 * s.coverage.mean():.1f}", "oracle cov. %": f"{100 * s.oracle_coverage.mean():.1f}",
                     "exploration %": f"{100 * s.exploration_ratio.mean():.1f}", "entropy": f"{s.entropy.mean():.2f}",
                     "cum. regret": f"{s.cum_regret.mean():.0f}",
                     "E_conv": f"{s.e_conv.mean():.0f}" + (" (censored)" if s.censored.any() else ""),
                     "s / episode": f"{s.episode_time_s.mean():.2f}",
                     "paper reward / cov / entropy": "/".join(str(paper.get(k, "")) for k in ("reward", "coverage", "entropy"))})
    out.append(table(pd.DataFrame(rows), font_size=6.5))
    out += figure(figures["curves"], "Training curves: return, coverage and regret against the greedy oracle.")
    out += figure(figures["radar"], "Radar chart over the five axes of the paper's Fig. 12.", width=0.5 * FRAME_WIDTH)
    out.append(heading("Deviations from the paper", 2))
    out.append(deviations_table(deviations.QIMARL))
    out.append(PageBreak())
    return out
