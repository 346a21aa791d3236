"""Agents: Table II parameter counts, QSAC actor wiring, determinism and kill/resume equality."""

import json

import numpy as np
import pytest
import torch
from conftest import QSAC_OUTPUTS, adapshare_split, killed_after_saves, outputs

from qrepro.papers.qsac.actor import QuantumActorBody
from qrepro.papers.qsac.agents import count_params, make_agent
from qrepro.papers.qsac.config import run_config
from qrepro.papers.qsac.env import DSSEnv
from qrepro.papers.qsac.run import train_run

TABLE_II = {"qsac": (377, 146_434), "sac": (73_476, 146_434), "td3": (72_962, 146_434), "ddpg": (72_962, 73_217)}


@pytest.fixture
def env():
    return DSSEnv(np.linspace(15, 27, 100), np.linspace(16, 26, 100))


@pytest.mark.parametrize("model", list(TABLE_II))
def test_table2_parameter_counts(model, env, smoke_cfg):
    agent = make_agent(model, env, smoke_cfg["qsac"]["agent"], smoke_cfg["qsac"]["quantum"], seed=0, buffer_size=100)
    c = count_params(agent)
    assert (c["n_actor_params"], c["n_critic_params"]) == TABLE_II[model]


def test_per_qubit_delta_gives_382_and_circuit_has_96_angles():
    body = QuantumActorBody(25, delta="per_qubit")
    heads = 2 * (18 * 2 + 2)
    assert sum(p.numel() for p in body.parameters()) + heads == 382
    assert body.circuit.n_weights + body.circuit.n_inputs == 72 + 12  # Rot angles + encoding angles
    with pytest.raises(ValueError, match="backend.*torch"):
        QuantumActorBody(25, backend="lightning")


def test_qsac_actions_in_unit_box_and_pennylane_backend_agrees(env):
    torch.manual_seed(0)
    fast = QuantumActorBody(25)
    slow = QuantumActorBody(25, backend="pennylane")
    slow.load_state_dict(fast.state_dict())
    obs = torch.rand(4, 25)
    assert torch.allclose(fast(obs), slow(obs), atol=1e-4)  # float32 path vs float64 PennyLane through LayerNorm


def _run(cfg, model, data_dir, out, steps=120):
    cfg = json.loads(json.dumps(cfg))
    cfg["qsac"]["tiers"]["smoke"].update(steps=steps, eval_steps=10)
    rc = run_config(cfg, "nr60", model)
    return train_run(rc, 3, adapshare_split(data_dir, cfg, "train"), adapshare_split(data_dir, cfg, "eval"), 40,
                     **outputs(out, QSAC_OUTPUTS))


@pytest.mark.parametrize("model", ["qsac", "td3"])
def test_killed_run_resumes_to_identical_numbers(model, smoke_cfg, adapshare_dir, tmp_path):
    full = _run(smoke_cfg, model, adapshare_dir, tmp_path / "full")
    with killed_after_saves(2):                                         # at step 80 of 120
        _run(smoke_cfg, model, adapshare_dir, tmp_path / "killed")
    assert (tmp_path / "killed" / "_metrics.state").exists() and not (tmp_path / "killed" / "metrics.json").exists()
    resumed = _run(smoke_cfg, model, adapshare_dir, tmp_path / "killed")
    skip = {"train_seconds"}
    same = lambda m: json.dumps({k: v for k, v in m.items() if k not in skip}, sort_keys=True)  # noqa: E731  NaN-safe
    assert same(resumed) == same(full)
    assert (tmp_path / "killed" / "train_log.csv").read_text() == (tmp_path / "full" / "train_log.csv").read_text()
    assert not (tmp_path / "killed" / "_metrics.state").exists()


def test_same_seed_same_numbers_other_seed_differs(smoke_cfg, adapshare_dir, tmp_path):
    a = _run(smoke_cfg, "sac", adapshare_dir, tmp_path / "a", steps=80)
    b = _run(smoke_cfg, "sac", adapshare_dir, tmp_path / "b", steps=80)
    assert a["DSR_LTE"] == b["DSR_LTE"] and a["train_regret"] == b["train_regret"]
    cfg = json.loads(json.dumps(smoke_cfg))
    cfg["qsac"]["tiers"]["smoke"].update(steps=80, eval_steps=10)
    c = train_run(run_config(cfg, "nr60", "sac"), 4, adapshare_split(adapshare_dir, cfg, "train"),
                  adapshare_split(adapshare_dir, cfg, "eval"), 40, **outputs(tmp_path / "c", QSAC_OUTPUTS))
    assert c["train_regret"] != a["train_regret"]


def test_state_from_another_config_is_ignored(smoke_cfg, adapshare_dir, tmp_path):
    with killed_after_saves(1):
        _run(smoke_cfg, "sac", adapshare_dir, tmp_path / "r")
    cfg = json.loads(json.dumps(smoke_cfg))
    cfg["qsac"]["agent"]["tau"] = 0.5
    out = _run(cfg, "sac", adapshare_dir, tmp_path / "r")
    fresh = _run(cfg, "sac", adapshare_dir, tmp_path / "fresh")
    assert out["train_regret"] == fresh["train_regret"]


def test_sb3_agents_leave_no_log_folders(tmp_path, monkeypatch):
    """SB3's default logger makes an empty tempdir/SB3-<time> folder on every learn(); ours must not."""
    import tempfile

    from stable_baselines3 import PPO

    from qrepro.sb3 import without_log_dir

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    PPO("MlpPolicy", "CartPole-v1", n_steps=16, batch_size=16, n_epochs=1, device="cpu").learn(16)
    litter = list(tmp_path.glob("SB3-*"))
    assert len(litter) == 1                                              # the default does litter
    litter[0].rmdir()
    without_log_dir(PPO("MlpPolicy", "CartPole-v1", n_steps=16, batch_size=16, n_epochs=1, device="cpu")).learn(32)
    assert list(tmp_path.glob("SB3-*")) == []


@pytest.mark.parametrize("model", list(TABLE_II))
def test_speed_settings_change_no_number_beyond_adam_rounding(model, env, smoke_cfg, monkeypatch):
    """Skipping SB3's repeated training-mode walks changes no number: 120 steps give the same weights as with
    every walk, and the modes are still set (no module here acts differently in the two, which the skip relies
    on). Adam's fused step, the optimiser of every network, stays within rounding of the per-tensor step."""
    import qrepro.papers.qsac.agents as sb3
    from stable_baselines3.common.policies import BasePolicy

    def trained(walk_always: bool):
        if walk_always:
            monkeypatch.setattr(sb3._SteadyMode, "set_training_mode", lambda self, mode: super(
                sb3._SteadyMode, self).set_training_mode(mode))
        agent = make_agent(model, env, smoke_cfg["qsac"]["agent"], smoke_cfg["qsac"]["quantum"], seed=0,
                           buffer_size=200)
        agent.learn(120)
        monkeypatch.undo()
        return agent

    fast, walked = trained(False), trained(True)
    assert all(g["fused"] for opt in (fast.actor.optimizer, fast.critic.optimizer) for g in opt.param_groups)
    a, b = fast.policy.state_dict(), walked.policy.state_dict()
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    untrained = make_agent(model, env, smoke_cfg["qsac"]["agent"], smoke_cfg["qsac"]["quantum"], seed=0,
                           buffer_size=200).policy.state_dict()
    assert not all(torch.equal(a[k], untrained[k]) for k in a)                # the steps did train
    assert not any(isinstance(m, (torch.nn.Dropout, torch.nn.modules.batchnorm._BatchNorm))
                   for m in fast.policy.modules())
    fast.predict(np.zeros(fast.observation_space.shape, np.float32))
    assert not fast.policy.training and not fast.actor.training and not fast.critic.training
    fast.policy.set_training_mode(True)
    assert fast.actor.training and fast.critic.training and isinstance(fast.policy, BasePolicy)
