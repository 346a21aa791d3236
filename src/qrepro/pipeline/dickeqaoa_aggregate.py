"""Paper 003 aggregation: run records -> validated tables, Table 3 side by side, noise summary, claims, DVC metrics."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..io import read_json, write_csv, write_json
from ..metrics.dickeqaoa_claims import CLAIM_SCOPE, evaluate_claims, table3
from .dickeqaoa import BASELINE_SCHEMA, RUN_SCHEMA, TRACE_SCHEMA
from .dickeqaoa_circuits import DUAL_SCHEMA, NOISE_SCHEMA


def aggregate(run_files, noise_files, baselines_csv, dual_csv, out_dir) -> pd.DataFrame:
    out_dir = Path(out_dir)
    records = [read_json(p) for p in run_files]
    runs = RUN_SCHEMA.validate(pd.DataFrame(records).sort_values(["variant", "ansatz", "N", "seed"]))
    traces = [TRACE_SCHEMA.validate(pd.read_csv(Path(p).with_name("trace.csv"))).assign(
        variant=r["variant"], ansatz=r["ansatz"], N=r["N"], seed=r["seed"]) for p, r in zip(run_files, records)]
    base = BASELINE_SCHEMA.validate(pd.read_csv(baselines_csv))
    noise = NOISE_SCHEMA.validate(pd.concat([pd.read_csv(p) for p in noise_files], ignore_index=True)) \
        if noise_files else NOISE_SCHEMA.validate(pd.DataFrame(columns=list(NOISE_SCHEMA.columns)))
    dual = DUAL_SCHEMA.validate(pd.read_csv(dual_csv))
    t3 = pd.concat([table3(runs, base, v).assign(variant=v) for v in runs.variant.unique()], ignore_index=True)
    noise_summary = (noise.groupby(["N", "scope", "ansatz", "p_err"])
                     .agg(deviation=("deviation", "mean"), deviation_sd=("deviation", "std"),
                          feas_ratio=("feas_ratio", "mean"), tvd_ideal=("tvd_ideal", "mean"),
                          n_noisy=("n_noisy", "first"), repeats=("repeat", "count")).reset_index())
    claims = evaluate_claims(runs, base, noise, dual)
    write_csv(out_dir / "runs.csv", runs)
    write_csv(out_dir / "traces.csv", pd.concat(traces, ignore_index=True))
    write_csv(out_dir / "table3.csv", t3)
    write_csv(out_dir / "noise.csv", noise_summary)
    write_csv(out_dir / "claims.csv", claims)
    paper = t3[t3.variant == "paper"] if (t3.variant == "paper").any() else t3
    metrics = {f"N{int(r.N)}": {"prop_best_median": r.prop_best_median, "prop_feas_median": r.prop_feas_median,
                                "std_best_median": r.std_best_median, "std_feas_median": r.std_feas_median}
               for r in paper.itertuples()}
    metrics["noise_" + CLAIM_SCOPE] = {f"{r.ansatz}_p{r.p_err:g}": r.deviation for r in
                                       noise_summary[noise_summary.scope == CLAIM_SCOPE].itertuples()}
    metrics["dual_min_mean_conflict"] = float(dual.mean_conflict.min())
    metrics["verdicts"] = claims.verdict.value_counts().to_dict()
    write_json(out_dir / "summary.json", metrics)
    return claims
