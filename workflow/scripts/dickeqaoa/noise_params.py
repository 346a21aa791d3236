from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_json
from qrepro.papers.dickeqaoa.circuit_runs import noise_parameters

write_json(snakemake.output[0], noise_parameters(snakemake.params.problem, snakemake.params.n))
