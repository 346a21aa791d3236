from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.ledger import build, read_table
from qrepro.registry import by_paper

tables = {key: {name: read_table(name, path) for name, path in files.items()}
          for key, files in by_paper(snakemake.input.items()).items()}
write_csv(snakemake.output[0], build(tables, snakemake.params.papers))
