"""E7 / Fig. 8: the best trained DDQN instances of two models against the optimal and a random policy on fresh
test trajectories, scored by the cumulative absolute intensity per trajectory (spec 001 section 6, H14).

"Best" is the highest final-epoch validation score (authors' code). Every policy sees the same trajectories
(common random numbers), so the differences are the policies' alone."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import torch

from ..agents.qrl_models import build_model
from ..envs.beam import BeamBatch
from ..io import read_json
from ..progress import Progress

log = logging.getLogger(__name__)

POLICY_TEST_SCHEMA = pa.DataFrameSchema({
    "policy": pa.Column(str), "instance": pa.Column(int), "final_V": pa.Column(float, nullable=True),
    "trajectory": pa.Column(int, pa.Check.ge(0)), "cum_intensity": pa.Column(float, pa.Check.ge(0)),
}, coerce=True, strict=True, name="qrlbench_policy_test")


def best_runs(run_dirs, k: int) -> list[Path]:
    """The ``k`` runs with the highest final validation score (ties: lower seed first)."""
    meta = [(read_json(Path(d) / "run.json"), Path(d)) for d in run_dirs]
    meta.sort(key=lambda m: (-m[0]["final_V"], m[0]["seed"]))
    return [d for _, d in meta[:k]]


def load_q_network(run_dir, n_actions: int, backend: str = "kernel") -> torch.nn.Module:
    saved = torch.load(Path(run_dir) / "policy.pt", weights_only=False)
    if saved["algo"] != "ddqn":
        raise ValueError(f"{run_dir}: the Fig. 8 test takes DDQN runs, got {saved['algo']!r}")
    net = build_model(saved["model"], n_actions, backend=backend)
    net.load_state_dict(saved["state_dict"])
    return net.eval()


def cumulative_intensity(act, antennas, degree: int, horizon: int, n: int, seed: int) -> np.ndarray:
    """Sum of the selected intensities over each of ``n`` test trajectories (the preselected optimum at t = 0
    included, as the env's ``test`` reward); ``act(batch) -> actions``; trajectories fixed by ``seed``."""
    envs = BeamBatch(np.random.default_rng(seed), n, antennas, degree, horizon)
    total = envs.sum_sel.copy()
    for _ in range(horizon):
        _, reward, _, _ = envs.step(act(envs))
        total += reward
    return total


def optimal_actions(envs: BeamBatch) -> np.ndarray:
    return np.array([t.opt_ant[k + 1] for t, k in zip(envs.tables, envs.k)])


def policy_test(runs_by_model: dict, antennas, degree: int, horizon: int, best: int, trajectories: int, seed: int,
                backend: str = "kernel") -> pd.DataFrame:
    rng = np.random.default_rng([seed, 1])
    policies = [("optimal", -1, None, optimal_actions),
                ("random", -1, None, lambda envs: rng.integers(0, envs.A, envs.n))]
    for model, dirs in runs_by_model.items():
        for d in best_runs(dirs, best):
            meta = read_json(d / "run.json")
            q = load_q_network(d, len(antennas), backend)
            act = lambda envs, q=q: q(torch.from_numpy(envs.obs)).argmax(1).numpy()  # noqa: E731
            policies.append((model, meta["seed"], meta["final_V"], act))
    rows = []
    progress = Progress(len(policies), "policy test", log)
    with torch.no_grad():
        for i, (name, inst, final_v, act) in enumerate(policies):
            total = cumulative_intensity(act, antennas, degree, horizon, trajectories, seed)
            rows.append(pd.DataFrame({"policy": name, "instance": inst, "final_V": final_v,
                                      "trajectory": np.arange(trajectories), "cum_intensity": total}))
            progress.update(i + 1)
    return POLICY_TEST_SCHEMA.validate(pd.concat(rows, ignore_index=True))
