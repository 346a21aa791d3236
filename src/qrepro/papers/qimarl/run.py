"""Paper 004 training runs: one (method, seed) QI-MARL learner (papers.qimarl.learner) on the UAV team environment, with
per-episode logs, oracle regret and exact resume from checkpoints."""

from __future__ import annotations

import logging
from dataclasses import asdict

import pandas as pd
import pandera.pandas as pa
import torch

from ...io import write_csv
from ...progress import Progress
from ...runstate import RunState
from .learner import METHODS, QIMARL, QIConfig
from .mappo import PPOConfig
from .offpolicy import OffPolicyConfig
from .world import UAVConfig

log = logging.getLogger("qrepro.qimarl")

EPISODE_SCHEMA = pa.DataFrameSchema({
    "method": pa.Column(str, pa.Check.isin(METHODS)), "seed": pa.Column(int), "episode": pa.Column(int),
    "return_ext": pa.Column(float), "coverage": pa.Column(float, pa.Check.in_range(0, 1)),
    "coverage_final": pa.Column(float, pa.Check.in_range(0, 1)), "overlap": pa.Column(float, pa.Check.in_range(0, 1)),
    "signal_mean_dbm": pa.Column(float),
    "snr_db": pa.Column(float), "exploration_ratio": pa.Column(float, pa.Check.in_range(0, 1)),
    "oracle_step_reward": pa.Column(float), "oracle_coverage": pa.Column(float), "regret_ep": pa.Column(float),
    "policy_entropy": pa.Column(float),
    "approx_kl": pa.Column(float), "gp_var_mean": pa.Column(float, nullable=True),
    "qaoa_time_s": pa.Column(float), "qaoa_approx_ratio": pa.Column(float, nullable=True),
    "qaoa_feasible_frac": pa.Column(float, nullable=True), "qaoa_cross_conflicts": pa.Column(float, nullable=True),
    "intrinsic_reward": pa.Column(float, nullable=True), "msg_kb": pa.Column(float), "loc_err_m": pa.Column(float),
    "episode_time_s": pa.Column(float),
}, coerce=True, strict=True, name="qimarl_episodes")


def train_run(method: str, env_cfg: UAVConfig, seed: int, episodes: int, out_csv, qi: QIConfig, ppo: PPOConfig,
              offpolicy: OffPolicyConfig, checkpoint_every: int = 10, oracle_every: int = 1) -> pd.DataFrame:
    """Train for ``episodes`` and write ``out_csv`` atomically; resumes from the run state saved every
    ``checkpoint_every`` episodes."""
    torch.set_num_threads(1)                     # tiny networks: extra threads only contend (one core per job)
    run = {"method": method, "env": asdict(env_cfg), "seed": seed, "episodes": episodes, "ppo": asdict(ppo),
           "offpolicy": asdict(offpolicy), "qi": asdict(qi), "oracle_every": oracle_every}
    state = RunState.beside(out_csv, run)
    trainer = state.load()
    if trainer is None:
        trainer = QIMARL(method, env_cfg, seed, ppo, offpolicy, qi, oracle_every, total_episodes=episodes)
    else:
        log.info("resumed from checkpoint at episode %d", trainer.episode)
    progress = Progress(episodes, f"{method} seed {seed}", log, 0.05, start=trainer.episode)
    while trainer.episode < episodes:
        trainer.run_episode()
        progress.update(trainer.episode)
        if trainer.episode % checkpoint_every == 0 and trainer.episode < episodes:
            state.save(trainer)
    df = EPISODE_SCHEMA.validate(pd.DataFrame(trainer.rows)[list(EPISODE_SCHEMA.columns)])
    write_csv(out_csv, df)
    state.clear()
    return df
