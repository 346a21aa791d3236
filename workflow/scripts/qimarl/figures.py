from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.papers.qimarl import figures as fig

episodes, summary = pd.read_csv(snakemake.input.episodes), pd.read_csv(snakemake.input.summary)
fig.curves(episodes, snakemake.output.curves)
fig.curves(episodes, snakemake.output.variants, methods=fig.VARIANTS,
           title="QI-MARL against its controls (exact / random proposals) and ablations")
fig.radar(summary[summary.method.isin(fig.MAIN)], snakemake.output.radar)
fig.ablation(summary, snakemake.output.ablation)
fig.scaling(pd.read_csv(snakemake.input.scaling), snakemake.output.scaling)
fig.sensitivity(pd.read_csv(snakemake.input.sensitivity), snakemake.output.sensitivity)
fig.sample_complexity(pd.read_csv(snakemake.input.sc), snakemake.output.sample_complexity)
