from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.io import write_csv
from qrepro.papers.cqdt.sample_complexity import tables

p = snakemake.params
write_csv(snakemake.output[0], tables(pd.read_csv(snakemake.input[0]), p.episodes, p.steps, p.sc, p.seed))
