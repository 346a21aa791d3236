from pathlib import Path

import pandas as pd

from qrepro.pipeline.logs import to_file
from qrepro.report import qsac_figures as fig

to_file(snakemake.log[0])
config = snakemake.params.config  # figures show the paper's config (first configured)
parts = lambda p: Path(p).parts[-4:-1]  # noqa: E731  (config, model, seedN)
logs = {(m, int(s[4:])): pd.read_csv(p) for p in snakemake.input.train_logs for c, m, s in [parts(p)] if c == config}
first = {}
for p in sorted(snakemake.input.eval_ts):
    c, m, s = parts(p)
    if c == config and m not in first:
        first[m] = pd.read_csv(p)
summary = pd.read_csv(snakemake.input.summary)
fig.reward_curves(logs, snakemake.output.rewards)
fig.allocation_vs_demand(first, snakemake.output.allocation)
fig.table3_comparison(summary[summary.config == config], snakemake.output.table3)
sc = pd.read_csv(snakemake.input.sample_complexity)
fig.sample_complexity(sc[sc.config == config], snakemake.output.sample_complexity)
