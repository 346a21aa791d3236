from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qimarl.aggregate import aggregate

inp, p = snakemake.input, snakemake.params
aggregate(list(inp.runs), inp.scaling, inp.sensitivity, inp.pairs, list(inp.long), list(inp.scale), env=p.env,
          estimator=p.estimator, **snakemake.output)
