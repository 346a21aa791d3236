"""What one job of paper qsac costs, for the planner (qrepro.publication.plan): its cost class and units of work
(jobs of one class cost about the same per unit)."""

from __future__ import annotations

from ...config import tier


def work(rule: str, wc: dict, cfg: dict) -> tuple[str, float] | None:
    """A training run costs its model's seconds per step x the tier's steps."""
    if rule == "qsac_train":
        return wc["qsac_model"], tier(cfg, "qsac")["steps"]
    return None
