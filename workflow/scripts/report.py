from qrepro.logs import to_file

to_file(snakemake.log[0])
import time
from pathlib import Path

import pandas as pd

from qrepro.gitinfo import code_version
from qrepro.registry import by_paper
from qrepro.report.document import build_report, read_inputs

setups = snakemake.params.setups
papers = {key: dict(read_inputs(key, paths), setup=setups[key])
          for key, paths in by_paper(snakemake.input.items()).items()}
provenance = dict(code_version(Path(".")), date=time.strftime("%Y-%m-%d", time.gmtime()))
build_report(snakemake.output[0], snakemake.params.title, snakemake.params.tier, provenance,
             pd.read_csv(snakemake.input.ledger), papers)
