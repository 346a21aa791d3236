from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_json
from qrepro.papers.qimarl.learner import QIConfig
from qrepro.papers.qimarl.mappo import PPOConfig
from qrepro.papers.qimarl.offpolicy import OffPolicyConfig
from qrepro.papers.qimarl.scaling import scaling_run

w, p = snakemake.wildcards, snakemake.params
write_json(snakemake.output[0], scaling_run(w.qimarl_method, int(w.n_uav), int(w.grid), p.episodes, p.env,
                                            QIConfig.from_params(p.qi), PPOConfig(**p.ppo),
                                            OffPolicyConfig.from_params(p.offpolicy)))
