from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.pipeline.dickeqaoa import optimise_run

optimise_run(snakemake.params.problem, snakemake.params.run, Path(snakemake.output.run).parent)
