from qrepro.logs import start_job

start_job(snakemake)
import pandas as pd

from qrepro.papers.qrlbench.aggregate import aggregate
from qrepro.papers.qrlbench.bias import BIAS_SCHEMA
from qrepro.papers.qrlbench.policy_test import POLICY_TEST_SCHEMA

p = snakemake.params
bias = BIAS_SCHEMA.validate(pd.read_csv(snakemake.input.bias))
policy_test = POLICY_TEST_SCHEMA.validate(pd.read_csv(snakemake.input.policy_test))
aggregate(list(snakemake.input.curves), p.sc, p.surface, p.seed, p.main_env, p.cartpole_sc, bias, policy_test,
          ablation_cell=p.ablation_cell, sweep_grid=p.sweep_grid, **snakemake.output)
