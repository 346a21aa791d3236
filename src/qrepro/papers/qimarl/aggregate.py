"""Paper 004 aggregation: per-episode logs of every training run (main, long and team-size runs) -> per-seed
summaries (Table 2 / 5 metrics), per-run convergence, the compact learning curves behind them, claims and DVC
metrics."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ...io import write_csv, write_json
from ...report.headline import headline_metrics
from ...stats.curves import OUTPERFORM_SCHEMA, epoch_matrix, sample_complexity_tables
from .claims import evaluate_claims, summarise
from .learner import METHODS
from .run import EPISODE_SCHEMA
from .sample_complexity import efficiency_curves
from .scaling import SCALING_SCHEMA
from .sweeps import SENSITIVITY_SCHEMA

# the per-seed tables behind its claims and ledger rows: committed to git (cache: false), so a clone can
# recompute them, and compared run against run by `qrepro compare` (by: a run's keys besides the seed; last: the
# column whose last value a run is compared on). At the claims tier: summary 70 rows (~25 kB), run_summary 106
# rows (~40 kB: one per training run of every family), curves ~800 rows (~60 kB: 50-episode bins; main 420,
# long 300, scale 72)
PER_SEED = {"results/qimarl/summary.csv": {"by": ["method"]},
            "results/qimarl/sensitivity.csv": {"by": ["config"]},
            "results/qimarl/run_summary.csv": {"by": ["family", "method", "n_uav"]},
            "results/qimarl/curves.csv": {"by": ["family", "method", "n_uav"], "last": "episode"}}

FAMILIES = ("main", "long", "scale")   # runs/, long/ (C4: the paper's 1000 episodes), scale/ (C11b, C12: other N)
KEYS = ["family", "method", "n_uav", "grid", "seed"]
# the learning curves behind the convergence (E_conv), sample-complexity (oracle-normalised return), entropy-decay
# and coordination claims, as means over bins of CURVE_BIN episodes (``episode``: a bin's last episode, 1-based),
# rounded to 6 decimals: a per-seed picture of each run small enough for git, not the per-episode log
CURVE_COLUMNS = ["return_ext", "regret_ep", "policy_entropy", "coverage", "exploration_ratio", "overlap"]
CURVE_BIN = 50
DIGITS = 6
CURVES_SCHEMA = pa.DataFrameSchema({
    "family": pa.Column(str, pa.Check.isin(FAMILIES)), "method": pa.Column(str, pa.Check.isin(METHODS)),
    "n_uav": pa.Column(int, pa.Check.ge(1)), "seed": pa.Column(int), "episode": pa.Column(int, pa.Check.ge(1)),
    "episodes_in_bin": pa.Column(int, pa.Check.in_range(1, CURVE_BIN)),
    **{c: pa.Column(float) for c in CURVE_COLUMNS},
}, coerce=True, strict=True, name="qimarl_curves")


def read_logs(files, family: str, env: dict) -> pd.DataFrame:
    """The episode logs of one family with their run keys; a team-size run's N and G come from its folder
    (results/qimarl/scale/<method>/n<N>_g<G>/seed<s>/), the others run at qimarl.env's."""
    logs = []
    for f in files:
        size = re.fullmatch(r"n(\d+)_g(\d+)", Path(f).parent.parent.name) if family == "scale" else None
        if family == "scale" and size is None:
            raise ValueError(f"{f}: a team-size run's folder must be n<N>_g<G>")
        n_uav, grid = (int(size[1]), int(size[2])) if size else (env["n_uav"], env["grid"])
        logs.append(EPISODE_SCHEMA.validate(pd.read_csv(f)).assign(family=family, n_uav=n_uav, grid=grid))
    return pd.concat(logs, ignore_index=True) if logs else pd.DataFrame(columns=[*EPISODE_SCHEMA.columns, *KEYS])


def per_run(logs: pd.DataFrame) -> pd.DataFrame:
    """One summary row per training run of every family (:func:`summarise` per family and team size)."""
    parts = [summarise(g).assign(family=family, n_uav=n, grid=grid)
             for (family, n, grid), g in logs.groupby(["family", "n_uav", "grid"], sort=False)]
    table = pd.concat(parts, ignore_index=True)
    return table[KEYS + [c for c in table.columns if c not in KEYS]]


def binned_curves(logs: pd.DataFrame, width: int = CURVE_BIN) -> pd.DataFrame:
    """Per run, the means of :data:`CURVE_COLUMNS` over consecutive bins of ``width`` episodes in episode order
    (the last bin may be shorter: ``episodes_in_bin``); ``episode`` is the bin's last episode, counted from 1."""
    keys = ["family", "method", "n_uav", "seed"]
    logs = logs.sort_values([*keys, "episode"])
    position = logs.groupby(keys, sort=False).cumcount()
    binned = logs.assign(bin=position // width, last=position + 1)
    table = binned.groupby([*keys, "bin"], sort=False).agg(
        episode=("last", "max"), episodes_in_bin=("last", "size"), **{c: (c, "mean") for c in CURVE_COLUMNS})
    table = table.reset_index().drop(columns="bin").round(dict.fromkeys(CURVE_COLUMNS, DIGITS))
    return CURVES_SCHEMA.validate(table)


def long_run_pairs(logs: pd.DataFrame, env: dict, estimator: dict) -> pd.DataFrame | None:
    """Definition-4.2 outperformance between the methods of the long runs (C4s), as the qimarl_sample_complexity
    rule computes it for the main runs (per-episode logs, epochs of ``episodes_per_epoch``); None without two
    methods to compare."""
    long = logs[logs.family == "long"]
    if long.method.nunique() < 2:
        return None
    per_epoch, sc = estimator["episodes_per_epoch"], estimator["sc"]
    V = {m: epoch_matrix(c, per_epoch) for m, c in efficiency_curves(long).items()}
    _, pairs = sample_complexity_tables(V, "E-long", sc["eps"], sc["delta"], per_epoch * env["horizon"] * env["n_uav"],
                                        sc["resamples"], sc["percentile"], estimator["seed"])
    return pairs


def aggregate(run_files, scaling_csv=None, sensitivity_csv=None, pairs_csv=None, long_files=(), scale_files=(), *,
              env: dict, estimator: dict, episodes, summary, run_summary, curves, claims,
              dvc_metrics) -> pd.DataFrame:
    """Every training log -> the pooled main log, per-seed summaries (main runs; every run), the compact curves,
    claims and DVC metrics. ``estimator``: episodes_per_epoch, sc (qimarl.sample_complexity) and seed, for the
    long runs' Definition-4.2 pairs."""
    logs = pd.concat([read_logs(files, family, env) for family, files in
                      zip(FAMILIES, (run_files, long_files, scale_files))], ignore_index=True)
    runs = per_run(logs)
    per_seed = runs[runs.family == "main"].drop(columns=["family", "n_uav", "grid"]).reset_index(drop=True)
    curve_table = binned_curves(logs)
    scaling = SCALING_SCHEMA.validate(pd.read_csv(scaling_csv)) if scaling_csv else None
    sensitivity = SENSITIVITY_SCHEMA.validate(pd.read_csv(sensitivity_csv)) if sensitivity_csv else None
    pairs = OUTPERFORM_SCHEMA.validate(pd.read_csv(pairs_csv)) if pairs_csv else None
    verdicts = evaluate_claims(per_seed, scaling, sensitivity, pairs, runs, long_run_pairs(logs, env, estimator))
    write_csv(episodes, logs[logs.family == "main"][list(EPISODE_SCHEMA.columns)])
    write_csv(summary, per_seed)
    write_csv(run_summary, runs)
    write_csv(curves, curve_table)
    write_csv(claims, verdicts)
    reward = per_seed.groupby("method").reward.mean()
    classical = reward[[m for m in reward.index if not m.startswith(("qimarl", "qi_"))]]   # the paper's baselines
    write_json(dvc_metrics, headline_metrics(verdicts, "evaluation reward (higher)", reward.get("qimarl"),
                                             classical.max()))
    return verdicts
