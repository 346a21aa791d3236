import pandas as pd

from qrepro.pipeline.logs import to_file
from qrepro.report import qrlbench_figures as fig

to_file(snakemake.log[0])
fig.validation_curves(pd.read_csv(snakemake.input.curves), snakemake.output.curves)
fig.sample_complexity(pd.read_csv(snakemake.input.sc), snakemake.output.sample_complexity)
