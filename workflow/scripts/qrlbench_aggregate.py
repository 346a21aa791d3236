from pathlib import Path

from qrepro.pipeline.logs import to_file
from qrepro.pipeline.qrlbench_aggregate import aggregate

to_file(snakemake.log[0])
p = snakemake.params
aggregate(list(snakemake.input), p.sc, p.surface, p.steps_per_epoch, p.seed, p.main_env,
          Path(snakemake.output.sc).parent)
