"""Paper 004 team environment: observation layout (126), shared memory, metrics' expected values, seeding."""

import numpy as np
import pytest

from qrepro.papers.qimarl.env import OBS_DIM, UAVTeamEnv, greedy_move
from conftest import uav_config


def _run(env, rng, steps):
    for _ in range(steps):
        out = env.step(rng.integers(0, 5, env.cfg.n_uav), rng.integers(0, 3, env.cfg.n_uav),
                       rng.integers(0, 3, env.cfg.n_uav))
    return out


def test_observation_layout_and_out_of_map_cells():
    env = UAVTeamEnv(uav_config(), 0)
    env.reset(0)
    env.cells[0] = 0                                           # corner: 16 of 25 view cells are off the map
    obs = env.observe(env.empirical_maps())
    assert OBS_DIM == 126 and obs.shape == (10, 126)
    local = obs[0, :75].reshape(5, 5, 3)
    assert (local[:2, :, 0] == -3).all() and (local[:, :2, 0] == -3).all() and (local[2:, 2:, 0] == 0).all()
    assert obs[0, 75:77].tolist() == [0.0, 0.0] and obs[0, 77:80].tolist() == [1, 0, 0]   # x/G, y/G, power one-hot


def test_shared_memory_and_metric_expectations():
    env = UAVTeamEnv(uav_config(), 1)
    env.reset(0)
    out = _run(env, np.random.default_rng(0), 100)
    assert out["done"]
    z, unvisited = env.empirical_maps()
    seen = np.flatnonzero(unvisited == 0)
    assert len(seen) > 0 and np.all(np.abs(z[seen]) < 6)
    m = env.metrics()
    assert m["msg_kb"] == pytest.approx(10 * 100 * 16 * 0.95 / 1000, rel=0.05)    # spec: ~15.2 KB
    assert m["loc_err_m"] == pytest.approx(np.sqrt(np.pi / 2), rel=0.1)           # spec: ~1.25 m
    assert 0 < m["exploration_ratio"] <= 1


def test_starts_follow_the_episode_stream_and_greedy_moves_reach_targets():
    a, b = UAVTeamEnv(uav_config(), 2), UAVTeamEnv(uav_config(), 2)
    a.reset(5)
    b.reset(5)
    assert np.array_equal(a.cells, b.cells)
    b.reset(6)
    assert not np.array_equal(a.cells, b.cells)
    target = np.arange(10) * 37 % 400
    for _ in range(40):
        a.step(greedy_move(a, target), np.zeros(10, int), np.zeros(10, int))
    assert np.array_equal(a.cells, target)


def test_per_agent_maps_give_each_uav_its_own_view():
    """-shared memory: with one map per UAV, row i of the observation is what a team map equal to UAV i's own
    map would give UAV i (local window and block summary), and the team-map call is unchanged."""
    env = UAVTeamEnv(uav_config(n_uav=4, grid=12, horizon=5), 2)
    env.reset(0)
    _run(env, np.random.default_rng(1), 3)
    rng = np.random.default_rng(2)
    mu, sd = rng.normal(size=(4, 144)), rng.random((4, 144))
    per = env.observe((mu, sd))
    for i in range(4):
        np.testing.assert_array_equal(per[i], env.observe((mu[i], sd[i]))[i])
    assert not np.array_equal(per[0, :75], env.observe((mu[1], sd[1]))[0, :75])


def test_padding_matches_numpy_pad():
    from qrepro.papers.qimarl.env import _padded

    maps = np.arange(2 * 4 * 4, dtype=float).reshape(2, 4, 4)
    np.testing.assert_array_equal(_padded(maps, 2, -3.0), np.pad(maps, ((0, 0), (2, 2), (2, 2)), constant_values=-3.0))
    counts = np.arange(9).reshape(1, 3, 3)
    padded = _padded(counts, 2, 0)
    assert padded.dtype == counts.dtype and np.array_equal(padded, np.pad(counts, ((0, 0), (2, 2), (2, 2))))
