"""What one job of paper qimarl costs, for the planner (qrepro.publication.plan): its cost class and units of work
(jobs of one class cost about the same per unit), and how an unmeasured sweep config is priced."""

from __future__ import annotations

import pandas as pd

from ...config import tier


def work(rule: str, wc: dict, cfg: dict) -> tuple[str, float] | None:
    """Training runs: per method (or sweep config, or scaling point) x episodes."""
    t = tier(cfg, "qimarl")
    if rule == "qimarl_train":
        return wc["qimarl_method"], t["episodes"]
    if rule == "qimarl_long_train":
        return wc["qimarl_method"], t["long"]["episodes"]
    if rule == "qimarl_scale_train":
        return f"{wc['qimarl_method']}/n{wc['n_uav']}_g{wc['grid']}", t["scale_training"]["episodes"]
    if rule == "qimarl_sweep_train":
        return wc["sweep_config"], t["sweep"]["episodes"]
    if rule == "qimarl_scaling_run":
        return f"{wc['qimarl_method']}/n{wc['n_uav']}_g{wc['grid']}", t["scaling"]["episodes"]
    return None


def fallback(rule: str, cls: str, measured: pd.DataFrame) -> tuple[str, str, float, str] | None:
    """A sweep config costs about what QI-MARL at its default point does (a qimarl_train run); a long run what a
    main run of its method does per episode; a run at another team size what a timed scaling run there does."""
    have = lambda r: set(measured[measured.rule == r].cost_class)  # noqa: E731
    if rule == "qimarl_sweep_train" and "qimarl" in have("qimarl_train"):
        return "qimarl_train", "qimarl", 1.0, "as qimarl_train/qimarl"
    if rule == "qimarl_long_train" and cls in have("qimarl_train"):
        return "qimarl_train", cls, 1.0, f"as qimarl_train/{cls}"
    if rule == "qimarl_scale_train" and cls in have("qimarl_scaling_run"):
        return "qimarl_scaling_run", cls, 1.0, f"as qimarl_scaling_run/{cls}"
    return None
