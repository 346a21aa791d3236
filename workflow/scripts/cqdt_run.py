from pathlib import Path

from qrepro.pipeline.cqdt import run
from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
params, tier = snakemake.params.run
run(params, tier, snakemake.wildcards.state, int(snakemake.wildcards.seed), Path(snakemake.output.episodes).parent)
