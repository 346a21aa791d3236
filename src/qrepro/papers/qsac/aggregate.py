"""Collect the QSAC runs into validated tables: one row per run (its metrics, the features of its own train log and
evaluation trace, the reference policies' scores), the training curves in epochs, seed summaries with CIs and the
claim verdicts."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ...io import read_json, write_csv, write_json
from ...report.headline import headline_metrics
from ...stats import summarise
from .claims import (PAPER_CONFIG, REFERENCE_POLICIES, RUNS_SCHEMA, SUMMARY_SCHEMA, TABLE3_COLS, evaluate_claims,
                     reference_column)
from .run import run_key
from .trajectories import epoch_means, run_features

# the per-seed tables behind its claims and ledger rows: committed to git (cache: false), so a clone can
# recompute them, and compared run against run by `qrepro compare` (by: a run's keys besides the seed; last: the
# column whose last value a run is compared on). runs.csv decides every claim but C15 and every ledger row;
# train_epochs.csv is what the sample-complexity rule reads of each run (C15).
PER_SEED = {"results/qsac/runs.csv": {"by": ["config", "model"]},
            "results/qsac/train_epochs.csv": {"by": ["config", "model"], "last": "episodes"}}

EPOCHS_SCHEMA = pa.DataFrameSchema(
    {"config": pa.Column(str), "model": pa.Column(str), "seed": pa.Column(int, pa.Check.ge(0)),
     "episodes": pa.Column(int, pa.Check.gt(0)), "reward": pa.Column(float)},
    unique=["config", "model", "seed", "episodes"], coerce=True, strict=True, name="qsac_train_epochs",
)
SUMMARY_METRICS = TABLE3_COLS + ["eval_regret", "train_regret", "late_reward_std", "early_ma_mean",
                                 "early_reward_std", "final_ma_reward", "episodes_to_threshold", "worst_abs_dev_LTE",
                                 "worst_abs_dev_NR", "std_dev_LTE", "std_dev_NR", "recovery_LTE", "recovery_NR",
                                 "raw_feasible_frac"]


def collect(metric_files: list, train_logs: list, eval_files: list, references: dict[str, pd.DataFrame],
            pools: dict[str, float], per_epoch: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(runs, train_epochs). runs: one row per run: its metrics.json, the features of its train log and evaluation
    trace (:mod:`.trajectories`), its pool N_r and the reference policies' scores on its config's evaluation window.
    train_epochs: each run's training reward in epochs of ``per_epoch`` episodes."""
    logs = {run_key(f): f for f in train_logs}
    traces = {run_key(f): f for f in eval_files}
    rows, epochs = [], []
    for f in metric_files:
        key = run_key(f)
        config, model, seed = key
        log, trace = pd.read_csv(logs[key]), pd.read_csv(traces[key])
        ref = references[config].set_index("policy")
        rows.append({**read_json(f), **run_features(log, trace), "n_r": pools[config],
                     **{reference_column(p, m): ref.loc[p, m] for p in REFERENCE_POLICIES for m in TABLE3_COLS}})
        epochs.append(epoch_means(log["reward"], per_epoch).assign(config=config, model=model, seed=seed))
    keys = ["config", "model", "seed"]
    runs = RUNS_SCHEMA.validate(pd.DataFrame(rows)).sort_values(keys).reset_index(drop=True)
    curves = EPOCHS_SCHEMA.validate(pd.concat(epochs, ignore_index=True)[[*keys, "episodes", "reward"]])
    return runs, curves.sort_values([*keys, "episodes"]).reset_index(drop=True)


def aggregate(metric_files: list, train_logs: list, eval_files: list, reference_files: dict, outperformance_file,
              stats_cfg: dict, pools: dict, gamma: float, per_epoch: int, *, runs, train_epochs, summary, claims,
              dvc_metrics) -> dict:
    """Every run -> ``runs`` and ``train_epochs``, seed means with CIs (``summary``), ``claims`` and the DVC
    metrics. ``pools``: N_r per env config; ``gamma``: the agents' discount (claim C17)."""
    refs = {c: pd.read_csv(p) for c, p in reference_files.items()}
    run_table, curves = collect(metric_files, train_logs, eval_files, refs, pools, per_epoch)
    means = SUMMARY_SCHEMA.validate(summarise(run_table, ["config", "model"], SUMMARY_METRICS, stats_cfg["ci"],
                                              stats_cfg["bootstrap_resamples"], stats_cfg["seed"]))
    pairs = pd.read_csv(outperformance_file)
    configs = sorted(run_table["config"].unique(), key=lambda c: (c != PAPER_CONFIG, c))     # the paper's first
    verdicts = pd.concat([evaluate_claims(run_table, c, gamma, pairs[pairs.config == c]) for c in configs],
                         ignore_index=True)
    write_csv(runs, run_table)
    write_csv(train_epochs, curves)
    write_csv(summary, means)
    write_csv(claims, verdicts)
    bcr = means[(means.config == configs[0]) & (means.metric == "BCR_LTE_5")].set_index("model")["mean"]
    metrics = headline_metrics(verdicts, f"BCR_LTE_5 {configs[0]} (higher)", bcr.get("qsac"),
                               bcr.drop("qsac", errors="ignore").max())
    write_json(dvc_metrics, metrics)
    return metrics
