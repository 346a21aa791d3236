from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qsac.run import train_run

train_run(snakemake.params.run, int(snakemake.wildcards.seed), snakemake.input.train, snakemake.input.evaluation,
          snakemake.params.checkpoint_every, **snakemake.output)
