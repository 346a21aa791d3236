from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.dickeqaoa.aggregate import aggregate

inp = snakemake.input
aggregate(list(inp.runs), list(inp.traces), list(inp.noise), inp.baselines, inp.dual, inp.dual_curve,
          **snakemake.output)
