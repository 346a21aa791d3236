from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.dickeqaoa.run import optimise_run

optimise_run(snakemake.params.problem, snakemake.params.run, **snakemake.output)
