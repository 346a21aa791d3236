from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.pipeline.cqdt_aggregate import aggregate

inp, p = snakemake.input, snakemake.params
aggregate({name: list(inp[name]) for name in p.run_tables}, inp.latency, p.main_state, **snakemake.output)
