from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.papers.dickeqaoa import figures as fig

inp, out = snakemake.input, snakemake.output
fig.trajectories(pd.read_csv(inp.traces), out.trajectories)
fig.best_conflict(pd.read_csv(inp.runs), pd.read_csv(inp.baselines), out.best_conflict)
fig.noise(pd.read_csv(inp.noise), out.noise)
fig.dual(pd.read_csv(inp.dual), pd.read_csv(inp.curve), out.dual)
