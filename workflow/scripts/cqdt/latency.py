from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.cqdt.checks import stage_latency

p = snakemake.params
write_csv(snakemake.output[0], stage_latency(p.ns, p.reps, p.shots, p.seed, p.loop))
