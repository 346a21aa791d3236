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
    qmodel="|".join(dict.fromkeys(QRL["models"] + QRL["ppo_models"])),
    algo="ddqn|ppo",


localrules:
    all,
    import_adapshare,
    qsac_aggregate,
    qsac_figures,
    qsac_sample_complexity,
    qrlbench_aggregate,
    qrlbench_figures,
    report,


def qsac_runs(pattern):
    return expand(pattern, config=QSAC["configs"], model=config["qsac"]["models"], seed=QSAC["seeds"])


def qrlbench_runs(pattern):
    """DDQN runs for every model and PPO runs for the tier's ppo_models (paper Fig. 6 and Fig. 17)."""
    runs = expand(pattern, algo="ddqn", qmodel=QRL["models"], seed=range(QRL["seeds"]), allow_missing=True)
    runs += expand(pattern, algo="ppo", qmodel=QRL["ppo_models"], seed=range(QRL["seeds"]), allow_missing=True)
    return runs
