from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
from pathlib import Path

from qrepro.io import read_json, write_csv
from qrepro.pipeline.qrlbench_policy_test import policy_test

p = snakemake.params
runs = {}
for f in map(Path, snakemake.input.policies):
    runs.setdefault(f.parent.parent.name, []).append(f.parent)      # .../<model>/seed<k>/policy.pt
antennas = read_json(snakemake.input.layouts)[p.env["layout"]]
write_csv(snakemake.output[0], policy_test(runs, antennas, p.env["degree"], p.env["horizon"], p.test["best"],
                                           p.test["trajectories"], p.seed, p.backend))
