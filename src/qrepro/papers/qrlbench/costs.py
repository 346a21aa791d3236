"""What one job of paper qrlbench costs, for the planner (qrepro.publication.plan): its cost class and units of work
(jobs of one class cost about the same per unit), and how an unmeasured model is priced from a measured one."""

from __future__ import annotations

import pandas as pd

from ...config import tier
from .config import parse_model_id

REFERENCE_QUBITS = (10, 4)      # Q10-4: the hybrid model the default tier measures


def work(rule: str, wc: dict, cfg: dict) -> tuple[str, float] | None:
    """DDQN / PPO runs: per (algo, model) x epochs; the episode tables per epoch; CartPole per (model) x updates."""
    if rule == "qrlbench_tables":
        return "ddqn tables", tier(cfg, "qrlbench")["epochs"]
    if rule in ("qrlbench_train", "qrlbench_cartpole_train"):
        t = tier(cfg, "qrlbench")
        if rule == "qrlbench_cartpole_train":
            return f"vpg/{wc['cartpole_model']}", t["cartpole_epochs"]
        algo = wc["qrl_algo"]
        return f"{algo}/{wc['qrl_model']}", t["epochs"] if algo == "ddqn" else t["ppo_epochs"]
    return None


def fallback(rule: str, cls: str, measured: pd.DataFrame) -> tuple[str, str, float, str] | None:
    """Models scale with their size: a Q model's state doubles per qubit and its passes grow with layers (2^n L
    against Q10-4's); a C model is overhead-bound, priced as the nearest measured width."""
    if rule != "qrlbench_train":
        return None
    have = set(measured[measured.rule == rule].cost_class)
    algo, model = cls.split("/")
    kind, a, b = parse_model_id(model)
    same = sorted(c for c in have if c.startswith(f"{algo}/{kind}"))
    if kind == "Q" and f"{algo}/Q{REFERENCE_QUBITS[0]}-{REFERENCE_QUBITS[1]}" in have:
        ref = f"{algo}/Q{REFERENCE_QUBITS[0]}-{REFERENCE_QUBITS[1]}"
        return rule, ref, 2.0 ** (a - REFERENCE_QUBITS[0]) * b / REFERENCE_QUBITS[1], f"2^n L from {ref}"
    if kind == "C" and same:
        near = min(same, key=lambda c: abs(parse_model_id(c.split("/")[1])[1] - a))
        return rule, near, 1.0, f"as {near}"
    if same:
        return rule, same[0], 1.0, f"as {same[0]}"
    return None
