from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.agents.qimarl import QIConfig
from qrepro.envs.uav import UAVConfig
from qrepro.pipeline.qimarl import train_run

p = snakemake.params
# main runs name their method; sweep runs (E-sens / E-map / E-depth) are QI-MARL with qimarl.qi knobs moved
method = getattr(snakemake.wildcards, "qimarl_method", "qimarl")
train_run(method, UAVConfig(**p.env), int(snakemake.wildcards.seed), p.episodes, snakemake.output[0],
          QIConfig.from_params(p.qi), checkpoint_every=p.checkpoint_every, oracle_every=p.oracle_every)
