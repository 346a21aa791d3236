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

from ...io import read_json
from ...progress import Progress
from .env import BeamBatch
from .models import build_model

log = logging.getLogger(__name__)

POLICY_TEST_SCHEMA = pa.DataFrameSchema({
    "policy": pa.Column(str), "instance": pa.Column(int), "final_V": pa.Column(float, nullable=True),
    "trajectory": pa.Column(int, pa.Check.ge(0)), "cum_intensity": pa.Column(float, pa.Check.ge(0)),
}, coerce=True, strict=True, name="qrlbench_policy_test")


def best_runs(runs: list[tuple], k: int) -> list[tuple[dict, Path]]:
    """(run record, policy file) of the ``k`` runs with the highest final validation score (ties: lower seed
    first); ``runs`` holds each run's (record file, policy file)."""
    meta = [(read_json(record), Path(policy)) for record, policy in runs]
    meta.sort(key=lambda m: (-m[0]["final_V"], m[0]["seed"]))
    return meta[:k]


def load_q_network(policy_file, n_actions: int, backend: str = "kernel") -> torch.nn.Module:
    saved = torch.load(policy_file, weights_only=False)
    if saved["algo"] != "ddqn":
        raise ValueError(f"{policy_file}: the Fig. 8 test takes DDQN runs, got {saved['algo']!r}")
    net = build_model(saved["model"], n_actions, backend=backend)
    net.load_state_dict(saved["state_dict"])
    return net.eval()


def cumulative_intensity(act, antennas, degree: int, horizon: int, n: int, seed: int) -> np.ndarray:
    """Sum of the selected intensities over each of ``n`` test trajectories (the preselected optimum at t = 0
    included, as the env's ``test`` reward); ``act(batch) -> actions``; trajectories fixed by ``seed``."""
    envs = BeamBatch(np.random.default_rng(seed), n, antennas, degree, horizon)
    total = envs.sum_sel.copy()
    for k in range(horizon):
        _, reward, _, _ = envs.step(act(envs), reset=k + 1 < horizon)
        total += reward
    return total


def optimal_actions(envs: BeamBatch) -> np.ndarray:
    return envs.optimal_actions()


def policy_test(runs_by_model: dict, antennas, degree: int, horizon: int, best: int, trajectories: int, seed: int,
                backend: str = "kernel") -> pd.DataFrame:
    """Cumulative intensity per test trajectory of the ``best`` runs of each model (``runs_by_model``: model ->
    [(record file, policy file)]), the optimal and a random policy, all on the same ``trajectories``."""
    rng = np.random.default_rng([seed, 1])
    policies = [("optimal", -1, None, optimal_actions),
                ("random", -1, None, lambda envs: rng.integers(0, envs.A, envs.n))]
    for model, runs in runs_by_model.items():
        for meta, policy_file in best_runs(runs, best):
            q = load_q_network(policy_file, len(antennas), backend)
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
