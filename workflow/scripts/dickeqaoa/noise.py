from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import read_json
from qrepro.papers.dickeqaoa.circuit_runs import noise_run

p, wc = snakemake.params, snakemake.wildcards
noise_run(p.problem, p.n, wc.ansatz, wc.scope, float(wc.p_err), read_json(snakemake.input[0]), p.repeats, p.shots,
          p.seed, snakemake.output[0], p.logical_gates, p.simulator)
