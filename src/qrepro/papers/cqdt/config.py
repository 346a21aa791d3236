"""Paper 002's run config and the cross-references of its params block."""

from __future__ import annotations

from snakemake.io import expand

from ...config import tier, tier_includes


def check(cfg: dict) -> None:
    """Every tier runs main_state (the claims are decided on it)."""
    tier_includes(cfg, "cqdt", "states", "main_state")


def runs(cfg: dict, pattern: str) -> list[str]:
    """``pattern`` for every run of the tier: state x seed."""
    t = tier(cfg, "cqdt")
    return expand(pattern, state=t["states"], seed=t["seeds"])


def run_config(cfg: dict) -> tuple[dict, dict]:
    """(paper-level parameters, active tier sizes) of one CQDT run."""
    cq = cfg["cqdt"]
    params = {k: cq[k] for k in ("loop", "reinforce", "comparator_hidden")}
    params["detection"] = dict(cq["detection"], bootstrap=tier(cfg, "cqdt")["bootstrap"])
    return params, tier(cfg, "cqdt")
