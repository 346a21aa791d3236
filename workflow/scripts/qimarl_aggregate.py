from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.pipeline.qimarl_aggregate import aggregate

inp = snakemake.input
aggregate(list(inp.runs), inp.scaling, inp.sensitivity, inp.pairs, **snakemake.output)
