from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.dickeqaoa.run import optimise_run

optimise_run(snakemake.params.problem, snakemake.params.run, **snakemake.output)
