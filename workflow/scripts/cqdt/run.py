from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.cqdt.run import run

params, tier = snakemake.params.run
run(params, tier, snakemake.wildcards.state, int(snakemake.wildcards.seed), **snakemake.output)
