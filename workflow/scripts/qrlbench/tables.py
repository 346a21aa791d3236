from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import read_json
from qrepro.papers.qrlbench.run import write_tables

run = snakemake.params.run
write_tables(run, int(snakemake.wildcards.seed), read_json(snakemake.input.layouts)[run["env"]["layout"]],
             snakemake.output[0])
