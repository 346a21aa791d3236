"""One qrlbench run (algo x model x seed): per-epoch validation curve and the trained network, resumable after a
kill.

After every epoch the whole agent (networks, optimiser, replay buffer, env batch, RNG streams) is saved as the
run's state (:mod:`qrepro.runstate`); a rerun continues from the last finished epoch with identical numbers.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, fields

import numpy as np
import pandas as pd
import pandera.pandas as pa
import torch

from ...io import atomic_path, config_hash, write_csv, write_json
from ...progress import Progress
from ...runstate import RunState
from .ddqn import DDQN, DDQNConfig, record_tables
from .env import named_layout
from .models import build_model, n_params
from .ppo import PPOTrainer
from .vpg import VPG, VPGConfig, build_policy

log = logging.getLogger(__name__)

CURVE_SCHEMA = pa.DataFrameSchema({
    "env": pa.Column(str), "algo": pa.Column(str, pa.Check.isin(["ddqn", "ppo", "vpg"])), "model": pa.Column(str),
    "seed": pa.Column(int, pa.Check.ge(0)), "n_params": pa.Column(int, pa.Check.gt(0)),
    "epoch": pa.Column(int, pa.Check.ge(1)), "env_steps": pa.Column(int, pa.Check.gt(0)),
    "V": pa.Column(float, pa.Check.in_range(0.0, 1.0)), "seconds": pa.Column(float, pa.Check.ge(0)),
}, coerce=True, strict=True, name="qrlbench_validation_curve")


def ddqn_config(run_cfg: dict) -> DDQNConfig:
    d = run_cfg["ddqn"]
    known = {f.name for f in fields(DDQNConfig)}
    return DDQNConfig(**{k: v for k, v in d.items() if k in known}, n_val_envs=run_cfg["val_envs"],
                      horizon=run_cfg["env"]["horizon"], degree=run_cfg["env"]["degree"])


def tables_key(run_cfg: dict, seed: int, antennas) -> str:
    """What a DDQN run's episodes depend on: its env, DDQN settings, epochs and seed, not its model."""
    return config_hash({"ddqn": asdict(ddqn_config(run_cfg)), "epochs": run_cfg["epochs"], "seed": seed,
                        "antennas": np.asarray(antennas, float).tolist()})


def write_tables(run_cfg: dict, seed: int, antennas, path) -> None:
    """The episode tables every DDQN run at (env, seed) draws (papers.qrlbench.ddqn.record_tables), with their key."""
    arrays = record_tables(ddqn_config(run_cfg), seed, antennas, run_cfg["epochs"])
    with atomic_path(path) as tmp:
        with open(tmp, "wb") as f:
            np.savez(f, key=np.array(tables_key(run_cfg, seed, antennas)), **arrays)
    log.info("%d training and %d validation episodes of seed %d written", len(arrays["train_opt_int"]),
             len(arrays["val_opt_int"]), seed)


def make_trainer(run_cfg: dict, seed: int, antennas, tables=None):
    """DDQN (own), PPO (SB3) or CartPole VPG (own) trainer with ``run_epoch() -> V`` and ``steps_per_epoch``;
    picklable. ``tables``: the file of :func:`write_tables` for a DDQN run's env and seed, else drawn as needed."""
    if run_cfg["algo"] == "vpg":
        v = dict(run_cfg["vpg"])
        policy = build_policy(run_cfg["model"], run_cfg["backend"], seed, v.pop("quantum_init"))
        return VPG(policy, VPGConfig(**v), seed)
    if run_cfg["algo"] == "ppo":
        return PPOTrainer(run_cfg["model"], antennas, run_cfg["ppo"], seed, run_cfg["env"]["degree"],
                          run_cfg["env"]["horizon"], run_cfg["val_envs"], run_cfg["backend"])
    if tables is not None:
        with np.load(tables) as f:
            found, want = str(f["key"]), tables_key(run_cfg, seed, antennas)
        if found != want:
            raise ValueError(f"{tables}: episode tables of another env, seed or DDQN setting (key {found}, "
                             f"this run's {want})")
    torch.manual_seed(seed)
    return DDQN(build_model(run_cfg["model"], len(antennas), backend=run_cfg["backend"]), ddqn_config(run_cfg), seed,
                antennas, tables)


def policy_module(agent, algo: str) -> torch.nn.Module:
    """The network that acts: DDQN's Q-network, SB3 PPO's actor-critic policy, or the VPG policy."""
    return {"ddqn": lambda: agent.q, "ppo": lambda: agent.agent.policy, "vpg": lambda: agent.policy}[algo]()


def train_run(run_cfg: dict, seed: int, antennas=None, *, curve, run, policy, tables=None) -> pd.DataFrame:
    """Train for ``epochs``; write the validation ``curve``, the ``run`` record and the trained ``policy``.
    ``antennas`` defaults to the named layout of the run's env (BeamManagement6G runs); ``tables``: see
    :func:`make_trainer`."""
    if antennas is None and run_cfg["algo"] != "vpg":
        antennas = named_layout(run_cfg["env"]["layout"], run_cfg["env"]["d_min"])
    torch.set_num_threads(1)
    h = config_hash(run_cfg)
    layout = None if antennas is None else np.asarray(antennas, float).tolist()
    # state_format 2: DDQN states hold table sources; an older state is another config's (moved aside, not resumed)
    state = RunState.beside(curve, {"run": run_cfg, "seed": seed, "antennas": layout, "state_format": 2})
    saved = state.load()
    if saved is not None:
        agent, rows = saved["agent"], saved["rows"]
        log.info("%s seed %d: resumed after epoch %d", run_cfg["model"], seed, len(rows))
    else:
        agent, rows = make_trainer(run_cfg, seed, antennas, tables), []
    epochs, spe = run_cfg["epochs"], agent.steps_per_epoch
    algo = run_cfg["algo"]
    net = policy_module(agent, algo)
    n_par = n_params(net)
    progress = Progress(epochs, f"{algo} {run_cfg['model']} seed {seed}", log, every_frac=0.01, start=len(rows))
    while len(rows) < epochs:
        t0 = time.monotonic()
        v = agent.run_epoch()
        e = len(rows) + 1
        rows.append(dict(env=run_cfg["env"]["name"], algo=algo, model=run_cfg["model"], seed=seed, n_params=n_par,
                         epoch=e, env_steps=e * spe,
                         V=v, seconds=time.monotonic() - t0))
        state.save({"agent": agent, "rows": rows})
        progress.update(e)
    table = CURVE_SCHEMA.validate(pd.DataFrame(rows))
    with atomic_path(policy) as tmp:      # the trained network, for the Fig. 8 policy test (E7)
        torch.save({"model": run_cfg["model"], "algo": algo, "state_dict": net.state_dict()}, tmp)
    write_csv(curve, table)
    write_json(run, {"config_hash": h, "env": run_cfg["env"]["name"], "algo": algo, "model": run_cfg["model"],
                     "seed": seed, "n_params": int(table.n_params.iloc[0]), "final_V": float(table.V.iloc[-1])})
    state.clear()
    return table
