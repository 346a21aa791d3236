"""What one job of paper dickeqaoa costs, for the planner (qrepro.publication.plan): its cost class and units of work
(jobs of one class cost about the same per unit)."""

from __future__ import annotations

from ...config import tier


def work(rule: str, wc: dict, cfg: dict) -> tuple[str, float] | None:
    """A QAOA run: per (ansatz, N) x COBYLA iterations; a noise cell: per (scope, ansatz, N) x repeats x shots."""
    if rule == "dickeqaoa_run":
        return f"{wc['ansatz']}/N{wc['n_nodes']}", tier(cfg, "dickeqaoa")["maxiter"]
    if rule == "dickeqaoa_noise":
        t = tier(cfg, "dickeqaoa")
        return f"{wc['scope']}/{wc['ansatz']}/N{t['noise_N']}", t["repeats"] * t["noise_shots"]
    return None
