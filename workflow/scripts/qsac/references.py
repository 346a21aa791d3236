from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import write_csv
from qrepro.papers.qsac.run import reference_run

p, out = snakemake.params, snakemake.output
refs = reference_run(p.env, p.eval_steps, snakemake.input.train, snakemake.input.evaluation,
                     dict(zip(p.policies, out.timeseries)))
write_csv(out.table, refs)
