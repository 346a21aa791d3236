from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import read_json, write_csv
from qrepro.papers.qimarl.scaling import scaling_table

write_csv(snakemake.output[0], scaling_table([read_json(f) for f in snakemake.input]))
