from qrepro.logs import start_job

start_job(snakemake)
from qrepro.papers.qrlbench.config import parse_env
from qrepro.papers.qrlbench.env import named_layout
from qrepro.io import write_json

layouts = {parse_env(e)[0] for e in snakemake.params.envs}
write_json(snakemake.output[0], {name: named_layout(name, snakemake.params.d_min) for name in sorted(layouts)})
