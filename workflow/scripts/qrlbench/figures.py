from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.papers.qrlbench.config import parse_env
from qrepro.papers.qrlbench import figures as fig

main = snakemake.params.main_env
curves = pd.read_csv(snakemake.input.curves)
sc = pd.read_csv(snakemake.input.sc)
fig.validation_curves(curves[curves.env == main], snakemake.output.curves)
fig.sample_complexity(sc, snakemake.output.sample_complexity, f"{main}/ddqn")
fig.sample_complexity(sc, snakemake.output.ppo_sample_complexity, f"{main}/ppo")
fig.surface(pd.read_csv(snakemake.input.surface), snakemake.output.surface)
main_ddqn = sc[sc.config == f"{main}/ddqn"]
fig.size_scaling(main_ddqn, curves[(curves.env == main) & (curves.algo == "ddqn")], snakemake.output.size)
fig.sweeps(sc, parse_env(main)[0], snakemake.output.sweeps)
fig.cartpole(curves, sc, snakemake.output.cartpole)
fig.estimator_bias(pd.read_csv(snakemake.input.bias), snakemake.output.estimator_bias)
fig.policy_test(pd.read_csv(snakemake.input.policy_test), snakemake.output.policy_test)
