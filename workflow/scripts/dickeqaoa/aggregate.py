from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.dickeqaoa.aggregate import aggregate

inp = snakemake.input
aggregate(list(inp.runs), list(inp.traces), list(inp.noise), inp.baselines, inp.dual, **snakemake.output)
