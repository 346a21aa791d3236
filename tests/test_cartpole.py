"""qrlbench E8 (CartPole, Fig. 9): VPG policies, returns, seeded resumable runs and the H16 verdict."""

import numpy as np
import pandas as pd
import pytest
import torch
from conftest import QRL_OUTPUTS, killed_after_saves, outputs, vpg_config

from qrepro.papers.qrlbench.claims import cartpole_claims
from qrepro.papers.qrlbench.config import cartpole_config
from qrepro.papers.qrlbench.run import train_run
from qrepro.papers.qrlbench.vpg import VPG, build_policy, returns_to_go
from qrepro.quantum.reference import pennylane_qnode
from qrepro.stats.curves import sample_complexity_tables


@pytest.mark.parametrize("mid, count", [("C16-1", 4 * 16 + 16 + 16 * 2 + 2), ("C8-2", 40 + 72 + 18),
                                        ("Q4-1", 16 + 8), ("Q4-2", 24 + 16)])
def test_parameter_counts(mid, count):
    assert sum(p.numel() for p in build_policy(mid).parameters()) == count


def test_bad_model_ids_are_named():
    with pytest.raises(ValueError, match="qrlbench.cartpole.models: 'MLP16' is not a model id.*C<width>-<depth>"):
        build_policy("MLP16")
    with pytest.raises(ValueError, match="one qubit per CartPole input"):
        build_policy("Q6-1")
    with pytest.raises(ValueError, match="quantum_init must be one of uniform, zeros"):
        build_policy("Q4-1", quantum_init="normal")


def test_returns_to_go_by_hand():
    np.testing.assert_allclose(returns_to_go(np.ones(3), 0.5), [1.75, 1.5, 1.0])


def test_quantum_policy_is_the_parity_read_out_of_the_pennylane_circuit():
    """P(a=0) = (1 + <Z Z Z Z>) / 2 with angles lambda * s / scale, checked against PennyLane default.qubit."""
    pol = build_policy("Q4-1", seed=3)
    with torch.no_grad():
        pol.scaling.uniform_(0.5, 1.5)
    obs = torch.tensor([[0.1, -0.5, 0.05, 1.0], [-1.0, 0.3, -0.1, -0.2]], dtype=torch.float64)
    p = pol.probs(obs)
    s = obs / torch.tensor([2.4, 2.5, 0.21, 2.5], dtype=torch.float64)
    angles = (pol.scaling[None] * s[:, None, :, None]).reshape(2, -1)
    parity = pennylane_qnode(pol.circuit)(angles, pol.weights)
    torch.testing.assert_close(p[:, 0], (1 + parity.reshape(-1)) / 2)
    torch.testing.assert_close(p.sum(1), torch.ones(2, dtype=torch.float64))


def test_untrained_zero_angle_vqc_already_balances_the_pole():
    """Why the raw-VQC angles start uniform: at all-zero angles the greedy policy reaches the 500-step limit."""
    rng = np.random.default_rng(0)
    zero = VPG(build_policy("Q4-1", quantum_init="zeros"), vpg_config(), 0)
    uniform = VPG(build_policy("Q4-1", seed=0), vpg_config(), 0)
    assert np.mean([len(r) for *_, r in zero._rollout(5, rng, greedy=True)]) == 500
    assert np.mean([len(r) for *_, r in uniform._rollout(5, rng, greedy=True)]) < 100


def _cfg(smoke_cfg, model):
    smoke_cfg["qrlbench"]["cartpole"]["vpg"].update(batch_episodes=3, val_episodes=2)
    smoke_cfg["qrlbench"]["tiers"]["smoke"]["cartpole_epochs"] = 3
    return cartpole_config(smoke_cfg, model)


@pytest.mark.parametrize("model", ["C16-1", "Q4-1"])
def test_cartpole_run_is_seeded_and_resumes_identically(smoke_cfg, tmp_path, model):
    rc = _cfg(smoke_cfg, model)
    assert rc["vpg"]["lr"] == (0.02 if model == "Q4-1" else 0.01)
    full = train_run(rc, 4, **outputs(tmp_path / "full", QRL_OUTPUTS))
    assert list(full.env_steps) == [3, 6, 9] and full.env.eq("cartpole").all() and full.algo.eq("vpg").all()
    with killed_after_saves(2):
        train_run(rc, 4, **outputs(tmp_path / "killed", QRL_OUTPUTS))
    resumed = train_run(rc, 4, **outputs(tmp_path / "killed", QRL_OUTPUTS))
    pd.testing.assert_frame_equal(full.drop(columns="seconds"), resumed.drop(columns="seconds"))
    other = train_run(rc, 5, **outputs(tmp_path / "other", QRL_OUTPUTS))
    assert not np.array_equal(other.V, full.V) or full.V.nunique() == 1


def test_h16_verdicts_from_synthetic_curves():
    rng = np.random.default_rng(0)
    T = 40
    ramp = lambda speed, n: np.clip(np.linspace(0, speed, T)[None] + rng.normal(0, 0.02, (n, T)), 0, 1)  # noqa: E731
    eps, delta = [0.05, 0.1, 0.2], [0.3, 0.6, 0.9]
    for q_speed, verdict in ((1.6, "holds"), (1.0, "fails")):
        sc, _ = sample_complexity_tables({"Q4-1": ramp(q_speed, 10), "C16-1": ramp(1.6, 10)}, "cartpole/vpg", eps,
                                         delta, 10, 200, 5, 0)
        row = cartpole_claims(sc).iloc[0]
        assert row.verdict == verdict, row.ours
    assert "C16-1 significantly lower S in 9/9 cells" in row.ours      # Q4-1 ramps at 1.0: worse everywhere
    flat, _ = sample_complexity_tables({"Q4-1": ramp(0.5, 10), "C16-1": ramp(0.5, 10)}, "cartpole/vpg", eps, delta,
                                       10, 50, 5, 0)
    assert cartpole_claims(flat).iloc[0].verdict == "inconclusive"     # nothing learned: every cell censored
    few, _ = sample_complexity_tables({"Q4-1": ramp(1.6, 2), "C16-1": ramp(1.6, 2)}, "cartpole/vpg", eps, delta,
                                      10, 50, 5, 0)
    assert cartpole_claims(few).iloc[0].verdict == "n/a"
    assert cartpole_claims(few[few.model == "C16-1"]).iloc[0].ours == "not run in this tier: Q4-1"
