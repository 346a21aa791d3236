import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("QREPRO_ADAPSHARE", ROOT.parent / "shared" / "data" / "adapshare")).resolve()


@pytest.fixture(scope="session")
def adapshare_dir(tmp_path_factory):
    """Imported (checksum-verified) AdapShare files, as the pipeline's import rule produces them."""
    if not SHARED_DATA.exists():
        pytest.fail(f"AdapShare data not found at {SHARED_DATA}; set QREPRO_ADAPSHARE")
    from qrepro.config import load_params
    from qrepro.papers.qsac.adapshare import import_files

    cfg = load_params(ROOT / "params.yaml")
    out = tmp_path_factory.mktemp("adapshare")
    files = cfg["data"]["adapshare"]["files"]
    import_files(files, [str(SHARED_DATA)], {name: out / name for name in files}, out / "manifest.json")
    return out


@pytest.fixture
def smoke_cfg():
    from qrepro.config import load_params

    return load_params(ROOT / "params.yaml", {"tier": "smoke"})


def copy_project(dest: Path, tier: str = "smoke", overrides: dict | None = None) -> Path:
    """A runnable copy of the workflow in ``dest`` (tests never write into the repo)."""
    for item in ["Snakefile", "params.yaml", "dvc.yaml", ".dvcignore", ".gitignore"]:
        shutil.copy(ROOT / item, dest / item)
    for d in ["workflow", "profiles", "src"]:
        shutil.copytree(ROOT / d, dest / d, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    params = yaml.safe_load((dest / "params.yaml").read_text())
    params["tier"] = tier
    params["data"]["source"] = str(SHARED_DATA)
    params["data"]["fallback"] = []
    from qrepro.config import deep_merge

    params = deep_merge(params, overrides or {})
    (dest / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    return dest


@contextmanager
def killed_after_saves(n: int):
    """Simulate ``kill -9`` of any run right after its n-th run-state checkpoint (the state stays as written)."""
    from qrepro.runstate import RunState

    real, calls = RunState.save, {"n": 0}

    def save(self, payload):
        real(self, payload)
        calls["n"] += 1
        if calls["n"] >= n:
            raise KeyboardInterrupt(f"simulated kill after checkpoint {n}")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(RunState, "save", save)
        with pytest.raises(KeyboardInterrupt, match="simulated kill"):
            yield


QSAC_OUTPUTS = {"metrics": "metrics.json", "train_log": "train_log.csv", "eval_ts": "eval_timeseries.csv",
                "model": "model.zip"}
QRL_OUTPUTS = {"curve": "curve.csv", "run": "run.json", "policy": "policy.pt"}
DQ_OUTPUTS = {"record": "run.json", "trace": "trace.csv"}


def outputs(out_dir, names: dict) -> dict:
    """A runner's output paths inside ``out_dir``, as its rule declares them (``name -> file``)."""
    return {key: Path(out_dir) / file for key, file in names.items()}


def adapshare_split(data_dir, cfg: dict, split: str) -> tuple[Path, Path]:
    """The (LTE, NR) demand files of the ``train`` or ``eval`` split."""
    names = cfg["data"]["adapshare"][split]
    return Path(data_dir) / names["lte"], Path(data_dir) / names["nr"]


def _params() -> dict:
    return yaml.safe_load((ROOT / "params.yaml").read_text())


def qi_config(**overrides):
    """QI-MARL's settings as params.yaml sets them, with a test's overrides."""
    from qrepro.papers.qimarl.learner import QIConfig

    return QIConfig.from_params(_params()["qimarl"]["qi"], **overrides)


def uav_config(**overrides):
    """The UAV world as params.yaml sets it (``qimarl.env``), with a test's overrides (e.g. a small team)."""
    from qrepro.papers.qimarl.world import UAVConfig

    return UAVConfig.from_params(_params()["qimarl"]["env"], **overrides)


def ppo_config(**overrides):
    """QI-MARL's MAPPO settings as params.yaml sets them (``qimarl.ppo``), with a test's overrides."""
    from qrepro.papers.qimarl.mappo import PPOConfig

    return PPOConfig(**{**_params()["qimarl"]["ppo"], **overrides})


def offpolicy_config(**overrides):
    """The off-policy baselines' settings as params.yaml sets them (``qimarl.offpolicy``), with overrides."""
    from qrepro.papers.qimarl.offpolicy import OffPolicyConfig

    return OffPolicyConfig.from_params(_params()["qimarl"]["offpolicy"], **overrides)


def learners() -> dict:
    """QI-MARL's learners as params.yaml sets them: ``train_run(..., **learners())``."""
    return {"ppo": ppo_config(), "offpolicy": offpolicy_config()}


def loop_config(state: str = "ghz", steps: int = 50, **overrides):
    """One CQDT loop as params.yaml sets it (``cqdt.loop``), with a test's state, steps and overrides."""
    from qrepro.papers.cqdt.env import LoopConfig

    return LoopConfig.from_params(_params()["cqdt"]["loop"], state, steps, **overrides)


def ddqn_config(tier: str = "default", model: str = "C16-2", **overrides):
    """DDQN's settings of a run at ``tier`` as params.yaml sets them, with a test's overrides."""
    from dataclasses import replace

    from qrepro.config import load_params
    from qrepro.papers.qrlbench.config import run_config
    from qrepro.papers.qrlbench.run import ddqn_config as build

    return replace(build(run_config(load_params(ROOT / "params.yaml", {"tier": tier}), model)), **overrides)


def vpg_config(**overrides):
    """CartPole VPG's settings as params.yaml sets them (the classical lr), with a test's overrides."""
    from qrepro.papers.qrlbench.vpg import VPGConfig

    cp = _params()["qrlbench"]["cartpole"]["vpg"]
    return VPGConfig(**{"lr": cp["lr_classical"], **{k: cp[k] for k in ("batch_episodes", "gamma", "val_episodes")},
                        **overrides})
