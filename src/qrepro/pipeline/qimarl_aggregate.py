"""Paper 004 aggregation: per-episode logs -> per-seed summaries (Table 2 / 5 metrics), claims, DVC metrics."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import write_csv, write_json
from ..metrics.qimarl_claims import evaluate_claims, summarise
from .qimarl import EPISODE_SCHEMA
from .qimarl_scaling import SCALING_SCHEMA
from .qimarl_sensitivity import SENSITIVITY_SCHEMA
from .sample_complexity import OUTPERFORM_SCHEMA


def aggregate(files, out_dir, scaling_csv=None, sensitivity_csv=None, pairs_csv=None) -> pd.DataFrame:
    out_dir = Path(out_dir)
    episodes = EPISODE_SCHEMA.validate(pd.concat([pd.read_csv(f) for f in files], ignore_index=True))
    summary = summarise(episodes)
    scaling = SCALING_SCHEMA.validate(pd.read_csv(scaling_csv)) if scaling_csv else None
    sensitivity = SENSITIVITY_SCHEMA.validate(pd.read_csv(sensitivity_csv)) if sensitivity_csv else None
    pairs = OUTPERFORM_SCHEMA.validate(pd.read_csv(pairs_csv)) if pairs_csv else None
    claims = evaluate_claims(summary, scaling, sensitivity, pairs)
    write_csv(out_dir / "episodes.csv", episodes)
    write_csv(out_dir / "summary.csv", summary)
    write_csv(out_dir / "claims.csv", claims)
    means = summary.groupby("method")[["reward", "coverage", "exploration_ratio", "entropy", "cum_regret"]].mean()
    write_json(out_dir / "summary.json", {"methods": means.round(6).to_dict("index"),
                                          "verdicts": claims.set_index("claim").verdict.to_dict()})
    return claims
