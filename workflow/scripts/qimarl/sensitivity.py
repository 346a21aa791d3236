from qrepro.logs import to_file

to_file(snakemake.log[0])
from qrepro.papers.qimarl.sweeps import sensitivity_table

p = snakemake.params
sensitivity_table(list(snakemake.input.sweeps), list(snakemake.input.reference), p.episodes, p.defaults,
                  snakemake.output[0])
