"""What one job of paper qimarl costs, for the planner (qrepro.publication.plan): its cost class and units of work
(jobs of one class cost about the same per unit), and how an unmeasured sweep config is priced."""

from __future__ import annotations

import pandas as pd

from ...config import tier


def work(rule: str, wc: dict, cfg: dict) -> tuple[str, float] | None:
    """Training runs: per method (or sweep config, or scaling point) x episodes."""
    if rule == "qimarl_train":
        return wc["qimarl_method"], tier(cfg, "qimarl")["episodes"]
    if rule == "qimarl_sweep_train":
        return wc["sweep_config"], tier(cfg, "qimarl")["sweep"]["episodes"]
    if rule == "qimarl_scaling_run":
        return f"{wc['qimarl_method']}/n{wc['n_uav']}_g{wc['grid']}", tier(cfg, "qimarl")["scaling"]["episodes"]
    return None


def fallback(rule: str, cls: str, measured: pd.DataFrame) -> tuple[str, str, float, str] | None:
    """A sweep config costs about what QI-MARL at its default point does (a qimarl_train run)."""
    if rule == "qimarl_sweep_train" and "qimarl" in set(measured[measured.rule == "qimarl_train"].cost_class):
        return "qimarl_train", "qimarl", 1.0, "as qimarl_train/qimarl"
    return None
