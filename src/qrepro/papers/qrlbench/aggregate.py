"""All qrlbench curves -> validated long table, sample-complexity tables (every (env, algo) on the Fig. 6 grid,
CartPole on its own grid and counted in episodes), the Fig. 19 cell, the Fig. 20 sweeps on their relaxed grid at
equal runs (what the sweep claims read), outperformance, the Fig. 1 surface and the claim verdicts. Table rows are
labelled ``config = "<env>/<algo>"``; CartPole (E8) is ``cartpole/vpg``."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...io import write_csv, write_json
from ...report.headline import headline_metrics
from ...stats.curves import SC_SCHEMA, sample_complexity_tables
from ...stats.sample_complexity import sample_complexity_grid
from .claims import (Runs, bias_claim, cartpole_claims, evaluate_claims, grid, policy_test_claim, surface_claims,
                     sweep_claims)
from .run import CURVE_SCHEMA

# the per-seed tables behind its claims and ledger rows: committed to git (cache: false), so a clone can
# recompute them, and compared run against run by `qrepro compare` (by: a run's keys besides the seed; last: the
# column whose last value a run is compared on). At the claims tier ~375 runs x 100 epochs: ~2.3 MB (seconds kept
# to the millisecond)
PER_SEED = {"results/qrlbench/validation_curves.csv": {"by": ["env", "algo", "model"], "last": "epoch"}}
SECONDS_DECIMALS = 3      # an epoch's wall time, to the millisecond: the rest is timing noise and file size


def run_matrices(curves: pd.DataFrame) -> dict[str, np.ndarray]:
    """model -> (runs, epochs) matrix of validation values, runs in seed order."""
    return {m: np.stack([g.sort_values("epoch").V.to_numpy() for _, g in gm.groupby("seed")])
            for m, gm in curves.groupby("model")}


def samples_per_epoch(curves: pd.DataFrame) -> int:
    """Samples one epoch costs, as the runs logged it: env steps (beams) or episodes (CartPole)."""
    first = curves.iloc[0]
    return int(first.env_steps // first.epoch)


def runs_of(curves: pd.DataFrame) -> Runs:
    """One (env, algo)'s curves as the claims' :class:`Runs`."""
    return Runs(run_matrices(curves), samples_per_epoch(curves), curves.groupby("model").seconds.mean().to_dict())


def sweep_tables(curves: pd.DataFrame, main_env: str, cells: dict, seed: int) -> pd.DataFrame:
    """Fig. 20: S with ranges of the sweep models on every DDQN env besides the main one and, as degree 3 of the
    main layout, on the main env at the same runs (the seeds the sweeps ran), all on the relaxed sweep grid: the
    sweeps run fewer seeds than the main env, and S compares across envs only at equal runs."""
    ddqn = curves[(curves.algo == "ddqn") & (curves.env != "cartpole")]
    sweep = ddqn[ddqn.env != main_env]
    if sweep.empty:
        return SC_SCHEMA.validate(pd.DataFrame(columns=list(SC_SCHEMA.columns)).astype({"config": str}))
    seeds = sweep.groupby("model").seed.unique()
    base = ddqn[(ddqn.env == main_env) & ddqn.model.isin(seeds.index)]
    base = base[[s in set(seeds[m]) for m, s in zip(base.model, base.seed)]]
    tables = [sample_complexity_tables(run_matrices(g), f"{env}/ddqn", cells["eps"], cells["delta"],
                                       samples_per_epoch(g), cells["resamples"], cells["percentile"], seed)[0]
              for env, g in pd.concat([base, sweep]).groupby("env")]
    return pd.concat(tables, ignore_index=True)


def random_policy_ratio(policy_test: pd.DataFrame | None) -> float | None:
    """A random policy's share of the optimal cumulative intensity on the policy test's trajectories: what V (a
    ratio to the optimal intensity) a policy that learned nothing reaches."""
    if policy_test is None:
        return None
    mean = policy_test.groupby("policy").cum_intensity.mean()
    return float(mean["random"] / mean["optimal"])


def aggregate(curve_files: list, sc_cfg: dict, surface_cfg: dict, seed: int, main_env: str,
              cartpole_sc: dict | None = None, bias: pd.DataFrame | None = None,
              policy_test: pd.DataFrame | None = None, *, ablation_cell: dict, sweep_grid: dict, validation_curves,
              sample_complexity, outperformance, ablation, sweeps, claims, surface, dvc_metrics) -> dict:
    """Every run's curve -> the long curve table, sample-complexity tables per (env, algo) (CartPole on its own
    grid), the Fig. 19 cell (``ablation_cell``), the sweeps (``sweep_grid``), outperformance, the Fig. 1 surface
    and the claims, written to the given paths."""
    curves = CURVE_SCHEMA.validate(pd.concat([pd.read_csv(f) for f in curve_files], ignore_index=True))
    curves = curves.sort_values(["env", "algo", "model", "seed", "epoch"]).reset_index(drop=True)
    curves["seconds"] = curves.seconds.round(SECONDS_DECIMALS)
    scs, pairs_all = [], []
    for (env, algo), g in curves.groupby(["env", "algo"]):          # sweep envs too: the Fig. 20 figure reads them
        cells = cartpole_sc if env == "cartpole" else sc_cfg
        sc, pairs = sample_complexity_tables(run_matrices(g), f"{env}/{algo}", cells["eps"], cells["delta"],
                                             samples_per_epoch(g), cells["resamples"], cells["percentile"], seed)
        scs.append(sc)
        pairs_all.append(pairs)
    sc, pairs = pd.concat(scs, ignore_index=True), pd.concat(pairs_all, ignore_index=True)
    main, on_main = f"{main_env}/ddqn", curves.env == main_env
    ddqn, ppo = runs_of(curves[on_main & (curves.algo == "ddqn")]), None
    if (on_main & (curves.algo == "ppo")).any():
        ppo = runs_of(curves[on_main & (curves.algo == "ppo")])
    cell = {**sc_cfg, "eps": [ablation_cell["eps"]], "delta": [ablation_cell["delta"]]}
    abl = sample_complexity_tables(ddqn.V, main, cell["eps"], cell["delta"], ddqn.per_epoch, cell["resamples"],
                                   cell["percentile"], seed)[0]
    sweep_sc = sweep_tables(curves, main_env, {**sc_cfg, **sweep_grid}, seed)
    fig1_surface = pd.DataFrame([
        dict(model=m, eps=e, delta=d, S=int(S[i, j]))
        for m, v in ddqn.V.items()
        for S in [sample_complexity_grid(v, surface_cfg["eps"], surface_cfg["delta"], ddqn.per_epoch)]
        for i, e in enumerate(surface_cfg["eps"]) for j, d in enumerate(surface_cfg["delta"])
    ])
    verdicts = pd.concat([
        evaluate_claims(sc[sc.config == main], main_env, ddqn, grid(surface_cfg["eps"], surface_cfg["delta"]), abl,
                        (ablation_cell["eps"], ablation_cell["delta"]), sc[sc.config == f"{main_env}/ppo"], ppo,
                        random_policy_ratio(policy_test)),
        surface_claims(ddqn, surface_cfg["eps"], surface_cfg["delta"]),
        sweep_claims(sweep_sc, main_env),
        cartpole_claims(sc[sc.config == "cartpole/vpg"]),
        *([bias_claim(bias)] if bias is not None else []),
        *([policy_test_claim(policy_test)] if policy_test is not None else []),
    ], ignore_index=True)
    write_csv(validation_curves, curves)
    write_csv(sample_complexity, sc)
    write_csv(outperformance, pairs)
    write_csv(ablation, abl)
    write_csv(sweeps, sweep_sc)
    write_csv(claims, verdicts)
    write_csv(surface, fig1_surface)
    last = curves.groupby(["env", "algo", "model", "seed"]).epoch.transform("max") == curves.epoch
    final = curves[last].groupby(["env", "algo", "model"]).V.mean()
    main_v = final.xs((main_env, "ddqn"), level=["env", "algo"])
    metrics = headline_metrics(verdicts, "final V, DDQN (higher)", main_v[main_v.index.str.startswith("Q")].max(),
                               main_v[main_v.index.str.startswith("C")].max())
    write_json(dvc_metrics, metrics)
    return metrics
