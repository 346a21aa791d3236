"""What one job of paper cqdt costs, for the planner (qrepro.publication.plan): its cost class and units of work
(jobs of one class cost about the same per unit)."""

from __future__ import annotations

from ...config import tier


def work(rule: str, wc: dict, cfg: dict) -> tuple[str, float] | None:
    """A run: per state x episodes x steps."""
    if rule == "cqdt_run":
        t = tier(cfg, "cqdt")
        return wc["state"], t["episodes"] * t["steps"]
    return None
