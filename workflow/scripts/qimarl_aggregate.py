from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.pipeline.qimarl_aggregate import aggregate

aggregate(list(snakemake.input.runs), Path(snakemake.output.claims).parent, snakemake.input.scaling,
          snakemake.input.sensitivity, snakemake.input.pairs)
