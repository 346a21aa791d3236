from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
import pandas as pd

from qrepro.io import write_csv
from qrepro.metrics.claims import read_claims
from qrepro.metrics.ledger import build

inp, p = snakemake.input, snakemake.params
write_csv(snakemake.output[0], build(
    pd.read_csv(inp.qsac_runs), read_claims(inp.qsac_claims), pd.read_csv(inp.qrl_curves), read_claims(inp.qrl_claims),
    p.main_env, pd.read_csv(inp.cq_detection), read_claims(inp.cq_claims), p.main_state, pd.read_csv(inp.dq_runs),
    pd.read_csv(inp.dq_baselines), read_claims(inp.dq_claims), pd.read_csv(inp.qi_summary),
    pd.read_csv(inp.qi_episodes), read_claims(inp.qi_claims), p.qsac_config))
