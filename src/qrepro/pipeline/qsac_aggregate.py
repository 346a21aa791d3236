"""Collect per-run QSAC metrics into validated tables: all runs, seed summaries with CIs, claim verdicts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import read_json, write_csv, write_json
from ..metrics.qsac_claims import RUN_METRICS_SCHEMA, SUMMARY_SCHEMA, TABLE3_COLS, evaluate_claims
from ..stats import summarise

SUMMARY_METRICS = TABLE3_COLS + ["eval_regret", "train_regret", "late_reward_std", "early_ma_mean",
                                 "final_ma_reward", "episodes_to_threshold", "worst_abs_dev_LTE",
                                 "worst_abs_dev_NR", "std_dev_LTE", "std_dev_NR", "raw_feasible_frac"]


def aggregate(metric_files: list, reference_files: dict, outperformance_file, stats_cfg: dict, out_dir) -> dict:
    """Write runs.csv, summary.csv, claims.csv and summary.json (DVC metrics) under ``out_dir``."""
    out_dir = Path(out_dir)
    runs = RUN_METRICS_SCHEMA.validate(pd.DataFrame([read_json(f) for f in metric_files]))
    runs = runs.sort_values(["config", "model", "seed"]).reset_index(drop=True)
    summary = SUMMARY_SCHEMA.validate(summarise(runs, ["config", "model"], SUMMARY_METRICS, stats_cfg["ci"],
                                                stats_cfg["bootstrap_resamples"], stats_cfg["seed"]))
    refs = {c: pd.read_csv(p) for c, p in reference_files.items()}
    pairs = pd.read_csv(outperformance_file)
    claims = pd.concat([evaluate_claims(runs, refs[c], c, pairs[pairs.config == c]) for c in sorted(runs["config"].unique())],
                       ignore_index=True)
    write_csv(out_dir / "runs.csv", runs)
    write_csv(out_dir / "summary.csv", summary)
    write_csv(out_dir / "claims.csv", claims)
    dvc_metrics = {
        c: {m: {r.metric: round(r.mean, 6) for r in g.itertuples() if r.metric in TABLE3_COLS}
            for m, g in summary[summary.config == c].groupby("model")}
        for c in summary.config.unique()
    }
    dvc_metrics["verdicts"] = {f"{r.config}:{r.claim}": r.verdict for r in claims.itertuples()}
    write_json(out_dir / "summary.json", dvc_metrics)
    return dvc_metrics
