from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.pipeline.qsac_aggregate import aggregate

refs = dict(zip(snakemake.params.configs, snakemake.input.refs))
aggregate(list(snakemake.input.metrics), refs, snakemake.input.pairs, snakemake.params.stats, **snakemake.output)
