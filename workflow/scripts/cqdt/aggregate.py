from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.cqdt.aggregate import aggregate

inp, p = snakemake.input, snakemake.params
aggregate({name: list(inp[name]) for name in p.run_tables}, inp.latency, p.main_state, **snakemake.output)
