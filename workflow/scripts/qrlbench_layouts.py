from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.config import parse_qrl_env
from qrepro.envs.beam import named_layout
from qrepro.io import write_json

layouts = {parse_qrl_env(e)[0] for e in snakemake.params.envs}
write_json(snakemake.output[0], {name: named_layout(name, snakemake.params.d_min) for name in sorted(layouts)})
