from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qsac.aggregate import aggregate

refs = dict(zip(snakemake.params.configs, snakemake.input.refs))
aggregate(list(snakemake.input.metrics), refs, snakemake.input.pairs, snakemake.params.stats, **snakemake.output)
