"""Paper 004 E-sens / E-map / E-depth (Figs. 4, 5, 15; Table 6): one row per (sweep config, seed).

Why the main qimarl runs are the default point: a sweep config differs from QI-MARL in one knob only, and a
QI-MARL run's first E episodes do not depend on how many follow (nothing anneals over the total), so the main
runs truncated to the sweep length are exactly the default config's runs and need not be trained twice.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ...io import write_csv
from .claims import summarise
from .config import SWEEP_KNOBS, parse_sweep_id
from .run import EPISODE_SCHEMA

DEFAULT = "default"
SENSITIVITY_SCHEMA = pa.DataFrameSchema({
    "config": pa.Column(str), "seed": pa.Column(int), "episodes": pa.Column(int, pa.Check.ge(1)),
    **{k: pa.Column(float, pa.Check.ge(0)) for k in SWEEP_KNOBS},
    "reward": pa.Column(float), "early_reward": pa.Column(float), "cum_reward": pa.Column(float),
    "coverage": pa.Column(float, pa.Check.in_range(0, 1)),
    "exploration_ratio": pa.Column(float, pa.Check.in_range(0, 1)),
    "entropy": pa.Column(float), "cum_regret": pa.Column(float), "e_conv": pa.Column(int), "censored": pa.Column(bool),
}, coerce=True, strict=True, name="qimarl_sensitivity")


def run_summary(episodes: pd.DataFrame, config: str, n_episodes: int, defaults: dict, eval_frac: float = 0.1) -> dict:
    """Evaluation-window metrics of one run's first ``n_episodes`` (spec 4), with the knob values it ran at
    (``defaults``, qimarl.qi's, with the config's moves), its cumulative training reward (the paper's Fig. 5 / 15
    quantity) and its early reward (first 10%)."""
    ep = EPISODE_SCHEMA.validate(episodes).sort_values("episode")
    ep = ep[ep.episode < n_episodes]
    if len(ep) != n_episodes:
        raise ValueError(f"qimarl sweep: config {config!r} seed {int(ep.seed.iloc[0])} has {len(ep)} episodes, "
                         f"the sweep needs {n_episodes} (qimarl.tiers.<tier>.sweep.episodes)")
    s = summarise(ep.assign(method="qimarl"), eval_frac).iloc[0]
    knobs = dict(defaults, **({} if config == DEFAULT else parse_sweep_id(config)))
    k = max(1, int(round(eval_frac * len(ep))))
    return {"config": config, "seed": int(s.seed), "episodes": len(ep), **knobs, "reward": s.reward,
            "early_reward": ep.return_ext.head(k).mean(), "cum_reward": ep.return_ext.sum(), "coverage": s.coverage,
            "exploration_ratio": s.exploration_ratio, "entropy": s.entropy, "cum_regret": s.cum_regret,
            "e_conv": s.e_conv, "censored": s.censored}


def sensitivity_table(sweep_files, reference_files, n_episodes: int, defaults: dict, out_csv=None) -> pd.DataFrame:
    """Sweep runs (config = their folder name, results/qimarl/sweep/<config>/seed<s>/) and the default point."""
    rows = [run_summary(pd.read_csv(f), Path(f).parent.parent.name, n_episodes, defaults) for f in sweep_files]
    rows += [run_summary(pd.read_csv(f), DEFAULT, n_episodes, defaults) for f in reference_files]
    table = SENSITIVITY_SCHEMA.validate(pd.DataFrame(rows, columns=list(SENSITIVITY_SCHEMA.columns)))
    if out_csv is not None:
        write_csv(out_csv, table)
    return table
