from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.dickeqaoa.circuit_runs import verify

p = snakemake.params
table = verify(p.problem, p.ns, p.sample_n, p.shots, p.dual, p.seed)
write_csv(snakemake.output[0], table)
if not table.passed.all():
    raise SystemExit("simulator verification failed:\n" + table[~table.passed].to_string())
