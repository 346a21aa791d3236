"""Paper 004 off-policy baselines: spec sizes, the proto-action mapping by hand, annealing, training and resume."""

import numpy as np
import pytest
import torch
from conftest import learners, offpolicy_config, qi_config, uav_config

from qrepro.papers.qimarl.learner import QIMARL
from qrepro.papers.qimarl.offpolicy import IQL, MADDPG, proto_to_discrete
from qrepro.papers.qimarl.run import train_run


def test_spec_sizes():
    ddpg = MADDPG(126, 350, 10, 100, offpolicy_config())
    n = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    assert n(ddpg.actor) == 126 * 128 + 128 + 128 * 64 + 64 + 64 * 4 + 4
    assert n(ddpg.critic) == (350 + 40) * 256 + 256 + 256 * 128 + 128 + 128 + 1
    assert n(IQL(126, 10, 100, offpolicy_config()).q) == 126 * 128 + 128 + 128 * 64 + 64 + 64 * 45 + 45


def test_proto_action_mapping_by_hand():
    proto = np.array([[0.1, 0.1, -0.5, 0.5],      # small (dx, dy): hover; power low, beam high
                      [0.9, 0.2, 0.0, -0.2],      # +x; middle levels
                      [-0.2, -0.8, 0.34, -0.34],  # -y; high power, low beam
                      [-0.7, 0.6, 0.0, 0.0]])     # -x wins the dot product (0.7 > 0.6)
    np.testing.assert_array_equal(proto_to_discrete(proto), [[0, 0, 2], [1, 1, 1], [4, 2, 0], [2, 1, 1]])


def test_exploration_anneals_over_the_first_half():
    agent = IQL(126, 3, total_episodes=10, cfg=offpolicy_config(warmup_episodes=0, updates_per_episode=1,
                                                                 batch=4))
    obs = np.zeros((3, 126), np.float32)
    ents = []
    for _ in range(7):
        _, _, h = agent.act(obs)
        ents.append(h)
        agent.store(obs, np.zeros(5), None, None, np.ones(3))
        agent.update(np.zeros(5))
    assert ents[0] == pytest.approx(np.log(45))                     # epsilon 1: uniform over 45 actions
    assert ents[0] > ents[3] > ents[5] == pytest.approx(ents[6])    # 0.05 from episode 5 = half of 10 on


def test_maddpg_critic_learns_a_constant_reward():
    agent = MADDPG(6, 4, 2, total_episodes=50, cfg=offpolicy_config(warmup_episodes=0, updates_per_episode=50,
                                                                    batch=32, gamma=0.0, critic_lr=1e-2))
    rng = np.random.default_rng(0)
    for _ in range(4):
        for _ in range(10):
            obs = rng.normal(size=(2, 6)).astype(np.float32)
            agent.act(obs)
            agent.store(obs, rng.normal(size=4).astype(np.float32), None, None, np.full(2, 0.7))
        agent.update(rng.normal(size=4).astype(np.float32))
    _, s, a, *_ = agent.replay.sample(rng, 64)                      # gamma = 0: Q(s, a) = r on what it saw
    q = agent.critic(torch.cat([s, a.reshape(64, -1)], 1)).detach()
    assert abs(q.mean().item() - 0.7) < 0.05 and (q - 0.7).abs().mean().item() < 0.1


@pytest.mark.parametrize("method", ["ddpg", "iql"])
def test_offpolicy_methods_train_and_resume_exactly(tmp_path, method, monkeypatch):
    cfg, qi = uav_config(n_uav=3, grid=8, horizon=12), qi_config()
    full = train_run(method, cfg, 4, 8, tmp_path / "full.csv", qi=qi, **learners(), checkpoint_every=3)
    assert len(full) == 8 and full.policy_entropy.between(0, np.log(45)).all()
    real = QIMARL.run_episode
    calls = {"n": 0}

    def dying(self):
        calls["n"] += 1
        if calls["n"] == 7:                     # after the checkpoint at 6, with updates past the warm-up
            raise KeyboardInterrupt("killed")
        return real(self)
    monkeypatch.setattr(QIMARL, "run_episode", dying)
    with pytest.raises(KeyboardInterrupt):
        train_run(method, cfg, 4, 8, tmp_path / "killed.csv", qi=qi, **learners(), checkpoint_every=3)
    monkeypatch.setattr(QIMARL, "run_episode", real)
    resumed = train_run(method, cfg, 4, 8, tmp_path / "killed.csv", qi=qi, **learners(), checkpoint_every=3)
    cols = [c for c in full.columns if not c.endswith("time_s")]
    assert resumed[cols].equals(full[cols])
