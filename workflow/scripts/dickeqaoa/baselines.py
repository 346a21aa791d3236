from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.dickeqaoa.run import baselines

write_csv(snakemake.output[0], baselines(snakemake.params.problem, snakemake.params.ns))
