from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import read_json
from qrepro.papers.qrlbench.run import train_run

run = snakemake.params.run
antennas = read_json(snakemake.input.layouts)[run["env"]["layout"]] if run["algo"] != "vpg" else None
tables = snakemake.input.get("tables") or None           # shared episode tables of the DDQN runs at this seed
train_run(run, int(snakemake.wildcards.seed), antennas, **snakemake.output, tables=tables)
