from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.cqdt.aggregate import aggregate

inp, p = snakemake.input, snakemake.params
aggregate({name: list(inp[name]) for name in p.run_tables}, inp.latency, p.main_state, **snakemake.output)
