from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.data.adapshare import import_files

import_files(snakemake.params.files, snakemake.params.sources, Path(snakemake.output.manifest).parent,
             timeout=snakemake.params.timeout)
