import pandas as pd

from qrepro.pipeline.logs import to_file
from qrepro.report import qrlbench_figures as fig

to_file(snakemake.log[0])
fig.validation_curves(pd.read_csv(snakemake.input.curves), snakemake.output.curves)
sc = pd.read_csv(snakemake.input.sc)
fig.sample_complexity(sc, snakemake.output.sample_complexity, "ddqn")
fig.sample_complexity(sc, snakemake.output.ppo_sample_complexity, "ppo")
fig.surface(pd.read_csv(snakemake.input.surface), snakemake.output.surface)
curves = pd.read_csv(snakemake.input.curves)
fig.size_scaling(sc[sc.config == "ddqn"], curves[curves.algo == "ddqn"], snakemake.output.size)
