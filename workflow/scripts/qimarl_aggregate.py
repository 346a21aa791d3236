from pathlib import Path

from qrepro.pipeline.logs import to_file
from qrepro.pipeline.qimarl_aggregate import aggregate

to_file(snakemake.log[0])
aggregate(list(snakemake.input.runs), Path(snakemake.output.claims).parent, snakemake.input.scaling,
          snakemake.input.sensitivity, snakemake.input.pairs)
