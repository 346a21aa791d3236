"""Collect per-run QSAC metrics into validated tables: all runs, seed summaries with CIs, claim verdicts."""

from __future__ import annotations

import pandas as pd

from ...io import read_json, write_csv, write_json
from ...report.headline import headline_metrics
from ...stats import summarise
from .claims import RUN_METRICS_SCHEMA, SUMMARY_SCHEMA, TABLE3_COLS, evaluate_claims

# the per-seed tables behind its claims and ledger rows: committed to git (cache: false), so a clone can
# recompute them, and compared run against run by `qrepro compare` (by: a run's keys besides the seed; last: the
# column whose last value a run is compared on)
PER_SEED = {"results/qsac/runs.csv": {"by": ["config", "model"]}}

SUMMARY_METRICS = TABLE3_COLS + ["eval_regret", "train_regret", "late_reward_std", "early_ma_mean",
                                 "final_ma_reward", "episodes_to_threshold", "worst_abs_dev_LTE",
                                 "worst_abs_dev_NR", "std_dev_LTE", "std_dev_NR", "raw_feasible_frac"]


def aggregate(metric_files: list, reference_files: dict, outperformance_file, stats_cfg: dict, *, runs, summary,
              claims, dvc_metrics) -> dict:
    """Every run's metrics -> ``runs``, seed means with CIs (``summary``), ``claims`` and the DVC metrics."""
    run_table = RUN_METRICS_SCHEMA.validate(pd.DataFrame([read_json(f) for f in metric_files]))
    run_table = run_table.sort_values(["config", "model", "seed"]).reset_index(drop=True)
    means = SUMMARY_SCHEMA.validate(summarise(run_table, ["config", "model"], SUMMARY_METRICS, stats_cfg["ci"],
                                              stats_cfg["bootstrap_resamples"], stats_cfg["seed"]))
    refs = {c: pd.read_csv(p) for c, p in reference_files.items()}
    pairs = pd.read_csv(outperformance_file)
    verdicts = pd.concat([evaluate_claims(run_table, refs[c], c, pairs[pairs.config == c])
                          for c in sorted(run_table["config"].unique())], ignore_index=True)
    write_csv(runs, run_table)
    write_csv(summary, means)
    write_csv(claims, verdicts)
    first = sorted(run_table["config"].unique())[0]      # the paper's config (nr60)
    bcr = means[(means.config == first) & (means.metric == "BCR_LTE_5")].set_index("model")["mean"]
    metrics = headline_metrics(verdicts, f"BCR_LTE_5 {first} (higher)", bcr.get("qsac"),
                               bcr.drop("qsac", errors="ignore").max())
    write_json(dvc_metrics, metrics)
    return metrics
