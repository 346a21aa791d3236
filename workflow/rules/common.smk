# Config validation and the fan-out helpers shared by all rule files.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(workflow.basedir) / "src"))
from qrepro.config import ParamsError, qrlbench_run_config, qsac_run_config, tier, validate_params

try:
    validate_params(config, Path(workflow.basedir) / "workflow/schemas/params.schema.yaml")
except ParamsError as err:
    raise WorkflowError(str(err)) from None

QSAC = tier(config, "qsac")
QRL = tier(config, "qrlbench")
ADAPSHARE_FILES = list(config["data"]["adapshare"]["files"])


wildcard_constraints:
    config="|".join(config["qsac"]["configs"]),
    model="|".join(config["qsac"]["models"]),
    seed=r"\d+",
    qmodel="|".join(dict.fromkeys(QRL["models"] + QRL["ppo_models"] + QRL["sweep_models"])),
    env="|".join(QRL["envs"]),
    algo="ddqn|ppo",


localrules:
    all,
    import_adapshare,
    qsac_aggregate,
    qsac_figures,
    qsac_sample_complexity,
    qrlbench_aggregate,
    qrlbench_layouts,
    qrlbench_figures,
    report,


def qsac_runs(pattern):
    return expand(pattern, config=QSAC["configs"], model=config["qsac"]["models"], seed=QSAC["seeds"])


def qrlbench_runs(pattern):
    """main_env: DDQN for every model, PPO for ppo_models (Fig. 6, 17); other envs: DDQN for sweep_models (Fig. 20)."""
    main, seeds = config["qrlbench"]["main_env"], range(QRL["seeds"])
    runs = expand(pattern, env=main, algo="ddqn", qmodel=QRL["models"], seed=seeds)
    runs += expand(pattern, env=main, algo="ppo", qmodel=QRL["ppo_models"], seed=seeds)
    sweeps = [e for e in QRL["envs"] if e != main]
    return runs + expand(pattern, env=sweeps, algo="ddqn", qmodel=QRL["sweep_models"], seed=seeds)
