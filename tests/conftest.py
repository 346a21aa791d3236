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
    from qrepro.data.adapshare import import_files

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


def qi_config(**overrides):
    """QI-MARL's settings as params.yaml sets them, with a test's overrides."""
    from qrepro.agents.qimarl import QIConfig

    return QIConfig.from_params(yaml.safe_load((ROOT / "params.yaml").read_text())["qimarl"]["qi"], **overrides)


def assert_fused_adam_within_rounding(opt, steps: int = 3):
    """``opt`` is Adam with the fused step on every group, and ``steps`` of it from the same gradients stay within
    float32 rounding of the per-tensor step at the same learning rates. (Over a whole run the two drift apart:
    Adam's normalised step turns rounding in near-zero gradients into full-size steps, so runs compare by seed
    noise, not by tolerance.)"""
    import torch

    assert all(g["fused"] for g in opt.param_groups)
    groups = [[p.detach().clone().requires_grad_() for p in g["params"]] for g in opt.param_groups]
    twins = [[p.detach().clone().requires_grad_() for p in g] for g in groups]
    fused = torch.optim.Adam([{"params": g, "lr": o["lr"]} for g, o in zip(groups, opt.param_groups)], fused=True)
    plain = torch.optim.Adam([{"params": g, "lr": o["lr"]} for g, o in zip(twins, opt.param_groups)],
                             foreach=False)
    gen = torch.Generator().manual_seed(0)
    for _ in range(steps):
        for p, q in zip(sum(groups, []), sum(twins, [])):
            p.grad = torch.randn(p.shape, generator=gen)
            q.grad = p.grad.clone()
        fused.step(), plain.step()
    moved = [(p - p0).abs().max() for p, p0 in zip(sum(groups, []), sum((g["params"] for g in opt.param_groups), []))]
    assert min(moved) > 0
    assert all(torch.allclose(p, q, rtol=1e-6, atol=1e-7) for p, q in zip(sum(groups, []), sum(twins, [])))
