from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.agents.qimarl import QIConfig
from qrepro.envs.uav import UAVConfig
from qrepro.io import write_json
from qrepro.pipeline.qimarl_scaling import scaling_run

w, p = snakemake.wildcards, snakemake.params
env = {k: v for k, v in p.env.items() if k in UAVConfig.__dataclass_fields__}
write_json(snakemake.output[0], scaling_run(w.qimarl_method, int(w.n_uav), int(w.grid), p.episodes,
                                            QIConfig.from_params(p.qi), env=env))
