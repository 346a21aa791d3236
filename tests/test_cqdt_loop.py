"""CQDT loop layer: gymnasium API, REINFORCE size and learning, detection metrics by hand, run determinism."""

import numpy as np
import pandas as pd
import pytest
from gymnasium.utils.env_checker import check_env

from conftest import loop_config

from qrepro.papers.cqdt.config import run_config
from qrepro.papers.cqdt.detection import binary_metrics, calibrate
from qrepro.papers.cqdt.env import CQDTEnv, attack_params, simulate_episode
from qrepro.papers.cqdt.reinforce import LinearSoftmaxPolicy, train_reinforce
from qrepro.papers.cqdt.run import run


def test_env_follows_the_gymnasium_api():
    env = CQDTEnv(loop_config(steps=5), "T12", ["S1", "S9"], seed=0)
    check_env(env, skip_render_check=True)
    obs, info = env.reset(seed=3)
    assert obs.shape == (3,) and info["scenario"] in ("S1", "S9")
    total = 0
    for t in range(5):
        obs, r, term, trunc, _ = env.step(1)
        total += 1
        assert r <= 0 and not term and trunc == (t == 4)


def test_typed_scenarios_sample_inside_their_bins_and_label_the_channel():
    rng = np.random.default_rng(0)
    for _ in range(50):
        p = attack_params("TYPED", "S9", rng)          # AD, high bin: truncated normal in [0.35, 0.5]
        assert 0.35 <= p["ad"] <= 0.5 and p["label"] == "AD" and p["bf"] == p["pf"] == 0
    assert attack_params("T12", "S4", rng)["label"] == "BF" and attack_params("T13", "PF", rng)["pf"] == 0.3
    with pytest.raises(ValueError, match="scenario set must be one of T12, TYPED, T13"):
        attack_params("T99", "S1", rng)


def test_probe_episodes_repeat_one_state_encoded_ones_follow_telemetry():
    rng = np.random.default_rng(1)
    attack = attack_params("T12", "S5", rng)
    probe = simulate_episode(loop_config(encoding="probe", steps=4), attack, rng)
    enc = simulate_episode(loop_config(encoding="encoded", steps=4), attack, rng)
    assert np.ptp(probe["pre"], axis=0).max() == 0 and np.ptp(enc["pre"], axis=0).max() > 0
    assert (enc["reward"] <= 0).all() and enc["post"].shape == (4, 3, 3)


def test_reinforce_has_12_parameters_and_learns_the_dominant_action():
    assert sum(p.numel() for p in LinearSoftmaxPolicy().parameters()) == 12
    env = CQDTEnv(loop_config(encoding="probe", steps=20, benign_max=0.0), "T12", ["S4"], seed=0)
    policy, history = train_reinforce(env, episodes=40, lr=0.1, gamma=0.0, entropy_coef=0.0, max_grad_norm=10.0,
                                      baseline_decay=0.9, patience=100, validate=lambda p: 0.0, seed=0,
                                      update="step")
    obs = env.reset(seed=1)[0]
    probs = policy(__import__("torch").as_tensor(obs).unsqueeze(0)).probs[0]
    assert probs[1] > 0.9          # entrec fully corrects pure bit flips (S4): the policy must find it
    assert len(history) == 40


def test_detection_metrics_by_hand():
    scores, y = np.array([0.1, 0.2, 0.3, 0.9, 0.8, 0.25]), np.array([0, 0, 0, 1, 1, 1])
    thr = calibrate(scores, y, max_fpr=0.05)
    assert thr == 0.3                                    # no negative may exceed it
    m = binary_metrics(scores, y, thr)
    assert (m["DR"], m["FPR"], m["ACC"]) == pytest.approx((2 / 3, 0.0, 5 / 6))
    assert m["AUC"] == pytest.approx(8 / 9)              # 8 of 9 (pos, neg) pairs ordered
    assert m["MCC"] == pytest.approx(6 / np.sqrt(72))    # (TP TN - FP FN) / sqrt(2 * 3 * 3 * 4)
    assert calibrate(scores, y, max_fpr=0.34) == 0.2
    with pytest.raises(ValueError, match="no negative"):
        calibrate(scores[3:], y[3:])


def test_same_seed_same_tables(tmp_path, smoke_cfg):
    params, tier = run_config(smoke_cfg)
    tier = dict(tier, episodes=3, steps=4, train_episodes=2)
    for d in ("a", "b"):
        run(params, tier, "ghz", 5, **{n: tmp_path / d / f"{n}.csv" for n in
                                       ("episodes", "detection", "typing", "t13", "training")})
    for name in ("episodes.csv", "detection.csv", "typing.csv", "t13.csv"):
        a, b = pd.read_csv(tmp_path / "a" / name), pd.read_csv(tmp_path / "b" / name)
        drop = [c for c in a.columns if c.startswith("t_inf")]
        pd.testing.assert_frame_equal(a.drop(columns=drop), b.drop(columns=drop))
    ep = pd.read_csv(tmp_path / "a/episodes.csv")
    assert set(ep.policy) >= {"reinforce", "random", "entrec", "oracle", "heuristic_symptom"}
    assert (ep.regret[ep.policy == "oracle"] == 0).all()
