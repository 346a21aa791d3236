from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.io import write_csv
from qrepro.papers.dickeqaoa.run import baselines

write_csv(snakemake.output[0], baselines(snakemake.params.problem, snakemake.params.ns))
