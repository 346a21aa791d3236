"""All qrlbench curves -> validated long table, sample-complexity surfaces, outperformance, claim verdicts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..io import write_csv, write_json
from ..metrics.qrlbench_claims import evaluate_claims
from .qrlbench import CURVE_SCHEMA
from ..stats.sample_complexity import sample_complexity_grid
from .sample_complexity import sample_complexity_tables


def aggregate(curve_files: list, sc_cfg: dict, surface_cfg: dict, samples_per_epoch: int, seed: int, out_dir) -> dict:
    out_dir = Path(out_dir)
    curves = CURVE_SCHEMA.validate(pd.concat([pd.read_csv(f) for f in curve_files], ignore_index=True))
    curves = curves.sort_values(["algo", "model", "seed", "epoch"]).reset_index(drop=True)
    tables = {}
    for algo, ga in curves.groupby("algo"):
        V_algo = {m: np.stack([g.sort_values("epoch").V.to_numpy() for _, g in gm.groupby("seed")])
                  for m, gm in ga.groupby("model")}
        tables[algo] = (V_algo, *sample_complexity_tables(V_algo, algo, sc_cfg["eps"], sc_cfg["delta"],
                                                          samples_per_epoch, sc_cfg["resamples"],
                                                          sc_cfg["percentile"], seed))
    V, sc_ddqn, pairs_ddqn = tables["ddqn"]
    sc = pd.concat([t[1] for t in tables.values()], ignore_index=True)
    pairs = pd.concat([t[2] for t in tables.values()], ignore_index=True)
    claims = evaluate_claims(sc_ddqn, pairs_ddqn, sc_ppo=tables["ppo"][1] if "ppo" in tables else None)
    surface = pd.DataFrame([
        dict(model=m, eps=e, delta=d, S=int(S[i, j]))
        for m, v in V.items()
        for S in [sample_complexity_grid(v, surface_cfg["eps"], surface_cfg["delta"], samples_per_epoch)]
        for i, e in enumerate(surface_cfg["eps"]) for j, d in enumerate(surface_cfg["delta"])
    ])
    write_csv(out_dir / "surface.csv", surface)
    write_csv(out_dir / "validation_curves.csv", curves)
    write_csv(out_dir / "sample_complexity.csv", sc)
    write_csv(out_dir / "outperformance.csv", pairs)
    write_csv(out_dir / "claims.csv", claims)
    last = curves.groupby(["algo", "model", "seed"]).epoch.transform("max") == curves.epoch
    final = curves[last].groupby(["algo", "model"]).V.mean()
    metrics = {"final_V": {f"{a}:{m}": round(float(v), 6) for (a, m), v in final.items()},
               "verdicts": {r.claim: r.verdict for r in claims.itertuples()}}
    write_json(out_dir / "summary.json", metrics)
    return metrics
