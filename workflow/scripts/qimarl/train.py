from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qimarl.learner import QIConfig
from qrepro.papers.qimarl.mappo import PPOConfig
from qrepro.papers.qimarl.offpolicy import OffPolicyConfig
from qrepro.papers.qimarl.run import train_run
from qrepro.papers.qimarl.world import UAVConfig

p = snakemake.params
# main runs name their method; sweep runs (E-sens / E-map / E-depth) are QI-MARL with qimarl.qi knobs moved
method = getattr(snakemake.wildcards, "qimarl_method", "qimarl")
train_run(method, UAVConfig.from_params(p.env), int(snakemake.wildcards.seed), p.episodes, snakemake.output[0],
          QIConfig.from_params(p.qi), PPOConfig(**p.ppo), OffPolicyConfig.from_params(p.offpolicy),
          checkpoint_every=p.checkpoint_every, oracle_every=p.oracle_every)
