"""The run-state contract: every branch of RunState, and for every paper's runner a kill followed by a params
change (or a damaged state file) gives exactly a fresh run under the new params, with a warning naming the file."""

import json
import logging
import sys

import pandas as pd
import pytest
from conftest import (DQ_OUTPUTS, QRL_OUTPUTS, QSAC_OUTPUTS, adapshare_split, killed_after_saves, offpolicy_config,
                      outputs, ppo_config, qi_config, uav_config)

from qrepro.runstate import RunState

WARN = "qrepro.runstate"


def test_fresh_save_load_and_clear(tmp_path):
    st = RunState.beside(tmp_path / "run" / "metrics.json", {"lr": 1})
    assert st.path == tmp_path / "run" / "_metrics.state"
    assert st.load() is None
    st.save({"step": 3, "rows": [1, 2]})
    assert RunState(st.path, {"lr": 1}).load() == {"step": 3, "rows": [1, 2]}
    st.clear()
    assert not st.path.exists() and st.load() is None


def test_state_of_another_config_is_moved_aside_with_both_hashes(tmp_path, caplog):
    old = RunState(tmp_path / "_x.state", {"lr": 1})
    old.save("old")
    new = RunState(tmp_path / "_x.state", {"lr": 2})
    with caplog.at_level(logging.WARNING, logger=WARN):
        assert new.load() is None
    assert old.config_hash in caplog.text and new.config_hash in caplog.text and "_x.state" in caplog.text
    aside = list(tmp_path.glob("_x.state.other-config-*"))
    assert len(aside) == 1 and not new.path.exists()
    assert RunState(aside[0], {"lr": 1}).load() == "old"      # kept intact for whoever wants it


@pytest.mark.parametrize("damage", ["truncate", "garbage", "flip", "empty"])
def test_damaged_state_is_moved_aside_never_resumed(tmp_path, caplog, damage):
    st = RunState(tmp_path / "_x.state", {"lr": 1})
    st.save(list(range(1000)))
    raw = st.path.read_bytes()
    st.path.write_bytes({"truncate": raw[: len(raw) // 2], "garbage": b"PK\x03\x04 not a state",
                         "flip": raw[:-5] + bytes([raw[-5] ^ 1]) + raw[-4:], "empty": b""}[damage])
    with caplog.at_level(logging.WARNING, logger=WARN):
        assert st.load() is None
    assert "cannot be read back" in caplog.text and str(st.path) in caplog.text
    assert len(list(tmp_path.glob("_x.state.unreadable-*"))) == 1 and not st.path.exists()
    st.save("again")                                           # and the run carries on checkpointing
    assert st.load() == "again"


class Renamed:
    """A payload class that a later version of the code no longer has."""


def test_state_this_code_cannot_unpickle_is_moved_aside(tmp_path, caplog, monkeypatch):
    st = RunState(tmp_path / "_x.state", {})
    st.save(Renamed())
    monkeypatch.delattr(sys.modules[__name__], "Renamed")
    with caplog.at_level(logging.WARNING, logger=WARN):
        assert st.load() is None
    assert "AttributeError" in caplog.text and len(list(tmp_path.glob("_x.state.unreadable-*"))) == 1


def _truncate(path):
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])


def _check_runner(tmp_path, caplog, run, config_a, config_b, same):
    """The contract for one runner: ``run(config, out_dir)`` -> result; kill under A + rerun under B == fresh B;
    kill under B + truncated state + rerun == fresh B. ``same(x, y)`` compares results, timing aside."""
    fresh = run(config_b, tmp_path / "fresh")
    with killed_after_saves(1):
        run(config_a, tmp_path / "edited")
    assert list((tmp_path / "edited").rglob("_*.state"))
    with caplog.at_level(logging.WARNING, logger=WARN):
        edited = run(config_b, tmp_path / "edited")
    assert "was written by config" in caplog.text
    same(edited, fresh)
    caplog.clear()
    with killed_after_saves(1):
        run(config_b, tmp_path / "damaged")
    (state,) = (tmp_path / "damaged").rglob("_*.state")
    _truncate(state)
    with caplog.at_level(logging.WARNING, logger=WARN):
        damaged = run(config_b, tmp_path / "damaged")
    assert "cannot be read back" in caplog.text and state.name in caplog.text
    same(damaged, fresh)
    assert not list((tmp_path / "damaged").rglob("_*.state"))      # done: the live state is cleared


def _frames_equal(drop):
    def same(a, b):
        pd.testing.assert_frame_equal(a.drop(columns=[c for c in drop if c in a]),
                                      b.drop(columns=[c for c in drop if c in b]))
    return same


def test_qsac_runner(tmp_path, caplog, smoke_cfg, adapshare_dir):
    from qrepro.papers.qsac.config import run_config as qsac_run_config
    from qrepro.papers.qsac.run import train_run

    cfg = json.loads(json.dumps(smoke_cfg))
    cfg["qsac"]["tiers"]["smoke"].update(steps=90, eval_steps=10)
    a = qsac_run_config(cfg, "nr60", "sac")
    b = json.loads(json.dumps(a))
    b["agent"]["critic_lr"] = 1e-3

    def run(rc, out):
        train_run(rc, 3, adapshare_split(adapshare_dir, cfg, "train"), adapshare_split(adapshare_dir, cfg, "eval"), 30,
                  **outputs(out, QSAC_OUTPUTS))
        return pd.read_csv(out / "train_log.csv"), json.loads((out / "metrics.json").read_text())

    def same(x, y):
        pd.testing.assert_frame_equal(x[0], y[0])
        skip = {"train_seconds"}
        assert json.dumps({k: v for k, v in x[1].items() if k not in skip}, sort_keys=True) == \
            json.dumps({k: v for k, v in y[1].items() if k not in skip}, sort_keys=True)
    _check_runner(tmp_path, caplog, run, a, b, same)


@pytest.mark.parametrize("algo", ["ddqn", "vpg"])
def test_qrlbench_runner(tmp_path, caplog, smoke_cfg, algo):
    from qrepro.papers.qrlbench.config import cartpole_config as qrlbench_cartpole_config
    from qrepro.papers.qrlbench.config import run_config as qrlbench_run_config
    from qrepro.papers.qrlbench.run import train_run

    if algo == "vpg":
        a = dict(qrlbench_cartpole_config(smoke_cfg, "Q4-1"), epochs=3)
        b = json.loads(json.dumps(a))
        b["vpg"]["lr"] = 0.05
    else:
        smoke_cfg["qrlbench"]["ddqn"]["steps_per_epoch"] = 200
        smoke_cfg["qrlbench"]["env"]["horizon"] = 20
        smoke_cfg["qrlbench"]["tiers"]["smoke"].update(epochs=3, val_envs=4)
        a = qrlbench_run_config(smoke_cfg, "Q3-1")
        b = json.loads(json.dumps(a))
        b["ddqn"]["lr_quantum"] = 5e-3
    _check_runner(tmp_path, caplog, lambda rc, out: train_run(rc, 1, **outputs(out, QRL_OUTPUTS)), a, b,
                  _frames_equal(["seconds"]))


def test_dickeqaoa_runners(tmp_path, caplog, smoke_cfg):
    from qrepro.papers.dickeqaoa import circuit_runs as dqc
    from qrepro.papers.dickeqaoa import run as dq
    from qrepro.papers.dickeqaoa.config import problem as dickeqaoa_problem
    from qrepro.papers.dickeqaoa.config import run_config as dickeqaoa_run_config

    problem = dickeqaoa_problem(smoke_cfg)
    a = dickeqaoa_run_config(smoke_cfg, "paper", "standard", 5, 1)
    b = dict(a, shots=256)

    def strip(r):
        return {k: v for k, v in r.items() if k != "wall_s"}

    def same(x, y):
        assert strip(x) == strip(y)
    _check_runner(tmp_path / "qaoa", caplog, lambda run, out: dq.optimise_run(problem, run, **outputs(out, DQ_OUTPUTS)),
                  a, b, same)
    caplog.clear()
    params = {"proposed": {"gamma": 0.7, "beta": 0.4}, "standard": {"gamma": 0.1, "beta": 2.8}}
    noise = lambda shots, out: dqc.noise_run(problem, 4, "proposed", "transpiled_all", 0.05, params, 2, shots, 7,  # noqa: E731
                                             out / "p0.05.csv")
    _check_runner(tmp_path / "noise", caplog, noise, 128, 256, _frames_equal(["wall_s"]))


def test_cqdt_runner(tmp_path, caplog, smoke_cfg):
    from qrepro.papers.cqdt.config import run_config as cqdt_run_config
    from qrepro.papers.cqdt.run import run as cqdt_run

    params, tier = cqdt_run_config(smoke_cfg)
    tier = dict(tier, episodes=3, steps=4, train_episodes=2)
    other = json.loads(json.dumps(params))
    other["reinforce"]["lr"] = 1e-2
    names = ("episodes", "detection", "typing", "t13", "training")

    def run(p, out):
        cqdt_run(p, tier, "ghz", 5, **{n: out / f"{n}.csv" for n in names})
        return {n: pd.read_csv(out / f"{n}.csv") for n in names}

    def same(x, y):
        for n in names:
            drop = [c for c in x[n] if c.startswith("t_inf")]
            pd.testing.assert_frame_equal(x[n].drop(columns=drop), y[n].drop(columns=drop))
    _check_runner(tmp_path, caplog, run, params, other, same)


@pytest.mark.parametrize("change", ["horizon", "sweep"])
def test_qimarl_runner(tmp_path, caplog, change):
    """A run killed after its first checkpoint, rerun after ``qimarl.env.horizon`` changed,
    must not continue the old state; a sweep run whose knob changed likewise."""
    from qrepro.papers.qimarl.run import train_run

    base = {"env": uav_config(n_uav=3, grid=8, horizon=12),
            "qi": qi_config(qaoa_every=6, maxiter=10, maxiter_warm=10, shots=64, final_shots=128)}
    edited = dict(base, env=uav_config(n_uav=3, grid=8, horizon=8)) if change == "horizon" else \
        dict(base, qi=qi_config(qaoa_every=6, maxiter=10, maxiter_warm=10, shots=64, final_shots=128, kappa_ucb=2.0))
    run = lambda c, out: train_run("qimarl", c["env"], 3, 3, out / "episodes.csv", qi=c["qi"], ppo=ppo_config(),  # noqa: E731
                                   offpolicy=offpolicy_config(), checkpoint_every=1)
    _check_runner(tmp_path, caplog, run, base, edited, _frames_equal(["qaoa_time_s", "episode_time_s"]))
