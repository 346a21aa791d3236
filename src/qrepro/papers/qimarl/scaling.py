"""Paper 004 Table 1 (E-scale): wall time and peak memory per training episode for N = 10 / 20 / 50 UAVs.

Why a separate, short run per (method, N, G): Table 1 reports cost, not learning, so a few timed episodes
suffice, and each job is its own process, which makes the peak resident memory a per-configuration number.
The oracle (an evaluation tool) runs once, in the first episode, which the timing leaves out.
"""

from __future__ import annotations

import logging
import resource
import statistics
import time

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .learner import METHODS, QIMARL, QIConfig
from .mappo import PPOConfig
from .offpolicy import OffPolicyConfig
from .world import UAVConfig

log = logging.getLogger("qrepro.qimarl")

SCALING_SCHEMA = pa.DataFrameSchema({
    "method": pa.Column(str, pa.Check.isin(METHODS)), "n_uav": pa.Column(int, pa.Check.ge(1)),
    "grid": pa.Column(int, pa.Check.ge(2)), "seed": pa.Column(int), "episodes": pa.Column(int, pa.Check.ge(2)),
    "s_per_episode": pa.Column(float, pa.Check.gt(0)), "qaoa_s_per_episode": pa.Column(float, pa.Check.ge(0)),
    "peak_rss_mb": pa.Column(float, pa.Check.gt(0)), "rss_increase_mb": pa.Column(float),
    "coverage": pa.Column(float, pa.Check.in_range(0, 1)), "cross_conflicts": pa.Column(float, nullable=True),
}, coerce=True, strict=True, name="qimarl_scaling")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024   # Linux reports KiB


def scaling_run(method: str, n_uav: int, grid: int, episodes: int, env: dict, qi: QIConfig, ppo: PPOConfig,
                offpolicy: OffPolicyConfig, seed: int = 0) -> dict:
    """Median seconds per episode over episodes 2..``episodes`` (the first also builds the oracle)."""
    if episodes < 2:
        raise ValueError(f"qimarl.tiers.<tier>.scaling.episodes must be >= 2, got {episodes}")
    base = peak_rss_mb()
    cfg = UAVConfig.from_params(env, n_uav=n_uav, grid=grid)
    trainer = QIMARL(method, cfg, seed, ppo, offpolicy, qi, oracle_every=10 ** 9, total_episodes=episodes)
    times, rows = [], []
    for e in range(episodes):
        t0 = time.perf_counter()
        rows.append(trainer.run_episode())
        times.append(time.perf_counter() - t0)
        log.info("scaling %s N=%d G=%d: episode %d/%d in %.2f s", method, n_uav, grid, e + 1, episodes, times[-1])
    timed = rows[1:]
    cross = [r["qaoa_cross_conflicts"] for r in timed if r["qaoa_cross_conflicts"] is not None]
    peak = peak_rss_mb()
    return {"method": method, "n_uav": n_uav, "grid": grid, "seed": seed, "episodes": episodes,
            "s_per_episode": statistics.median(times[1:]),
            "qaoa_s_per_episode": float(np.mean([r["qaoa_time_s"] for r in timed])),
            "peak_rss_mb": peak, "rss_increase_mb": peak - base,
            "coverage": float(np.mean([r["coverage"] for r in timed])),
            "cross_conflicts": float(np.mean(cross)) if cross else None}


def scaling_table(records: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(records)[list(SCALING_SCHEMA.columns)]
    return SCALING_SCHEMA.validate(df.sort_values(["method", "n_uav", "grid"], ignore_index=True))
