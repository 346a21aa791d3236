from pathlib import Path

from qrepro.pipeline.logs import to_file
from qrepro.pipeline.qsac import train_run

to_file(snakemake.log[0])
train_run(snakemake.params.run, int(snakemake.wildcards.seed), Path(snakemake.input[0]).parent,
          snakemake.params.data, Path(snakemake.output.metrics).parent, snakemake.params.checkpoint_every)
