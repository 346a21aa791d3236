from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qsac.aggregate import aggregate

i, p = snakemake.input, snakemake.params
aggregate(list(i.metrics), list(i.train_logs), list(i.eval_ts), dict(zip(p.configs, i.refs)), i.pairs, p.stats,
          p.pools, p.gamma, p.per_epoch, **snakemake.output)
