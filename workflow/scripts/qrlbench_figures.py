import pandas as pd

from qrepro.pipeline.logs import to_file
from qrepro.report import qrlbench_figures as fig

to_file(snakemake.log[0])
fig.validation_curves(pd.read_csv(snakemake.input.curves), snakemake.output.curves)
sc = pd.read_csv(snakemake.input.sc)
fig.sample_complexity(sc, snakemake.output.sample_complexity)
fig.surface(pd.read_csv(snakemake.input.surface), snakemake.output.surface)
fig.size_scaling(sc, pd.read_csv(snakemake.input.curves), snakemake.output.size)
