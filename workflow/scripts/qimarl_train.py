from pathlib import Path

from qrepro.envs.uav import UAVConfig
from qrepro.pipeline.logs import to_file
from qrepro.pipeline.qimarl import train_run

to_file(snakemake.log[0])
p = snakemake.params
train_run(snakemake.wildcards.qmethod, UAVConfig(**p.env), int(snakemake.wildcards.seed), p.episodes,
          Path(snakemake.output[0]).parent, checkpoint_every=p.checkpoint_every, oracle_every=p.oracle_every)
