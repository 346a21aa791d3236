from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.cqdt.checks import physics_checks

table = physics_checks()
write_csv(snakemake.output[0], table)
if not table.passed.all():
    raise SystemExit("CQDT physics checks failed:\n" + table[~table.passed].to_string())
