"""CQDT aggregation: per-run tables -> pooled tables, Table 7 / 11 / 13 / 14 equivalents, claims, DVC metrics."""

from __future__ import annotations

import pandas as pd

from ...io import write_csv, write_json
from ...report.headline import headline_metrics
from .checks import LATENCY_SCHEMA
from .claims import defence_scenarios, evaluate_claims, policy_table
from .run import DETECTION_SCHEMA, EPISODE_SCHEMA, TRAINING_SCHEMA

# the per-seed tables behind its claims and ledger rows: committed to git (cache: false), so a clone can
# recompute them, and compared run against run by `qrepro compare` (by: a run's keys besides the seed; last: the
# column whose last value a run is compared on). At the claims tier (2 states x 10 seeds): defence_scenarios
# 1,980 rows, ~240 KB (state x seed x 11 policies x 9 T12 scenarios: the test episodes' means and moments, not the
# 7,920 episodes, ~1.4 MB),
# detection 120, typing 800, t13 2,400, training <= 600, latency 200 (n x stage x repetition: C10 and C16 are
# decided on repetitions, not seeds)
PER_SEED = {"results/cqdt/defence_scenarios.csv": {"by": ["state", "policy", "scenario"]},
            "results/cqdt/detection.csv": {"by": ["state", "method"]},
            "results/cqdt/typing.csv": {"by": ["state", "k", "label"]},
            "results/cqdt/t13.csv": {"by": ["state", "scenario", "episode"]},
            "results/cqdt/training.csv": {"by": ["state"], "last": "episode"},
            "results/cqdt/latency.csv": {"by": ["n", "stage"]}}


def aggregate(runs: dict[str, list], latency_csv, main_state: str, *, episodes, defence, policies, detection,
              typing, t13, training, claims, dvc_metrics) -> pd.DataFrame:
    """``runs`` maps each per-run table (episodes, detection, typing, t13, training) to its files, one per
    (state, seed); pooled tables, the test episodes' per-scenario means and moments (``defence``:
    claims.defence_scenarios), Table 7 (``policies``), claims and DVC metrics go to the given paths. The claims read
    the compact table, so the committed tables decide them."""
    read = lambda name: pd.concat([pd.read_csv(f) for f in runs[name]], ignore_index=True)  # noqa: E731
    pooled = {"episodes": EPISODE_SCHEMA.validate(read("episodes")),
              "detection": DETECTION_SCHEMA.validate(read("detection")),
              "typing": read("typing"), "t13": read("t13"), "training": TRAINING_SCHEMA.validate(read("training"))}
    latency = LATENCY_SCHEMA.validate(pd.read_csv(latency_csv))
    compact = defence_scenarios(pooled["episodes"])
    verdicts = evaluate_claims(compact, pooled["detection"], pooled["typing"], pooled["t13"], latency, main_state)
    for name, path in (("episodes", episodes), ("detection", detection), ("typing", typing), ("t13", t13),
                       ("training", training)):
        write_csv(path, pooled[name])
    write_csv(defence, compact)
    write_csv(policies, policy_table(pooled["episodes"]))
    write_csv(claims, verdicts)
    det = pooled["detection"][pooled["detection"].state == main_state].groupby("method").AUC.mean()
    write_json(dvc_metrics, headline_metrics(verdicts, f"detection AUC {main_state} (higher)", det.get("cqdt"),
                                             det[det.index.str.startswith("ids")].max()))
    return verdicts
