from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.pipeline.cqdt_aggregate import aggregate

aggregate([Path(p).parent for p in snakemake.input.runs], snakemake.input.latency,
          Path(snakemake.output.claims).parent, snakemake.params.main_state)
