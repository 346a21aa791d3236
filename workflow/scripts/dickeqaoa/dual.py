from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.dickeqaoa.circuit_runs import dual_scan

p = snakemake.params
grid, curve = dual_scan(p.problem, p.grid, p.shots, p.seed, p.mode)
write_csv(snakemake.output.grid, grid)
write_csv(snakemake.output.curve, curve)
