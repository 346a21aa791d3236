# Config validation and the fan-out helpers shared by all rule files.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "src"))
from qrepro.config import (ParamsError, cqdt_run_config, dickeqaoa_ansatze, dickeqaoa_problem, dickeqaoa_run_config,
                           qimarl_sweep_configs, qimarl_sweep_overrides, qrlbench_cartpole_config, qrlbench_run_config,
                           qsac_run_config, tier, validate_params)

try:
    validate_params(config, Path(workflow.basedir) / "workflow/schemas/params.schema.yaml")
except ParamsError as err:
    raise WorkflowError(str(err)) from None

QSAC = tier(config, "qsac")
QRL = tier(config, "qrlbench")
DQ = tier(config, "dickeqaoa")
CQ = tier(config, "cqdt")
QI = tier(config, "qimarl")
ADAPSHARE_FILES = list(config["data"]["adapshare"]["files"])


wildcard_constraints:
    config="|".join(config["qsac"]["configs"]),
    model="|".join(config["qsac"]["models"]),
    seed=r"\d+",
    qmodel="|".join(dict.fromkeys(QRL["models"] + QRL["ppo_models"] + QRL["sweep_models"])),
    env="|".join(QRL["envs"]),
    algo="ddqn|ppo",
    cpmodel="|".join(config["qrlbench"]["cartpole"]["models"]),
    variant="|".join(config["dickeqaoa"]["variants"]),
    ansatz="proposed|standard",
    qn=r"\d+",
    scope="transpiled_all|logical|cx_only",
    perr=r"[0-9.e-]+",
    state="ghz|cluster",
    qmethod="|".join(config["qimarl"]["methods"]),
    sconfig=r"[a-z_]+=[0-9.e-]+(\+[a-z_]+=[0-9.e-]+)*",   # e.g. alpha_r=0.1+beta_r=0


localrules:
    all,
    import_adapshare,
    qsac_aggregate,
    qsac_figures,
    qsac_sample_complexity,
    qrlbench_aggregate,
    qrlbench_layouts,
    qrlbench_estimator_bias,
    qrlbench_figures,
    report,
    dickeqaoa_baselines,
    dickeqaoa_dual,
    dickeqaoa_aggregate,
    dickeqaoa_figures,
    cqdt_physics,
    cqdt_aggregate,
    cqdt_sample_complexity,
    cqdt_figures,
    qimarl_sample_complexity,
    qimarl_aggregate,
    qimarl_sensitivity,
    qimarl_figures,


def qimarl_runs():
    """Every main (method, seed) training log of paper 004."""
    return expand("results/qimarl/{qmethod}/seed{seed}/episodes.csv", qmethod=config["qimarl"]["methods"], seed=QI["seeds"])


def qsac_runs(pattern):
    return expand(pattern, config=QSAC["configs"], model=config["qsac"]["models"], seed=QSAC["seeds"])


def qrlbench_runs(pattern):
    """main_env: DDQN for every model, PPO for ppo_models (Fig. 6, 17); other envs: DDQN for sweep_models (Fig. 20)."""
    main, seeds = config["qrlbench"]["main_env"], range(QRL["seeds"])
    runs = expand(pattern, env=main, algo="ddqn", qmodel=QRL["models"], seed=seeds)
    runs += expand(pattern, env=main, algo="ppo", qmodel=QRL["ppo_models"], seed=seeds)
    sweeps = [e for e in QRL["envs"] if e != main]
    return runs + expand(pattern, env=sweeps, algo="ddqn", qmodel=QRL["sweep_models"], seed=seeds)


def dickeqaoa_runs(pattern):
    """Every QAOA run of the tier: variants x their ansaetze x N x seeds."""
    runs = []
    for v in DQ["variants"]:
        runs += expand(pattern, variant=v, ansatz=dickeqaoa_ansatze(config, v), qn=DQ["N"], seed=range(DQ["seeds"]))
    return runs


def dickeqaoa_noise_files():
    return expand("results/dickeqaoa/noise/{scope}/{ansatz}/p{perr}.csv", scope=DQ["scopes"],
                  ansatz=["proposed", "standard"], perr=[f"{p:g}" for p in DQ["p_err"]])
