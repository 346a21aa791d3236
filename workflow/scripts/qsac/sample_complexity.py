from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.io import write_csv
from qrepro.papers.qsac.run import run_key
from qrepro.stats.curves import epoch_matrix, reward_to_unit, sample_complexity_tables

p = snakemake.params
tables, pairs = [], []
for config in p.configs:
    curves = {}
    for path in sorted(snakemake.input, key=run_key):
        c, model, _ = run_key(path)
        if c == config:
            curves.setdefault(model, []).append(pd.read_csv(path)["reward"].to_numpy())
    V = {m: reward_to_unit(epoch_matrix(cs, p.per_epoch)) for m, cs in curves.items()}
    sc, op = sample_complexity_tables(V, config, p.sc["eps"], p.sc["delta"], p.per_epoch, p.sc["resamples"],
                                      p.sc["percentile"], p.seed)
    tables.append(sc)
    pairs.append(op)
write_csv(snakemake.output.table, pd.concat(tables, ignore_index=True))
write_csv(snakemake.output.pairs, pd.concat(pairs, ignore_index=True))
