from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.pipeline.qsac import train_run

train_run(snakemake.params.run, int(snakemake.wildcards.seed), Path(snakemake.input[0]).parent,
          snakemake.params.data, Path(snakemake.output.metrics).parent, snakemake.params.checkpoint_every)
