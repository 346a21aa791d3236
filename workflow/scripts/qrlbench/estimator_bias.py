from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.qrlbench.bias import bias_table

b = snakemake.params.bias
write_csv(snakemake.output[0], bias_table(b["deltas"], b["n_runs"], b["reps"], b["points"], snakemake.params.seed))
