from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.cqdt.run import run

params, tier = snakemake.params.run
run(params, tier, snakemake.wildcards.state, int(snakemake.wildcards.seed), **snakemake.output)
