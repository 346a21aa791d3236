from qrepro.io import write_csv
from qrepro.pipeline.logs import to_file
from qrepro.pipeline.qimarl_sample_complexity import tables

to_file(snakemake.log[0])
p = snakemake.params
table, pairs = tables(list(snakemake.input), p.episodes_per_epoch, p.env["horizon"] * p.env["n_uav"], p.sc, p.seed)
write_csv(snakemake.output.table, table)
write_csv(snakemake.output.pairs, pairs)
