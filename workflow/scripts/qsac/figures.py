from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.papers.qsac.run import run_key
from qrepro.papers.qsac import figures as fig

shown = snakemake.params.qsac_config  # figures show the paper's env config (the first configured)
logs = {(m, s): pd.read_csv(p) for p in snakemake.input.train_logs for c, m, s in [run_key(p)] if c == shown}
first_seed = {}  # evaluation time series of each model's lowest seed
for p in sorted(snakemake.input.eval_ts, key=run_key):
    c, m, _ = run_key(p)
    if c == shown:
        first_seed.setdefault(m, pd.read_csv(p))
summary = pd.read_csv(snakemake.input.summary)
sc = pd.read_csv(snakemake.input.sample_complexity)
fig.reward_curves(logs, snakemake.output.rewards)
fig.allocation_vs_demand(first_seed, snakemake.output.allocation)
fig.table3_comparison(summary[summary.config == shown], snakemake.output.table3)
fig.sample_complexity(sc[sc.config == shown], snakemake.output.sample_complexity)
