from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

import pandas as pd

import time

from qrepro.metrics.claims import read_claims
from qrepro.gitinfo import code_version
from qrepro.report.document import build_report

inp = snakemake.input
qsac = dict(
    summary=pd.read_csv(inp.qsac_summary), claims=read_claims(inp.qsac_claims), runs=pd.read_csv(inp.qsac_runs),
    refs={Path(p).parent.name: pd.read_csv(p) for p in inp.qsac_refs},
    figures={Path(p).stem.removeprefix("qsac_"): Path(p) for p in inp.qsac_figures},
    sample_complexity=pd.read_csv(inp.qsac_sc),
    setup=snakemake.params.qsac_setup,
)
qrlbench = dict(
    curves=pd.read_csv(inp.qrl_curves), sc=pd.read_csv(inp.qrl_sc), claims=read_claims(inp.qrl_claims),
    figures={Path(p).stem.removeprefix("qrlbench_"): Path(p) for p in inp.qrl_figures},
    setup=snakemake.params.qrlbench_setup,
)
dickeqaoa = dict(
    runs=pd.read_csv(inp.dq_runs), table3=pd.read_csv(inp.dq_table3), claims=read_claims(inp.dq_claims),
    noise=pd.read_csv(inp.dq_noise), baselines=pd.read_csv(inp.dq_baselines), dual_curve=pd.read_csv(inp.dq_dual_curve),
    verification=pd.read_csv(inp.dq_verification),
    figures={Path(p).stem.removeprefix("dickeqaoa_"): Path(p) for p in inp.dq_figures},
    setup=snakemake.params.dickeqaoa_setup,
)
cqdt = dict(
    policies=pd.read_csv(inp.cq_policies), detection=pd.read_csv(inp.cq_detection), t13=pd.read_csv(inp.cq_t13),
    latency=pd.read_csv(inp.cq_latency), physics=pd.read_csv(inp.cq_physics), claims=read_claims(inp.cq_claims),
    figures={Path(p).stem.removeprefix("cqdt_"): Path(p) for p in inp.cq_figures},
    setup=snakemake.params.cqdt_setup, sample_complexity=pd.read_csv(inp.cq_sc), training=pd.read_csv(inp.cq_training),
)
qimarl = dict(
    summary=pd.read_csv(inp.qi_summary), claims=read_claims(inp.qi_claims), scaling=pd.read_csv(inp.qi_scaling),
    sensitivity=pd.read_csv(inp.qi_sensitivity), sample_complexity=pd.read_csv(inp.qi_sc),
    figures={Path(p).stem.removeprefix("qimarl_"): Path(p) for p in inp.qi_figures},
    setup=snakemake.params.qimarl_setup,
)
provenance = dict(code_version(Path(".")), date=time.strftime("%Y-%m-%d", time.gmtime()))
build_report(snakemake.output[0], snakemake.params.title, snakemake.params.tier, provenance, pd.read_csv(inp.ledger),
             qsac=qsac, qrlbench=qrlbench, dickeqaoa=dickeqaoa, cqdt=cqdt, qimarl=qimarl)
