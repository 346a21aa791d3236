from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.qsac.run import train_run

train_run(snakemake.params.run, int(snakemake.wildcards.seed), snakemake.input.train, snakemake.input.evaluation,
          snakemake.params.checkpoint_every, **snakemake.output)
