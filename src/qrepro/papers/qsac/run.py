"""One QSAC-paper training run (model x config x seed) with checkpoint/resume, evaluation and metrics.

Resume: every ``checkpoint_every`` steps the model, replay buffer, RNG states, env index and training
log are saved as the run's state (:mod:`qrepro.runstate`). A rerun after a kill continues from there
and produces the same numbers as an uninterrupted run.
"""

from __future__ import annotations

import io
import logging
import random
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import torch
from stable_baselines3.common.callbacks import BaseCallback

from ...io import atomic_path, config_hash, write_csv, write_json
from ...progress import Progress
from ...runstate import RunState
from ...sb3 import without_log_dir
from .adapshare import demand_table
from .agents import ALGORITHMS, count_params, make_agent
from .env import DSSEnv
from .metrics import dss_metrics, j_cost, reference_policies, training_metrics

log = logging.getLogger(__name__)

TRAIN_LOG_SCHEMA = pa.DataFrameSchema({
    "episode": pa.Column(int, pa.Check.ge(0), unique=True),
    "reward": pa.Column(float),
    "alloc_lte": pa.Column(float, pa.Check.ge(0)),
    "alloc_nr": pa.Column(float, pa.Check.ge(0)),
    "demand_lte": pa.Column(float, pa.Check.gt(0)),
    "demand_nr": pa.Column(float, pa.Check.gt(0)),
    "raw_feasible": pa.Column(bool),
}, strict=True, coerce=True, name="qsac_train_log")

EVAL_TS_SCHEMA = pa.DataFrameSchema({
    "step": pa.Column(int, pa.Check.ge(0)),
    "alloc_lte": pa.Column(float, pa.Check.ge(0)),
    "alloc_nr": pa.Column(float, pa.Check.ge(0)),
    "demand_lte": pa.Column(float, pa.Check.gt(0)),
    "demand_nr": pa.Column(float, pa.Check.gt(0)),
    "surplus_lte": pa.Column(float),
    "surplus_nr": pa.Column(float),
}, strict=True, coerce=True, name="qsac_eval_timeseries")


def run_key(path) -> tuple[str, str, int]:
    """(env config, model, seed) of a file under ``results/qsac/runs/<config>/<model>/seed<k>/``."""
    config, model, seed = Path(path).parts[-4:-1]
    return config, model, int(seed.removeprefix("seed"))


def load_series(train, evaluation) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Training and evaluation demand tables from their (LTE file, NR file) pairs."""
    return demand_table(*train), demand_table(*evaluation)


def make_env(table: pd.DataFrame, env_cfg: dict, max_steps: int, start_idx: int = 0) -> DSSEnv:
    return DSSEnv(table["lte_prb"].to_numpy(), table["nr_prb"].to_numpy(), zeta=env_cfg["zeta"],
                  n_r=env_cfg["n_r"], history_len=env_cfg["history_len"], max_steps=max_steps,
                  overalloc_tol=env_cfg.get("overalloc_tol"), start_idx=start_idx)


def rollout(env: DSSEnv, policy, steps: int) -> pd.DataFrame:
    """Deterministic evaluation episode from index 0; ``policy(obs, env) -> action``."""
    obs, _ = env.reset(options={"rewind": True})
    rows = []
    for t in range(steps):
        obs, _, _, _, info = env.step(policy(obs, env))
        (a_l, a_n), (d_l, d_n) = info["alloc"], info["demand"]
        rows.append((t, a_l, a_n, d_l, d_n, a_l - d_l, a_n - d_n))
    cols = ["step", "alloc_lte", "alloc_nr", "demand_lte", "demand_nr", "surplus_lte", "surplus_nr"]
    return EVAL_TS_SCHEMA.validate(pd.DataFrame(rows, columns=cols))


class _StepRecorder(BaseCallback):
    """Appends one training-log row per env step and prints progress lines."""

    def __init__(self, rows: list, progress: Progress):
        super().__init__()
        self.rows, self.progress = rows, progress

    def _on_step(self) -> bool:
        info, r = self.locals["infos"][0], float(self.locals["rewards"][0])
        (a_l, a_n), (d_l, d_n) = info["alloc"], info["demand"]
        self.rows.append((self.num_timesteps - 1, r, a_l, a_n, d_l, d_n, bool(info["raw_feasible"])))
        self.progress.update(self.num_timesteps)
        return True


def _capture_rng(agent) -> dict:
    return {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "random": random.getstate(),
            "action_space": agent.action_space.np_random.bit_generator.state}


def _restore_rng(agent, s: dict) -> None:
    torch.set_rng_state(s["torch"])
    np.random.set_state(s["numpy"])
    random.setstate(s["random"])
    agent.action_space.np_random.bit_generator.state = s["action_space"]


def _state_payload(agent, rows: list, env_idx: int, seconds: float) -> dict:
    """Everything a resumed run needs: SB3's own model and replay-buffer bytes, RNG states, log rows, env index,
    and the training seconds spent so far (the run's cost, summed over sessions)."""
    model, replay = io.BytesIO(), io.BytesIO()
    agent.save(model)
    agent.save_replay_buffer(replay)
    return {"model": model.getvalue(), "replay": replay.getvalue(), "rng": _capture_rng(agent), "rows": rows,
            "env_idx": env_idx, "seconds": seconds}


def _restore(payload: dict, model: str, train_tab: pd.DataFrame, env_cfg: dict):
    """(agent, log rows) from a saved payload."""
    env = make_env(train_tab, env_cfg, max_steps=1, start_idx=int(payload["env_idx"]))
    agent = without_log_dir(ALGORITHMS[model].load(io.BytesIO(payload["model"]), env=env, device="cpu"))
    agent.load_replay_buffer(io.BytesIO(payload["replay"]))
    _restore_rng(agent, payload["rng"])
    return agent, payload["rows"]


def train_run(run_cfg: dict, seed: int, train, evaluation, checkpoint_every: int, *, metrics, train_log, eval_ts,
              model) -> dict:
    """Train on the ``train`` (LTE, NR) demand files, evaluate on ``evaluation``'s, and write the ``train_log``,
    the evaluation time series ``eval_ts``, the run's ``metrics`` and the trained ``model``; resumes from the run
    state saved every ``checkpoint_every`` steps."""
    torch.set_num_threads(1)
    algo, total = run_cfg["model"], run_cfg["steps"]
    cfg_hash = config_hash(run_cfg)
    state = RunState.beside(metrics, run_cfg)
    train_tab, eval_tab = load_series(train, evaluation)
    buffer_size = min(1_000_000, total)  # the paper's 1e6 FIFO never evicts within `total` steps

    payload = state.load()
    spent = 0.0 if payload is None else payload["seconds"]
    if payload is None:
        env = make_env(train_tab, run_cfg["env"], max_steps=1)
        agent, rows = make_agent(algo, env, run_cfg["agent"], run_cfg["quantum"], seed, buffer_size), []
        log.info("%s seed %d: fresh start (%d steps)", algo, seed, total)
    else:
        agent, rows = _restore(payload, algo, train_tab, run_cfg["env"])
        log.info("%s seed %d: resumed from checkpoint at step %d", algo, seed, agent.num_timesteps)

    t0 = time.monotonic()
    progress = Progress(total, f"train {algo} seed {seed}", log, start=agent.num_timesteps)
    while agent.num_timesteps < total:
        chunk = min(checkpoint_every, total - agent.num_timesteps)
        agent.learn(chunk, reset_num_timesteps=False, callback=_StepRecorder(rows, progress))
        state.save(_state_payload(agent, rows, agent.get_env().envs[0].unwrapped.idx, spent + time.monotonic() - t0))

    log_table = TRAIN_LOG_SCHEMA.validate(pd.DataFrame(rows, columns=list(TRAIN_LOG_SCHEMA.columns)))
    eval_env = make_env(eval_tab, run_cfg["env"], max_steps=run_cfg["eval_steps"])
    ts = rollout(eval_env, lambda obs, _env: agent.predict(obs, deterministic=True)[0], run_cfg["eval_steps"])
    result = {**dss_metrics(ts, run_cfg["env"]["n_r"]),
              **training_metrics(log_table["reward"].to_numpy(), run_cfg["converge_threshold"]),
              **count_params(agent),
              "eval_regret": float(j_cost(ts, run_cfg["env"]["zeta"]).sum()),
              "raw_feasible_frac": float(log_table["raw_feasible"].mean()),
              "train_seconds": spent + time.monotonic() - t0,
              "model": algo, "config": run_cfg["config"], "seed": seed, "config_hash": cfg_hash}
    write_csv(train_log, log_table)
    write_csv(eval_ts, ts)
    with atomic_path(model) as tmp:
        agent.save(tmp)
    write_json(metrics, result)
    state.clear()
    return result


def reference_run(run_env_cfg: dict, eval_steps: int, train, evaluation, timeseries: dict) -> pd.DataFrame:
    """Metrics of the oracle / persistence / train-mean references on the evaluation window (spec 5.7); each
    policy's evaluation time series goes to ``timeseries[policy]``."""
    train_tab, eval_tab = load_series(train, evaluation)
    train_mean = (float(train_tab["lte_prb"].mean()), float(train_tab["nr_prb"].mean()))
    rows = []
    for name, pol in reference_policies(train_mean).items():
        env = make_env(eval_tab, run_env_cfg, max_steps=eval_steps)
        ts = rollout(env, lambda obs, e, pol=pol: pol(e), eval_steps)
        write_csv(timeseries[name], ts)
        rows.append({"policy": name, **dss_metrics(ts, run_env_cfg["n_r"]),
                     "eval_regret": float(j_cost(ts, run_env_cfg["zeta"]).sum())})
    return pd.DataFrame(rows)
