from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.qimarl.aggregate import aggregate

inp = snakemake.input
aggregate(list(inp.runs), inp.scaling, inp.sensitivity, inp.pairs, **snakemake.output)
