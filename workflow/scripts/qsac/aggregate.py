from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.qsac.aggregate import aggregate

refs = dict(zip(snakemake.params.configs, snakemake.input.refs))
aggregate(list(snakemake.input.metrics), refs, snakemake.input.pairs, snakemake.params.stats, **snakemake.output)
