"""CQDT aggregation: per-run tables -> pooled tables, Table 7 / 11 / 13 / 14 equivalents, claims, DVC metrics."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import write_csv, write_json
from ..metrics.cqdt_claims import evaluate_claims, policy_table
from .cqdt import DETECTION_SCHEMA, EPISODE_SCHEMA, TRAINING_SCHEMA
from .cqdt_checks import LATENCY_SCHEMA


def aggregate(run_dirs, latency_csv, out_dir, main_state: str) -> pd.DataFrame:
    out_dir = Path(out_dir)
    read = lambda name: pd.concat([pd.read_csv(Path(d) / name) for d in run_dirs], ignore_index=True)  # noqa: E731
    episodes = EPISODE_SCHEMA.validate(read("episodes.csv"))
    detection = DETECTION_SCHEMA.validate(read("detection.csv"))
    typing, t13, training = read("typing.csv"), read("t13.csv"), TRAINING_SCHEMA.validate(read("training.csv"))
    latency = LATENCY_SCHEMA.validate(pd.read_csv(latency_csv))
    claims = evaluate_claims(episodes, detection, typing, t13, latency, main_state)
    policies = policy_table(episodes)
    write_csv(out_dir / "episodes.csv", episodes)
    write_csv(out_dir / "policies.csv", policies)
    write_csv(out_dir / "detection.csv", detection)
    write_csv(out_dir / "typing.csv", typing)
    write_csv(out_dir / "t13.csv", t13)
    write_csv(out_dir / "training.csv", training)
    write_csv(out_dir / "claims.csv", claims)
    main = policies[policies.state == main_state].set_index("policy")
    det = detection[detection.state == main_state].groupby("method").AUC.mean()
    write_json(out_dir / "summary.json", {
        "post_defence": {p: {"F": r.F_post, "S": r.S_post, "D": r.D_post} for p, r in main.iterrows()},
        "detection_auc": det.to_dict(), "verdicts": claims.set_index("claim").verdict.to_dict()})
    return claims
