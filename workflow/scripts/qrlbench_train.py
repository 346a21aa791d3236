from pathlib import Path

from qrepro.io import read_json
from qrepro.pipeline.logs import to_file
from qrepro.pipeline.qrlbench import train_run

to_file(snakemake.log[0])
run = snakemake.params.run
antennas = read_json(snakemake.input.layouts)[run["env"]["layout"]] if run["algo"] != "vpg" else None
train_run(run, int(snakemake.wildcards.seed), Path(snakemake.output.curve).parent, antennas=antennas)
