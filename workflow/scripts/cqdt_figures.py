from qrepro.pipeline.logs import to_file

to_file(snakemake.log[0])
import pandas as pd

from qrepro.metrics.cqdt_claims import PAPER_TABLE14
from qrepro.report import cqdt_figures as fig

inp, out, main = snakemake.input, snakemake.output, snakemake.params.main_state
fig.scenarios(pd.read_csv(inp.episodes), out.scenarios, main)
fig.detection(pd.read_csv(inp.detection), out.detection)
fig.typing(pd.read_csv(inp.typing), out.typing, main)
fig.latency(pd.read_csv(inp.latency), PAPER_TABLE14, out.latency)
