"""Paper 004 learners: MAPPO sizes, biased log-probabilities, seeded training and exact resume after a kill."""

import pickle

import numpy as np
import pandas as pd
import pytest
import torch
from conftest import learners, offpolicy_config, ppo_config, qi_config, uav_config

from qrepro.papers.qimarl.learner import QIMARL
from qrepro.papers.qimarl.mappo import MAPPO, count_params
from qrepro.papers.qimarl.run import train_run

SMALL = uav_config(n_uav=3, grid=8, horizon=12)
QI = qi_config(qaoa_every=6, maxiter=10, maxiter_warm=10, shots=64, final_shots=128)


def test_network_sizes_match_the_spec_architecture():
    m = MAPPO(126, 350, 10, ppo_config())
    assert count_params(m.actor) == 126 * 128 + 128 + 128 * 64 + 64 + 64 * 11 + 11 == 25227
    assert count_params(m.critic) == 360 * 256 + 256 + 256 * 128 + 128 + 129 == 125441



def test_critic_split_first_layer_is_the_concatenated_product():
    """W [s; 0] + W [0; e_i] + b, with W [s; 0] shared by a step's agents, is the Linear layer on [s, one_hot(i)],
    in value and in every parameter's gradient; W [0; e_i] is W's column exactly."""
    m = MAPPO(126, 350, 10, ppo_config(), seed=4)
    states, agents, steps = torch.randn(7, 350), torch.arange(10).repeat(7), torch.arange(7).repeat_interleave(10)
    want = m.critic.net(torch.cat([states.repeat_interleave(10, 0),
                                   torch.nn.functional.one_hot(agents, 10).float()], -1)).squeeze(-1)
    parts = m.critic.parts(m.critic.inputs(states))
    assert torch.equal(parts[7:], m.critic.net[0].weight[:, 350:].T)
    shared = m.critic.head(parts, steps, agents)
    torch.testing.assert_close(shared, want, rtol=1e-5, atol=1e-6)
    torch.testing.assert_close(m.critic(states.repeat_interleave(10, 0), agents), want, rtol=1e-5, atol=1e-6)
    grads = []
    for v in (want, shared):
        m.critic.zero_grad()
        (v ** 2).sum().backward(retain_graph=True)
        grads.append([p.grad.clone() for p in m.critic.parameters()])
    for concatenated, split in zip(*grads):
        torch.testing.assert_close(split, concatenated, rtol=1e-4, atol=1e-5)


def test_gae_in_numpy_is_the_torch_recursion_bit_for_bit():
    """The update's advantages: float32 numpy gives the elementwise float32 arithmetic of the torch loop it
    replaced, to the last bit."""
    from qrepro.papers.qimarl.mappo import gae

    rng = np.random.default_rng(1)
    rew, values = rng.normal(size=(100, 10)).astype(np.float32), rng.normal(size=(101, 10)).astype(np.float32)
    r, v = torch.from_numpy(rew), torch.from_numpy(values)
    want, run = torch.zeros(100, 10), torch.zeros(10)
    for t in reversed(range(100)):
        run = (r[t] + 0.99 * v[t + 1] - v[t]) + 0.99 * 0.95 * run
        want[t] = run
    got = gae(rew, values, 0.99, 0.95)
    assert got.dtype == np.float32 and np.array_equal(got, want.numpy())
    assert got[-1] == pytest.approx(rew[-1] + 0.99 * values[-1] - values[-2], rel=1e-6)   # one step from the end


@pytest.mark.parametrize("scale", [1e-3, 10.0])          # below the max norm (left alone) and above it (scaled)
def test_clip_grad_norm_is_torchs_bit_for_bit(scale):
    from qrepro.papers.qimarl.mappo import Actor, clip_grad_norm

    nets = [Actor(126) for _ in range(2)]
    nets[1].load_state_dict(nets[0].state_dict())
    for net in nets:
        torch.manual_seed(5)
        for p in net.parameters():
            p.grad = scale * torch.randn_like(p)
    want = torch.nn.utils.clip_grad_norm_(nets[0].parameters(), 0.5)
    got = clip_grad_norm(list(nets[1].parameters()), 0.5)
    assert torch.equal(got, want)
    assert all(torch.equal(a.grad, b.grad) for a, b in zip(nets[0].parameters(), nets[1].parameters()))
    norm = torch.linalg.vector_norm(torch.stack([p.grad.norm() for p in nets[1].parameters()]))
    assert float(norm) == pytest.approx(min(float(want), 0.5), rel=1e-5)


def test_move_bias_enters_the_stored_log_probability():
    m = MAPPO(126, 20, 2, ppo_config(), seed=0)
    obs = np.zeros((2, 126))
    bias = np.log(np.array([[0.96, 0.01, 0.01, 0.01, 0.01]] * 2))
    acts, logp, _ = m.act(obs, bias)
    d = m.actor(torch.zeros(2, 126), torch.as_tensor(bias, dtype=torch.float32))
    expect = sum(dist.log_prob(torch.as_tensor(acts[:, k])) for k, dist in enumerate(d))
    assert np.allclose(logp, expect.detach().numpy(), atol=1e-6)
    moves = np.array([m.act(obs, 10 * bias)[0][:, 0] for _ in range(50)])
    assert (moves == 0).mean() > 0.95                                    # a strong prior dominates the move head


def _torch_act(m, obs, bias):
    """The actor's sampling in torch, as before the numpy actor: torch.multinomial per head."""
    from qrepro.papers.qimarl.mappo import Heads

    with torch.no_grad():
        heads = Heads(m.actor.logits(torch.as_tensor(obs, dtype=torch.float32),
                                     torch.as_tensor(bias, dtype=torch.float32)))
        acts = torch.stack([torch.multinomial(heads.probs(k), 1, generator=m.gen).squeeze(-1) for k in range(3)], -1)
        return acts.numpy(), heads.log_prob(acts).numpy(), float(heads.entropy().mean())


def test_numpy_actor_samples_as_torch_multinomial_and_follows_updates_and_checkpoints():
    """Same generator state, same draws: the numpy actor picks torch's actions, with its log-probabilities and
    entropy to float32 rounding; after an update and after a pickle round trip it reads the current weights."""
    rng = np.random.default_rng(0)
    m = MAPPO(126, 20, 10, ppo_config(), seed=3)

    def check(m):
        for _ in range(20):
            obs, bias = rng.normal(size=(10, 126)), np.log(rng.dirichlet(np.ones(5), 10))
            state = m.gen.get_state()
            want = _torch_act(m, obs, bias)
            m.gen.set_state(state)
            got = m.act(obs, bias)
            assert (got[0] == want[0]).all()
            np.testing.assert_allclose(got[1], want[1], atol=1e-5)
            assert got[2] == pytest.approx(want[2], abs=1e-5)

    check(m)
    for _ in range(3):
        obs = rng.normal(size=(10, 126))
        acts, logp, _ = m.act(obs)
        m.store(obs, rng.normal(size=20), acts, logp, rng.normal(size=10))
    m.update(rng.normal(size=20))
    check(m)                                          # the cached layers were dropped with the old weights
    clone = pickle.loads(pickle.dumps(m))
    with torch.no_grad():
        clone.actor.heads[0].bias += 1.0              # in place, as Adam writes
    check(clone)


@pytest.mark.parametrize("method", ["ppo", "qimarl", "rnd"])
def test_training_is_seeded_and_resumes_exactly(tmp_path, method, monkeypatch):
    full = train_run(method, SMALL, 3, 4, tmp_path / "full.csv", qi=QI, **learners(), checkpoint_every=2)
    assert len(full) == 4 and full.regret_ep.notna().all()
    if method == "qimarl":
        assert (full.qaoa_time_s > 0).all() and full.gp_var_mean.notna().all()
    calls = {"n": 0}
    real = QIMARL.run_episode

    def dying(self):
        calls["n"] += 1
        if calls["n"] == 4:                    # killed during the 4th episode, after the checkpoint at 2
            raise KeyboardInterrupt("killed")
        return real(self)
    monkeypatch.setattr(QIMARL, "run_episode", dying)
    with pytest.raises(KeyboardInterrupt):
        train_run(method, SMALL, 3, 4, tmp_path / "killed.csv", qi=QI, **learners(), checkpoint_every=2)
    state = (tmp_path / "_killed.state").read_bytes().split(b"\n", 2)[2]       # magic, header, trainer
    assert pickle.loads(state).episode == 2
    monkeypatch.setattr(QIMARL, "run_episode", real)
    resumed = train_run(method, SMALL, 3, 4, tmp_path / "killed.csv", qi=QI, **learners(), checkpoint_every=2)
    cols = [c for c in full.columns if not c.endswith("time_s")]
    pd.testing.assert_frame_equal(resumed[cols], full[cols])


def test_convergence_episode_by_hand():
    from qrepro.papers.qimarl.claims import convergence_episode

    r = np.r_[np.zeros(100), np.full(300, 10.0)]
    # L = 10; a 50-episode window holding one zero averages 9.8 (within 3% of L), two zeros (9.6) do not:
    # the first window that stays within is episodes 100..149 (1-indexed), so E_conv = 149
    assert convergence_episode(r, tol=0.03) == (149, False)
    assert convergence_episode(r, tol=0.01) == (150, False)         # no zero may remain in the window
    assert convergence_episode(np.ones(60)) == (60, True)          # shorter than two windows: censored
    ramp = np.linspace(0, 10, 300)                                  # still rising: only the last window "agrees"
    assert convergence_episode(ramp) == (300, True)


def test_control_methods_swap_only_the_proposal_solver(tmp_path):
    """E-ctrl: same seed and world; the exact control's z* is the brute-force argmin and it spends no QAOA
    evaluations; the random control's proposals differ. Both still train through the GP-shaped rewards."""
    qi = qi_config(**{**QI.__dict__, "ctrl_entropy_bits": 1.0})     # 3 agents: 1 of 3 bits
    rows = {m: train_run(m, SMALL, 3, 2, tmp_path / f"{m}.csv", qi=qi, **learners(), checkpoint_every=10) for m in
            ("qimarl", "qimarl_exact", "qimarl_random", "qimarl_sa")}
    for m, df in rows.items():
        assert df.gp_var_mean.notna().all() and df.qaoa_feasible_frac.notna().all(), m
    exact, rand, qaoa, sa = (rows[m].qaoa_approx_ratio
                             for m in ("qimarl_exact", "qimarl_random", "qimarl", "qimarl_sa"))
    assert (exact > rand).all() and not np.allclose(exact, qaoa)
    assert (sa > rand).all()                  # the cooled chains sit in (near-)minima, uniform draws do not


def test_bad_method_is_named():
    with pytest.raises(ValueError, match="method must be one of qimarl, qimarl_exact, qimarl_random, qimarl_sa, "
                                         "qimarl_noqaoa, qimarl_nogp, qimarl_noentropy, qimarl_noshared, qi_icm, icm, "
                                         "rnd, ppo, ddpg, iql"):
        QIMARL("maddpg", SMALL, 0, ppo_config(), offpolicy_config(), QI)


def test_pooling_is_the_block_mean():
    from qrepro.papers.qimarl.learner import pooled

    m = np.arange(144.0).reshape(12, 12)            # G = 12 -> 10 x 10 blocks of sizes 2, 2, 1, ... (np.array_split)
    p = pooled(m, 12).reshape(10, 10)
    assert p[0, 0] == pytest.approx(m[:2, :2].mean()) and p[9, 9] == m[11, 11]
    assert p[0, 9] == pytest.approx(m[:2, 11].mean())
    np.testing.assert_array_equal(pooled(np.arange(9.0), 3), np.arange(9.0))   # G < 10: the map itself


def test_scaling_linear_fit_and_claim_by_hand():
    from qrepro.papers.qimarl.claims import runtime_memory_linear, scaling_sizes
    from qrepro.stats import linear_fit

    assert linear_fit([10, 20, 50], [5.0, 10.0, 25.0]) == pytest.approx((1.0, 1.0))   # proportional: flat per UAV
    r2, spread = linear_fit([10, 20, 50], [6.0, 7.0, 10.0])                            # affine: linear, not flat
    assert r2 == pytest.approx(1.0) and spread == pytest.approx(0.6 / 0.2)
    rows = pd.DataFrame({"method": "qimarl", "n_uav": [10, 20, 50, 20], "grid": [20, 28, 45, 20],
                         "s_per_episode": [5.0, 10.0, 25.0, 99.0], "peak_rss_mb": 500.0,
                         "rss_increase_mb": [100.0, 200.0, 500.0, 1.0]})
    assert runtime_memory_linear(scaling_sizes(rows))[0] == "holds"  # the fixed-area row (G = 20 at N = 20) is not used
    assert runtime_memory_linear(scaling_sizes(rows.assign(rss_increase_mb=[100.0, 100.0, 100.0, 1.0])))[0] == "partly"
    assert scaling_sizes(None) is None


def test_ablations_remove_one_component_each(tmp_path):
    """-QAOA: GP and UCB shaping stay, no QAOA; -GP: QAOA on the empirical maps; -entropy: PPO entropy coef 0."""
    trainers = {m: QIMARL(m, SMALL, 2, ppo_config(), offpolicy_config(), QI) for m in
                ("qimarl", "qimarl_noqaoa", "qimarl_nogp", "qimarl_noentropy", "qimarl_noshared")}
    rows = {m: t.run_episode() for m, t in trainers.items()}
    # -shared memory: one GP per agent, holding exactly the cells that agent measured (no packet loss on own data)
    own = trainers["qimarl_noshared"]
    gps, team = own.gp, trainers["qimarl"].gp
    assert isinstance(gps, list) and len(gps) == SMALL.n_uav
    for gp in gps:        # 12 own measurements each (counts decay by exp(-dt / 500): a little under 12)
        assert SMALL.horizon - 0.5 < gp.n.sum() <= SMALL.horizon
    assert team.n.sum() <= SMALL.n_uav * SMALL.horizon                         # the team GP also loses packets
    mu, sd = own._maps()
    assert mu.shape == sd.shape == (SMALL.n_uav, SMALL.grid ** 2)
    assert rows["qimarl_noshared"]["gp_var_mean"] > rows["qimarl"]["gp_var_mean"]   # less data per map
    assert rows["qimarl_noqaoa"]["qaoa_time_s"] == 0 and rows["qimarl_noqaoa"]["gp_var_mean"] is not None
    assert rows["qimarl_nogp"]["qaoa_time_s"] > 0 and rows["qimarl_nogp"]["gp_var_mean"] is None
    assert trainers["qimarl_noentropy"].agent.cfg.entropy_coef == 0.0
    assert trainers["qimarl_nogp"].agent.cfg.entropy_coef == ppo_config().entropy_coef > 0


def _row(method, seed, reward, regret=100.0, exploration=0.5):
    """One summary row with every column the claims read (coverage, entropy, timing and the rest held fixed)."""
    return dict(method=method, seed=seed, episodes=300, reward=reward, cum_regret=regret, exploration_ratio=exploration,
                coverage=0.5, oracle_coverage=0.9, censored=True, e_conv=300, entropy=3.0, msg_kb=15, loc_err_m=1.2,
                eer=0.4, signal_dbm=-60.0, overlap=0.05, entropy_early=3.5, entropy_step_share=0.2, episode_time_s=1.0,
                oracle_return=80.0)


def test_ablation_claim_by_hand():
    from qrepro.papers.qimarl.claims import evaluate_claims

    rows = [_row(m, s, reward + 0.1 * s, regret, expl)
            for m, reward, regret, expl in (("qimarl", 30, 100, 0.5), ("qimarl_noqaoa", 27, 110, 0.45),
                                            ("qimarl_nogp", 28, 120, 0.48), ("qimarl_noentropy", 31, 90, 0.52),
                                            ("qimarl_noshared", 29, 105, 0.47), ("ppo", 25, 130, 0.4))
            for s in range(3)]
    c7 = evaluate_claims(pd.DataFrame(rows)).set_index("claim").loc["C7"]
    assert c7.verdict == "partly"                  # -entropy improved everything here: 3 parts contradicted
    # reward drop 1 - 27.1 / 30.1 = 9.97%; the paired differences are constant (3), so the interval is the point
    assert "-QAOA: reward drop 10.0% (paper 13.2), QI - it +3 [3, 3] (paired t, n = 3): shown" in c7.ours
    # exploration drops 10 / 4 / -4 / 6%: -QAOA the largest; regret rises 10 / 20 / -10 / 5%: -GP the largest
    assert "largest exploration drop -QAOA (paper -QAOA), largest regret rise -GP (paper -GP)" in c7.ours
    assert "11 of 14 parts shown, 3 contradicted, 0 cannot tell" in c7.ours
    without = evaluate_claims(pd.DataFrame([r for r in rows if r["method"] != "qimarl_noshared"]))
    assert without.set_index("claim").loc["C7", "ours"] == "not run in this tier: qimarl_noshared"


def test_a_method_with_fewer_seeds_does_not_void_other_claims():
    """A partly run baseline (IQL, 1 seed) voids only the claims that need it (Table 5's: C1, C2); QI-MARL vs
    PPO and DDPG (C5's stability, C15's balance) and QI-MARL alone (C3b, C13) are still decided."""
    from qrepro.papers.qimarl.claims import evaluate_claims

    rows = [_row(m, s, r + 0.2 * s * (m == "qimarl") - 0.1 * s, 1000 - r)
            for m, r, n in (("qimarl", 30, 3), ("ppo", 25, 3), ("ddpg", 24, 3), ("iql", 40, 1)) for s in range(n)]
    claims = evaluate_claims(pd.DataFrame(rows)).set_index("claim")
    assert claims.loc["C1", "ours"] == claims.loc["C2", "ours"] == "only 1 seed(s); needs >= 3"
    assert claims.loc["C1", "verdict"] == "n/a"
    # QI-MARL's rewards 30, 30.1, 30.2 (sd 0.1) against PPO's 25, 24.9, 24.8 (sd 0.1): equal spreads, cannot tell
    assert claims.loc["C5", "verdict"] == "inconclusive"
    # coverage 0.5 of the oracle's 0.9 (share 0.556 < 0.9) and exploration 0.5 < 0.8, every seed alike: fail
    assert claims.loc["C3b", "verdict"] == "fails" and claims.loc["C13", "verdict"] == "fails"
    assert claims.loc["C15", "verdict"] == "inconclusive"   # equal coverage / exploration / EER, no long runs


@pytest.mark.parametrize("method", ["icm", "qi_icm"])
def test_curiosity_sees_the_observation_the_agent_acts_on_next(method, monkeypatch):
    """s' given to ICM / RND at step t is exactly the observation the policy receives at t + 1 (fresh empirical
    maps every step without a GP, the GP posterior on its gp_every schedule with one)."""
    from qrepro.papers.qimarl.curiosity import Curiosity

    trainer = QIMARL(method, SMALL, 1, ppo_config(), offpolicy_config(), qi_config(**{**QI.__dict__, "gp_every": 3}))
    seen, nexts = [], []
    act = type(trainer.agent).act
    monkeypatch.setattr(type(trainer.agent), "act",
                        lambda self, obs, bias: (seen.append(obs.copy()), act(self, obs, bias))[1])
    bonus = Curiosity.bonus
    monkeypatch.setattr(Curiosity, "bonus",
                        lambda self, o, a, nxt: (nexts.append(nxt.copy()), bonus(self, o, a, nxt))[1])
    trainer.run_episode()
    assert len(seen) == len(nexts) == SMALL.horizon
    for t in range(SMALL.horizon - 1):
        np.testing.assert_array_equal(nexts[t], seen[t + 1])
    assert not np.array_equal(nexts[0], seen[0])


def test_the_first_qaoa_solve_is_cold_and_later_ones_warm(monkeypatch):
    """Spec 2.3: COBYLA budget maxiter from the linear ramp, maxiter_warm from the previous solve's angles."""
    from qrepro.papers.qimarl import proposals as qp

    calls, real = [], qp.solve

    def spy(w, pen, p, shots, final_shots, maxiter, seed, init=None, optimizer="nlopt"):
        calls.append((maxiter, init is None, optimizer))
        return real(w, pen, p, shots, final_shots, maxiter, seed, init=init, optimizer=optimizer)

    monkeypatch.setattr(qp, "solve", spy)
    QIMARL("qimarl", SMALL, 0, ppo_config(), offpolicy_config(),
           qi_config(qaoa_every=6, maxiter=12, maxiter_warm=7, shots=32, final_shots=64)).run_episode()
    assert calls == [(12, True, "nlopt"), (7, False, "nlopt")]
