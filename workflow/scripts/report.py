from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.gitinfo import code_version, commit_date, git
from qrepro.logs import checkout_of
from qrepro.registry import by_paper
from qrepro.report.document import build_report, read_inputs
from qrepro.software import versions

setups = snakemake.params.setups
papers = {key: dict(read_inputs(key, paths), setup=setups[key])
          for key, paths in by_paper(snakemake.input.items()).items()}
root = checkout_of(snakemake.scriptdir)
provenance = dict(code_version(root), date=commit_date(root), software=versions(),
                  remote=git(root, "remote", "get-url", "origin"))
build_report(snakemake.output[0], snakemake.params.title, snakemake.params.tier, provenance,
             pd.read_csv(snakemake.input.ledger, keep_default_na=False, na_values=[""]), papers)
