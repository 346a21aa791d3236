from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qimarl.aggregate import aggregate

inp = snakemake.input
aggregate(list(inp.runs), inp.scaling, inp.sensitivity, inp.pairs, **snakemake.output)
