from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from qrepro.io import write_csv
from qrepro.pipeline.dickeqaoa_circuits import dual_scan

p = snakemake.params
grid, curve = dual_scan(p.problem, p.grid, p.shots, p.seed, p.mode)
write_csv(snakemake.output.grid, grid)
write_csv(snakemake.output.curve, curve)
