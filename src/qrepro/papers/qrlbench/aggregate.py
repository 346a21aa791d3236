"""All qrlbench curves -> validated long table, sample-complexity surfaces per (env, algo), outperformance,
claim verdicts. Table rows are labelled ``config = "<env>/<algo>"``; CartPole (E8) is ``cartpole/vpg``, on its
own eps-delta grid and counted in episodes."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...io import write_csv, write_json
from ...report.headline import headline_metrics
from ...stats.curves import sample_complexity_tables
from ...stats.sample_complexity import sample_complexity_grid
from .claims import bias_claim, cartpole_claims, evaluate_claims, policy_test_claim, surface_claims, sweep_claims
from .run import CURVE_SCHEMA

# the per-seed tables behind its claims and ledger rows: committed to git (cache: false), so a clone can
# recompute them, and compared run against run by `qrepro compare` (by: a run's keys besides the seed; last: the
# column whose last value a run is compared on)
PER_SEED = {"results/qrlbench/validation_curves.csv": {"by": ["env", "algo", "model"], "last": "epoch"}}


def run_matrices(curves: pd.DataFrame) -> dict[str, np.ndarray]:
    """model -> (runs, epochs) matrix of validation values."""
    return {m: np.stack([g.sort_values("epoch").V.to_numpy() for _, g in gm.groupby("seed")])
            for m, gm in curves.groupby("model")}


def samples_per_epoch(curves: pd.DataFrame) -> int:
    """Samples one epoch costs, as the runs logged it: env steps (beams) or episodes (CartPole)."""
    first = curves.iloc[0]
    return int(first.env_steps // first.epoch)


def aggregate(curve_files: list, sc_cfg: dict, surface_cfg: dict, seed: int, main_env: str,
              cartpole_sc: dict | None = None, bias: pd.DataFrame | None = None,
              policy_test: pd.DataFrame | None = None, *, validation_curves, sample_complexity, outperformance,
              claims, surface, dvc_metrics) -> dict:
    """Every run's curve -> the long curve table, sample-complexity tables per (env, algo), outperformance, the
    Fig. 1 surface and the claims, written to the given paths."""
    curves = CURVE_SCHEMA.validate(pd.concat([pd.read_csv(f) for f in curve_files], ignore_index=True))
    curves = curves.sort_values(["env", "algo", "model", "seed", "epoch"]).reset_index(drop=True)
    scs, pairs_all = [], []
    for (env, algo), g in curves.groupby(["env", "algo"]):
        cells = cartpole_sc if env == "cartpole" else sc_cfg
        sc, pairs = sample_complexity_tables(run_matrices(g), f"{env}/{algo}", cells["eps"], cells["delta"],
                                             samples_per_epoch(g), cells["resamples"], cells["percentile"], seed)
        scs.append(sc)
        pairs_all.append(pairs)
    sc, pairs = pd.concat(scs, ignore_index=True), pd.concat(pairs_all, ignore_index=True)
    main = f"{main_env}/ddqn"
    ppo = sc[sc.config == f"{main_env}/ppo"]
    main_curves = curves[(curves.env == main_env) & (curves.algo == "ddqn")]
    V_main, main_per_epoch = run_matrices(main_curves), samples_per_epoch(main_curves)
    fig1_surface = pd.DataFrame([
        dict(model=m, eps=e, delta=d, S=int(S[i, j]))
        for m, v in V_main.items()
        for S in [sample_complexity_grid(v, surface_cfg["eps"], surface_cfg["delta"], main_per_epoch)]
        for i, e in enumerate(surface_cfg["eps"]) for j, d in enumerate(surface_cfg["delta"])
    ])
    verdicts = pd.concat([
        evaluate_claims(sc[sc.config == main], pairs[pairs.config == main], main_env, ppo if len(ppo) else None),
        surface_claims(fig1_surface, main_per_epoch * max(v.shape[1] for v in V_main.values()),
                       min(len(v) for v in V_main.values())),
        sweep_claims(sc[sc.config.str.endswith("/ddqn")], main_env),
        cartpole_claims(sc[sc.config == "cartpole/vpg"]),
        *([bias_claim(bias)] if bias is not None else []),
        *([policy_test_claim(policy_test)] if policy_test is not None else []),
    ], ignore_index=True)
    write_csv(validation_curves, curves)
    write_csv(sample_complexity, sc)
    write_csv(outperformance, pairs)
    write_csv(claims, verdicts)
    write_csv(surface, fig1_surface)
    last = curves.groupby(["env", "algo", "model", "seed"]).epoch.transform("max") == curves.epoch
    final = curves[last].groupby(["env", "algo", "model"]).V.mean()
    main_v = final.xs((main_env, "ddqn"), level=["env", "algo"])
    metrics = headline_metrics(verdicts, "final V, DDQN (higher)", main_v[main_v.index.str.startswith("Q")].max(),
                               main_v[main_v.index.str.startswith("C")].max())
    write_json(dvc_metrics, metrics)
    return metrics
