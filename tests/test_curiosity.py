"""Paper 004 curiosity baselines: spec sizes, learning signals, running normalisation, use inside training."""

import numpy as np
import pytest
import torch
from conftest import learners, qi_config, uav_config

from qrepro.papers.qimarl.curiosity import ICM, RND, Curiosity, RunningStd, flat_action
from qrepro.papers.qimarl.run import train_run


def test_spec_sizes():
    icm = ICM(126)
    # encoder 126-128-128, inverse 256-256-128-45, forward (128 + 45)-256-128-128 (spec 2.6: "about 230k")
    assert sum(p.numel() for p in icm.parameters()) == 32_768 + 104_493 + 93_952 == 231_213
    rnd = RND(126)
    assert sum(p.numel() for p in rnd.predictor.parameters() if p.requires_grad) == 32_768
    assert not any(p.requires_grad for p in rnd.target.parameters())


def test_flat_action_enumerates_all_45():
    acts = np.array([[m, p, b] for m in range(5) for p in range(3) for b in range(3)])
    assert flat_action(acts).tolist() == list(range(45))


def test_running_std_matches_numpy():
    rs, x = RunningStd(), np.random.default_rng(0).normal(3, 2, 500)
    rs.update(x[:200])
    rs.update(x[200:])
    assert rs.std == pytest.approx(x.std(ddof=1)) and rs.mean == pytest.approx(x.mean())


def test_rnd_novelty_fades_on_a_repeated_observation():
    rnd = RND(126, lr=1e-3, seed=0)
    seen = np.random.default_rng(1).normal(size=(10, 126)).astype(np.float32)
    new = np.random.default_rng(2).normal(size=(10, 126)).astype(np.float32)
    first = rnd.reward(seen, None, seen).mean()
    for _ in range(200):
        last = rnd.reward(seen, None, seen).mean()
    assert last < 0.2 * first
    with torch.no_grad():
        x = torch.as_tensor(new)
        novel = ((rnd.predictor(x) - rnd.target(x)) ** 2).sum(-1).mean().item()
    assert novel > 2 * last                                   # unseen observations stay surprising


def test_rnd_memory_is_a_ring_of_the_latest_observations():
    """RND's replay memory keeps the last ``memory`` observations, the oldest overwritten first, across a wrap."""
    rnd = RND(4, memory=15, seed=0)
    rows = np.arange(25 * 4, dtype=np.float32).reshape(25, 4)
    for chunk in (rows[:10], rows[10:20], rows[20:]):
        rnd.reward(chunk, None, chunk)
    assert rnd.filled == 15 and rnd.ptr == 25 % 15
    assert np.array_equal(rnd.memory[:10], rows[15:25]) and np.array_equal(rnd.memory[10:], rows[10:15])


def test_icm_learns_a_deterministic_transition():
    icm = ICM(126, lr=1e-3, seed=0)
    rng = np.random.default_rng(3)
    s = rng.normal(size=(10, 126)).astype(np.float32)
    acts = np.stack([rng.integers(0, k, 10) for k in (5, 3, 3)], 1)
    s2 = s + 0.5
    r0 = icm.reward(s, acts, s2).mean()
    losses = []
    for _ in range(60):
        for _ in range(10):
            icm.reward(s, acts, s2)
        losses.append(icm.end_episode())
    assert losses[-1] < 0.5 * losses[0] and icm.reward(s, acts, s2).mean() < r0


def test_bad_curiosity_kind_is_named():
    with pytest.raises(ValueError, match="curiosity kind must be 'icm' or 'rnd'"):
        Curiosity("ngu", 126)


@pytest.mark.parametrize("method", ["icm", "rnd", "qi_icm"])
def test_curiosity_methods_train_and_log_their_bonus(tmp_path, method):
    df = train_run(method, uav_config(n_uav=3, grid=8, horizon=12), 1, 2, tmp_path / "episodes.csv",
                   qi=qi_config(qaoa_every=6, maxiter=10, maxiter_warm=10, shots=64, final_shots=128), **learners())
    assert df.intrinsic_reward.notna().all() and (df.intrinsic_reward > 0).all()
    assert df.gp_var_mean.notna().all() == (method == "qi_icm")
