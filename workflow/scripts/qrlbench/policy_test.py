from qrepro.logs import start_job

start_job(snakemake)
from qrepro.io import read_json, write_csv
from qrepro.papers.qrlbench.policy_test import policy_test

p, inp = snakemake.params, snakemake.input
runs = {}
for record, policy in zip(inp.runs, inp.policies):
    runs.setdefault(read_json(record)["model"], []).append((record, policy))
antennas = read_json(inp.layouts)[p.env["layout"]]
write_csv(snakemake.output[0], policy_test(runs, antennas, p.env["degree"], p.env["horizon"], p.test["best"],
                                           p.test["trajectories"], p.seed, p.backend))
