# Config validation, each paper's active tier, wildcard constraints and the fan-out helpers shared by the rule files.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "src"))
from qrepro.config import (ParamsError, cqdt_run_config, dickeqaoa_ansatze, dickeqaoa_problem, dickeqaoa_run_config,
                           qimarl_sweep_configs, qimarl_sweep_defaults, qimarl_sweep_overrides, qrlbench_cartpole_config,
                           qrlbench_run_config, qsac_run_config, tier, validate_params)
from qrepro.dvc_stages import code_digest
from qrepro.metrics.dss import REFERENCE_POLICIES
from qrepro.plan import Costs
from qrepro.provenance import record_run

try:
    validate_params(config, Path(workflow.basedir) / "workflow/schemas/params.schema.yaml")
except ParamsError as err:
    raise WorkflowError(str(err)) from None

QSAC_TIER = tier(config, "qsac")
QRLBENCH_TIER = tier(config, "qrlbench")
DICKEQAOA_TIER = tier(config, "dickeqaoa")
CQDT_TIER = tier(config, "cqdt")
QIMARL_TIER = tier(config, "qimarl")
ADAPSHARE = config["data"]["adapshare"]
QRLBENCH_MAIN_ENV = config["qrlbench"]["main_env"]
COSTS = Costs.load(Path(workflow.basedir) / "results/costs.csv")   # the default tier's measured costs, if present


def local_cores():
    """--cores of a local run; None on a cluster, where each job has its own allocation."""
    try:
        return workflow.cores
    except WorkflowError:
        return None


wildcard_constraints:
    qsac_config="|".join(config["qsac"]["configs"]),
    qsac_model="|".join(config["qsac"]["models"]),
    seed=r"\d+",
    qrl_model="|".join(dict.fromkeys(QRLBENCH_TIER["models"] + QRLBENCH_TIER["ppo_models"] + QRLBENCH_TIER["sweep_models"])),
    qrl_env="|".join(QRLBENCH_TIER["envs"]),
    qrl_algo="ddqn|ppo",
    cartpole_model="|".join(config["qrlbench"]["cartpole"]["models"]),
    variant="|".join(config["dickeqaoa"]["variants"]),
    ansatz="proposed|standard",
    n_nodes=r"\d+",
    scope="transpiled_all|logical|cx_only",
    p_err=r"[0-9.e-]+",
    state="ghz|cluster",
    qimarl_method="|".join(config["qimarl"]["methods"]),
    sweep_config=r"[a-z_]+=[0-9.e-]+(\+[a-z_]+=[0-9.e-]+)*",   # e.g. alpha_r=0.1+beta_r=0
    n_uav=r"\d+",
    grid=r"\d+",


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
    qimarl_scaling,
    qimarl_figures,
    ledger,


def library(script):
    """A digest of the library modules ``script`` imports, passed as the ``code`` param of the rules that run it, so
    that changing one reruns their jobs (Snakemake itself reruns a job when its script changes, not its imports)."""
    return code_digest(Path(workflow.basedir) / "workflow/scripts" / script, Path(workflow.basedir))


def measured(rule, runtime, mem_mb):
    """A rule's SLURM requests: priced from results/costs.csv (the default tier's benchmarks; qrepro.plan adds the
    margin and scales by the tier's work), else the given minutes and MB; each retry doubles them."""
    return dict(runtime=lambda wc, attempt: COSTS.runtime_min(rule, dict(wc.items()), config, runtime, attempt),
                mem_mb=lambda wc, attempt: COSTS.mem_mb(rule, dict(wc.items()), config, mem_mb, attempt))


def adapshare(split):
    """The (LTE, NR) demand files of the ``train`` or ``eval`` split, as the import rule writes them."""
    return [f"data/adapshare/{ADAPSHARE[split][net]}" for net in ("lte", "nr")]


def qsac_runs(pattern):
    return expand(pattern, qsac_config=QSAC_TIER["configs"], qsac_model=config["qsac"]["models"], seed=QSAC_TIER["seeds"])


def qrlbench_ddqn_models(env):
    """The models trained by DDQN on ``env``: every model on main_env (Fig. 6), sweep_models elsewhere (Fig. 20)."""
    return QRLBENCH_TIER["models"] if env == QRLBENCH_MAIN_ENV else QRLBENCH_TIER["sweep_models"]


def qrlbench_runs(pattern):
    """main_env: DDQN for every model, PPO for ppo_models (Fig. 6, 17); other envs: DDQN for sweep_models (Fig. 20)."""
    seeds = range(QRLBENCH_TIER["seeds"])
    runs = expand(pattern, qrl_env=QRLBENCH_MAIN_ENV, qrl_algo="ddqn", qrl_model=qrlbench_ddqn_models(QRLBENCH_MAIN_ENV),
                  seed=seeds)
    runs += expand(pattern, qrl_env=QRLBENCH_MAIN_ENV, qrl_algo="ppo", qrl_model=QRLBENCH_TIER["ppo_models"], seed=seeds)
    for env in QRLBENCH_TIER["envs"]:
        if env != QRLBENCH_MAIN_ENV:
            runs += expand(pattern, qrl_env=env, qrl_algo="ddqn", qrl_model=qrlbench_ddqn_models(env), seed=seeds)
    return runs


def qrlbench_shared_tables(wc):
    """The shared episode tables of a DDQN run's (env, seed), where more than one DDQN model trains on that env
    (else a run draws its own: sharing would only add a job)."""
    if wc.qrl_algo != "ddqn" or len(qrlbench_ddqn_models(wc.qrl_env)) < 2:
        return []
    return f"results/qrlbench/tables/{wc.qrl_env}/seed{wc.seed}.npz"


def cartpole_runs(pattern):
    return expand(pattern, cartpole_model=config["qrlbench"]["cartpole"]["models"],
                  seed=range(QRLBENCH_TIER["cartpole_seeds"]))


def dickeqaoa_runs(pattern):
    """Every QAOA run of the tier: variants x their ansaetze x N x seeds."""
    runs = []
    for v in DICKEQAOA_TIER["variants"]:
        runs += expand(pattern, variant=v, ansatz=dickeqaoa_ansatze(config, v), n_nodes=DICKEQAOA_TIER["N"],
                       seed=range(DICKEQAOA_TIER["seeds"]))
    return runs


def dickeqaoa_noise_cells():
    return expand("results/dickeqaoa/noise/{scope}/{ansatz}/p{p_err}.csv", scope=DICKEQAOA_TIER["scopes"],
                  ansatz=["proposed", "standard"], p_err=[f"{p:g}" for p in DICKEQAOA_TIER["p_err"]])


def cqdt_runs(pattern):
    return expand(pattern, state=CQDT_TIER["states"], seed=CQDT_TIER["seeds"])


def qimarl_runs():
    """Every main (method, seed) training log of paper 004."""
    return expand("results/qimarl/runs/{qimarl_method}/seed{seed}/episodes.csv", qimarl_method=config["qimarl"]["methods"],
                  seed=QIMARL_TIER["seeds"])
