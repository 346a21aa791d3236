from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qimarl.sweeps import sensitivity_table

p = snakemake.params
sensitivity_table(list(snakemake.input.sweeps), list(snakemake.input.reference), p.episodes, p.defaults,
                  snakemake.output[0])
