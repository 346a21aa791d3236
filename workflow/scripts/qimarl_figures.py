import pandas as pd

from qrepro.pipeline.logs import to_file
from qrepro.report import qimarl_figures as fig

to_file(snakemake.log[0])
fig.curves(pd.read_csv(snakemake.input.episodes), snakemake.output.curves)
fig.radar(pd.read_csv(snakemake.input.summary), snakemake.output.radar)
fig.scaling(pd.read_csv(snakemake.input.scaling), snakemake.output.scaling)
