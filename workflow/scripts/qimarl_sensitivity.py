from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.pipeline.qimarl_sensitivity import sensitivity_table

sensitivity_table(list(snakemake.input.sweeps), list(snakemake.input.reference), snakemake.params.episodes,
                  snakemake.output[0])
