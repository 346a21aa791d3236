"""Paper 004 aggregation: per-episode logs -> per-seed summaries (Table 2 / 5 metrics), claims, DVC metrics."""

from __future__ import annotations

import pandas as pd

from ...io import write_csv, write_json
from ...report.headline import headline_metrics
from ...stats.curves import OUTPERFORM_SCHEMA
from .claims import evaluate_claims, summarise
from .run import EPISODE_SCHEMA
from .scaling import SCALING_SCHEMA
from .sweeps import SENSITIVITY_SCHEMA

# the per-seed tables behind its claims and ledger rows: committed to git (cache: false), so a clone can
# recompute them, and compared run against run by `qrepro compare` (by: a run's keys besides the seed; last: the
# column whose last value a run is compared on)
PER_SEED = {"results/qimarl/summary.csv": {"by": ["method"]},
            "results/qimarl/sensitivity.csv": {"by": ["config"]}}


def aggregate(run_files, scaling_csv=None, sensitivity_csv=None, pairs_csv=None, *, episodes, summary, claims,
              dvc_metrics) -> pd.DataFrame:
    """Every (method, seed) training log -> the pooled log, per-seed summaries, claims and DVC metrics."""
    log = EPISODE_SCHEMA.validate(pd.concat([pd.read_csv(f) for f in run_files], ignore_index=True))
    per_seed = summarise(log)
    scaling = SCALING_SCHEMA.validate(pd.read_csv(scaling_csv)) if scaling_csv else None
    sensitivity = SENSITIVITY_SCHEMA.validate(pd.read_csv(sensitivity_csv)) if sensitivity_csv else None
    pairs = OUTPERFORM_SCHEMA.validate(pd.read_csv(pairs_csv)) if pairs_csv else None
    verdicts = evaluate_claims(per_seed, scaling, sensitivity, pairs)
    write_csv(episodes, log)
    write_csv(summary, per_seed)
    write_csv(claims, verdicts)
    reward = per_seed.groupby("method").reward.mean()
    classical = reward[[m for m in reward.index if not m.startswith(("qimarl", "qi_"))]]   # the paper's baselines
    write_json(dvc_metrics, headline_metrics(verdicts, "evaluation reward (higher)", reward.get("qimarl"),
                                             classical.max()))
    return verdicts
