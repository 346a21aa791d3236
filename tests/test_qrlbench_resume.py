"""qrlbench runs resume after a kill with identical numbers; claims are decided only with enough runs."""

import numpy as np
import pandas as pd
import pytest
from conftest import QRL_OUTPUTS, killed_after_saves, outputs

from qrepro.papers.qrlbench.claims import Runs, evaluate_claims
from qrepro.papers.qrlbench.config import run_config as qrlbench_run_config
from qrepro.papers.qrlbench.run import train_run
from qrepro.stats.curves import sample_complexity_tables


def _cfg(smoke_cfg, algo="ddqn"):
    smoke_cfg["qrlbench"]["ddqn"]["steps_per_epoch"] = 200
    smoke_cfg["qrlbench"]["ppo"].update(n_envs=2, n_repeat=2)
    smoke_cfg["qrlbench"]["env"]["horizon"] = 20
    smoke_cfg["qrlbench"]["tiers"]["smoke"].update(epochs=3, ppo_epochs=3, val_envs=4)
    return qrlbench_run_config(smoke_cfg, "Q3-1", algo)


@pytest.mark.parametrize("algo", ["ddqn", "ppo"])
def test_killed_run_resumes_identically(smoke_cfg, tmp_path, algo):
    rc = _cfg(smoke_cfg, algo)
    full = train_run(rc, 1, **outputs(tmp_path / "full", QRL_OUTPUTS))
    with killed_after_saves(2):
        train_run(rc, 1, **outputs(tmp_path / "killed", QRL_OUTPUTS))
    assert (tmp_path / "killed" / "_curve.state").exists() and not (tmp_path / "killed" / "curve.csv").exists()
    resumed = train_run(rc, 1, **outputs(tmp_path / "killed", QRL_OUTPUTS))
    pd.testing.assert_frame_equal(full.drop(columns="seconds"), resumed.drop(columns="seconds"))
    assert not (tmp_path / "killed" / "_curve.state").exists()


def test_claims_from_synthetic_surfaces():
    rng = np.random.default_rng(0)
    T = 20
    ramp = lambda speed, n: np.clip(np.linspace(0, speed, T)[None] + rng.normal(0, 0.02, (n, T)), 0, 1)  # noqa: E731
    V = {"Q14-4": ramp(2.0, 10), "C16-2": ramp(1.0, 10), "C64-2": ramp(2.1, 10), "C32-2": ramp(1.9, 10),
         "Q10-4": ramp(1.8, 10), "C128-2": ramp(2.1, 10), "C256-2": ramp(2.1, 10), "C32-3": ramp(1.9, 10),
         "C64-3": ramp(2.1, 10)}
    sc, _ = sample_complexity_tables(V, "a3-main", [0.2, 0.15, 0.1], [0.5, 0.75], 2000, 200, 5, 0)
    fig19, _ = sample_complexity_tables(V, "a3-main", [0.15], [0.85], 2000, 200, 5, 0)    # the ablation cell
    claims = evaluate_claims(sc, "a3-main", runs=Runs(V, 2000), ablation=fig19).set_index("claim")
    assert claims.loc["H1", "verdict"] == "holds" and claims.loc["H2", "verdict"] == "holds"
    assert claims.loc["H8", "verdict"] == "holds" and claims.loc["H10", "verdict"] == "holds"
    assert claims.loc["H9", "ours"] == "not run in this tier: Q6-4, Q8-4"  # the quantum widths H9 compares
    assert claims.loc["H11", "verdict"] == "n/a"            # no PPO tables given
    few = {m: v[:2] for m, v in V.items()}
    sc2, _ = sample_complexity_tables(few, "a3-main", [0.2], [0.5], 2000, 50, 5, 0)
    assert (evaluate_claims(sc2, "a3-main", runs=Runs(few, 2000)).verdict == "n/a").all()


@pytest.mark.parametrize("mid, count", [("C16-2", 740), ("C32-2", 2500), ("C64-2", 9092), ("Q10-4", 604)])
def test_ppo_parameter_counts(mid, count):
    from qrepro.papers.qrlbench.env import A3_MAIN
    from qrepro.papers.qrlbench.ppo import make_ppo

    cfg = dict(n_envs=1, batch_size=64, n_repeat=1, gamma=0.95, lr=1e-3, clip_classical=0.1, clip_quantum=0.2)
    agent = make_ppo(mid, A3_MAIN, cfg, 0, 3, 20)
    assert sum(p.numel() for p in agent.policy.parameters()) == count
    assert agent.clip_range(1.0) == (0.2 if mid.startswith("Q") else 0.1)


def test_trained_policy_is_saved_and_the_fig8_test_ranks_policies(smoke_cfg, tmp_path):
    """E7: each run leaves policy.pt; the test picks the best runs by final V, scores every policy on the same
    trajectories, and the optimal policy bounds every other (it picks the best antenna at every step)."""
    from qrepro.papers.qrlbench.env import A3_MAIN
    from qrepro.papers.qrlbench.policy_test import best_runs, cumulative_intensity, optimal_actions, policy_test

    rc = _cfg(smoke_cfg)
    rc = {**rc, "model": "C16-2"}
    dirs = [tmp_path / f"seed{s}" for s in range(3)]
    finals = [train_run(rc, s, **outputs(d, QRL_OUTPUTS)).V.iloc[-1] for s, d in enumerate(dirs)]
    runs = [(d / "run.json", d / "policy.pt") for d in dirs]
    assert all((d / "policy.pt").exists() for d in dirs)
    best = [policy for _, policy in best_runs(runs, 2)]
    assert best == [runs[i][1] for i in np.argsort(-np.asarray(finals), kind="stable")[:2]]
    pt = policy_test({"C16-2": runs}, A3_MAIN, 3, 20, best=2, trajectories=30, seed=7)
    assert set(pt.policy) == {"optimal", "random", "C16-2"} and pt[pt.policy == "C16-2"].instance.nunique() == 2
    per_traj = pt.pivot_table(index="trajectory", columns=["policy", "instance"], values="cum_intensity")
    opt = per_traj[("optimal", -1)]
    assert (per_traj.le(opt + 1e-9, axis=0)).all().all()             # same trajectories: optimal is an upper bound
    again = cumulative_intensity(optimal_actions, A3_MAIN, 3, 20, 30, seed=7)
    np.testing.assert_allclose(again, opt.to_numpy())                # and it is reproducible from the seed


def test_policy_test_claim_by_hand():
    from qrepro.papers.qrlbench.claims import policy_test_claim

    def table(q, c):
        rows = [("optimal", -1, 14.0), ("random", -1, 5.0)]
        rows += [("Q10-4", i, v) for i, v in enumerate(q)] + [("C64-2", i, v) for i, v in enumerate(c)]
        return pd.DataFrame([dict(policy=p, instance=i, final_V=None, trajectory=0, cum_intensity=v)
                             for p, i, v in rows])

    ok = policy_test_claim(table([13.5, 13.6, 13.4], [13.5, 13.7, 13.3])).iloc[0]
    assert ok.verdict == "holds" and "Q10-4 stands in for the paper's Q14-4" in ok.ours
    assert policy_test_claim(table([12.0, 12.1, 11.9], [13.5, 13.6, 13.4])).iloc[0].verdict == "partly"  # 14% off
    assert policy_test_claim(table([8.0, 8.1, 7.9], [8.0, 8.2, 7.8])).iloc[0].verdict == "fails"         # near random
    assert policy_test_claim(table([13.5], [13.5])).iloc[0].verdict == "n/a"
