from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.pipeline.qsac_aggregate import aggregate

refs = {c: p for c, p in zip(snakemake.params.configs, snakemake.input.refs)}
aggregate(list(snakemake.input.metrics), refs, snakemake.input.pairs, snakemake.params.stats,
          Path(snakemake.output.summary).parent)
