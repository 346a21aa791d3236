from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.papers.cqdt.claims import PAPER_TABLE14
from qrepro.papers.cqdt import figures as fig

inp, out, main = snakemake.input, snakemake.output, snakemake.params.main_state
fig.scenarios(pd.read_csv(inp.episodes), out.scenarios, main)
fig.detection(pd.read_csv(inp.detection), out.detection)
fig.typing(pd.read_csv(inp.typing), out.typing, main)
fig.latency(pd.read_csv(inp.latency), PAPER_TABLE14, out.latency)
