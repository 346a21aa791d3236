from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.qimarl.sample_complexity import tables

p = snakemake.params
table, pairs = tables(list(snakemake.input), p.episodes_per_epoch, p.env["horizon"] * p.env["n_uav"], p.sc, p.seed)
write_csv(snakemake.output.table, table)
write_csv(snakemake.output.pairs, pairs)
