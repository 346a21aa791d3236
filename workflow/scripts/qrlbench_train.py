from qrepro.pipeline.logs import to_file
from qrepro.pipeline.qrlbench import train_run
from pathlib import Path

to_file(snakemake.log[0])
train_run(snakemake.params.run, int(snakemake.wildcards.seed), Path(snakemake.output.curve).parent)
