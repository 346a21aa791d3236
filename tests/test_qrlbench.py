"""qrlbench foundations: BeamManagement6G physics and MDP, parameter counts, hybrid VQC vs PennyLane, DDQN."""

import numpy as np
import pytest
import torch
from conftest import ddqn_config
from gymnasium.utils.env_checker import check_env

from qrepro.papers.qrlbench.ddqn import DDQN, Replay
from qrepro.papers.qrlbench.env import (
    A3_MAIN,
    CODEBOOK_PHI,
    BeamBatch,
    BeamManagement6G,
    episode_table,
    intensity,
    random_antennas,
    trajectory,
)
from qrepro.papers.qrlbench.models import build_model, n_params


def test_codebook_and_intensity_bounds():
    np.testing.assert_allclose(CODEBOOK_PHI, [3.13, 2.8, 2.11, 1.13, 0.0, -1.13, -2.11, -2.8, -3.13])
    g = np.stack(np.meshgrid(np.linspace(0, 6, 61), np.linspace(0, 6, 61)), -1).reshape(-1, 2)
    ant = np.array([a[0] for a in A3_MAIN]), np.array([a[1] for a in A3_MAIN])
    I = intensity(g, *ant)  # noqa: E741 (the paper's I)
    assert I.shape == (len(g), 3, 9) and I.min() >= 0 and I.max() <= 1 + 1e-12
    assert intensity(np.array([[1.5, 1.0]]), *ant).max() == pytest.approx(1.0)   # peak 1/R^4 = 1 at the antenna
    # main-lobe peak: on a beam's axis xi = 0 exactly -> degenerate branch I0 / R^2
    one = intensity(np.array([[3.0, 0.0]]), np.zeros((1, 2)), np.array([[1.0, 0.0]]),
                    phi=np.array([np.pi * 3 / np.sqrt(10)]))
    assert one[0, 0, 0] == pytest.approx(1 / 10)
    best = intensity(g, *ant).max(-1).argmax(-1)
    np.testing.assert_allclose(np.bincount(best, minlength=3) / len(g), [0.287, 0.287, 0.427], atol=0.03)


def test_trajectory_is_inside_and_constant_speed():
    rng = np.random.default_rng(1)
    for degree in (3, 4, 5):
        p = trajectory(rng, degree, 200)
        assert p.shape == (201, 2) and p.min() >= -1e-6 and p.max() <= 6 + 1e-6
        step = np.linalg.norm(np.diff(p, axis=0), axis=1)
        assert step.std() / step.mean() < 0.05                                     # constant speed
        assert p[0, 0] == pytest.approx(0, abs=1e-6) and p[-1, 0] == pytest.approx(6, abs=1e-6)


def test_reference_policies_match_spec_band():
    rng = np.random.default_rng(0)
    rand, lag1 = [], []
    for _ in range(200):
        t = episode_table(rng, A3_MAIN, 3, 200)
        k = np.arange(1, 201)
        so = t.opt_int[0] + t.opt_int[1:].sum()
        rand.append((t.opt_int[0] + t.best_int[k, rng.integers(0, 3, 200)].sum()) / so)
        lag1.append((t.opt_int[0] + t.best_int[k, t.opt_ant[k - 1]].sum()) / so)
    assert np.mean(rand) == pytest.approx(0.370, rel=0.1) and np.mean(lag1) == pytest.approx(0.995, abs=0.01)


def test_env_mdp_modes_and_seeding():
    env = BeamManagement6G(mode="val")
    check_env(BeamManagement6G(), skip_render_check=True)
    obs, info = env.reset(seed=3)
    assert env.observation_space.contains(obs) and 0 < info["optimal"] <= 1
    rewards, n = [], 0
    while True:
        obs, r, term, trunc, _ = env.step(env.optimal_action())
        rewards.append(r)
        n += 1
        if term:
            break
    assert n == 200 and not trunc and rewards[-1] == pytest.approx(1.0) and sum(rewards[:-1]) == 0
    a, b = BeamManagement6G(), BeamManagement6G()
    np.testing.assert_array_equal(a.reset(seed=5)[0], b.reset(seed=5)[0])
    state = np.random.get_state()[1].copy()
    a.reset(seed=6)
    assert (np.random.get_state()[1] == state).all()                               # global RNG untouched
    with pytest.raises(ValueError, match="mode"):
        BeamManagement6G(mode="eval")
    with pytest.raises(ValueError, match="antenna index"):
        a.step(7)


def test_named_layouts_are_deterministic_and_validated():
    from qrepro.config import ParamsError
    from qrepro.papers.qrlbench.config import parse_env
    from qrepro.papers.qrlbench.env import named_layout

    assert named_layout("a3-main") == A3_MAIN
    assert named_layout("a4-2") == named_layout("a4-2") != named_layout("a4-3")
    assert len(named_layout("a5-0")) == 5
    assert parse_env("a3-main-d3") == ("a3-main", 3) and parse_env("a4-2-d5") == ("a4-2", 5)
    with pytest.raises(ValueError, match="aA-i"):
        named_layout("b3")
    with pytest.raises(ParamsError, match="a3-main-d3"):
        parse_env("a3-main")


def test_random_layouts_respect_min_distance():
    rng = np.random.default_rng(0)
    for n in (2, 3, 4, 5):
        lay = random_antennas(rng, n, d_min=1.5)
        p = np.array([x[0] for x in lay])
        assert np.linalg.norm(p[:, None] - p[None], axis=-1)[np.triu_indices(n, 1)].min() >= 1.5
        assert np.allclose(np.linalg.norm([x[1] for x in lay], axis=1), 1)


def test_batch_matches_single_env_physics():
    batch = BeamBatch(np.random.default_rng(2), 4)
    _, r, done, ratio = batch.step(np.zeros(4, int))
    assert r.shape == (4,) and not done.any() and np.isnan(ratio).all()
    for _ in range(199):
        _, _, done, ratio = batch.step(np.zeros(4, int))
    assert done.all() and ((ratio > 0) & (ratio <= 1)).all() and (batch.k == 0).all()  # auto-reset


def test_a_last_step_without_reset_leaves_the_generator_where_a_reset_would():
    """Validation drops its batch after the last step: skipping the unused resets must not move later batches'
    trajectories (bit-identical epochs, same generator state), and the results of the step are the same."""
    full, lean = BeamBatch(np.random.default_rng(5), 3, steps=20), BeamBatch(np.random.default_rng(5), 3, steps=20)
    for k in range(20):
        a = full.step(np.full(3, k % 3))
        b = lean.step(np.full(3, k % 3), reset=k + 1 < 20)
        assert all(np.array_equal(x, y, equal_nan=True) for x, y in zip(a, b))
    assert full.rng.bit_generator.state == lean.rng.bit_generator.state
    assert (full.k == 0).all() and (lean.k == 20).all()          # only the full batch built new episodes
    after_full, after_lean = BeamBatch(full.rng, 3, steps=20), BeamBatch(lean.rng, 3, steps=20)
    assert np.array_equal(after_full.best_int, after_lean.best_int)


def test_shared_tables_reproduce_a_run_exactly(tmp_path):
    """DDQN runs of one seed read the episodes recorded once (qrlbench_tables) instead of drawing them: same
    validation values and weights as drawing them, also across a checkpoint; another seed's file is refused, and
    a file recorded for fewer epochs says so."""
    import pickle

    from conftest import ROOT

    from qrepro.config import load_params
    from qrepro.papers.qrlbench.config import run_config
    from qrepro.papers.qrlbench.run import make_trainer, write_tables

    cfg = load_params(ROOT / "params.yaml", {"tier": "smoke"})
    run = dict(run_config(cfg, "C16-2"), epochs=2)
    path = tmp_path / "seed3.npz"
    write_tables(run, 3, A3_MAIN, path)
    drawn, shared = make_trainer(run, 3, A3_MAIN), make_trainer(run, 3, A3_MAIN, path)
    assert drawn.run_epoch() == shared.run_epoch()
    shared = pickle.loads(pickle.dumps(shared))                  # resumed: tables read back by position
    assert drawn.run_epoch() == shared.run_epoch()
    assert all(torch.equal(a, b) for a, b in zip(drawn.q.state_dict().values(), shared.q.state_dict().values()))
    with pytest.raises(RuntimeError, match="tables ran out after"):
        shared.run_epoch()
    with pytest.raises(ValueError, match="episode tables of another env, seed or DDQN setting"):
        make_trainer(run, 4, A3_MAIN, path)


@pytest.mark.parametrize("mid, count", [("C16-2", 387), ("C32-2", 1283), ("C64-2", 4611), ("Q10-4", 313),
                                        ("Q14-4", 437), ("C16-1", 115), ("Q6-4", 189)])
def test_parameter_counts(mid, count):
    assert n_params(build_model(mid, 3)) == count


def test_parameter_counts_other_antenna_numbers_and_bad_ids():
    assert [n_params(build_model("Q10-4", a)) for a in (2, 4, 5)] == [302, 324, 335]
    assert [n_params(build_model("C64-2", a)) for a in (2, 4, 5)] == [4546, 4676, 4741]
    with pytest.raises(ValueError, match="X3.*is not a model id.*C<width>-<depth>"):
        build_model("X3", 3)


def test_hybrid_matches_pennylane_backend():
    torch.manual_seed(0)
    fast = build_model("Q3-2", 3)
    slow = build_model("Q3-2", 3, backend="pennylane")
    slow.load_state_dict(fast.state_dict())
    x = torch.rand(5, 3)
    assert torch.allclose(fast(x), slow(x), atol=1e-5)


def test_replay_wraps_and_samples_with_replacement():
    buf = Replay(4)
    buf.add_batch(np.arange(6)[:, None].repeat(3, 1), np.arange(6), np.arange(6), np.zeros((6, 3)), np.zeros(6))
    assert buf.full and sorted(buf.a.tolist()) == [2, 3, 4, 5]
    _, a, *_ = buf.sample(np.random.default_rng(0), 100)
    assert set(a.tolist()) == {2, 3, 4, 5}


def test_replay_batch_add_is_row_by_row_add():
    """Batches that wrap, fill exactly and overfill land where one-at-a-time adds would put them."""
    rng = np.random.default_rng(0)
    fast, slow = Replay(7), Replay(7)
    for n in (3, 4, 5, 9, 1):
        s, a, r, s2, d = rng.random((n, 3)), rng.integers(0, 3, n), rng.random(n), rng.random((n, 3)), rng.random(n)
        fast.add_batch(s, a, r, s2, d)
        for row in zip(s, a, r, s2, d):
            slow.add_batch(*(np.asarray(x)[None] for x in row))
        assert (fast.ptr, fast.full) == (slow.ptr, slow.full)
        assert all(np.array_equal(getattr(fast, k), getattr(slow, k)) for k in ("s", "a", "r", "s2", "d"))


def test_mlp_forward_is_its_sequential_bit_for_bit():
    """MLP.forward calls the layers' functions directly; value and every gradient equal the Sequential's."""
    torch.manual_seed(0)
    net, x = build_model("C64-2", 3), torch.rand(32, 3)
    fast, slow = net(x), net.net(x)
    assert torch.equal(fast, slow)
    grads = [torch.autograd.grad(y.square().sum(), list(net.parameters())) for y in (fast, slow)]
    assert all(torch.equal(g, h) for g, h in zip(*grads))


def _tiny(seed):
    torch.manual_seed(seed)
    cfg = ddqn_config(steps_per_epoch=200, n_val_envs=4, horizon=20)
    return DDQN(build_model("C16-2", 3), cfg, seed=seed)


def test_ddqn_deterministic_and_learns_something():
    a, b = _tiny(0), _tiny(0)
    va, vb = [a.run_epoch() for _ in range(2)], [b.run_epoch() for _ in range(2)]
    assert va == vb and all(0 < v <= 1 for v in va)
    assert a.grad_steps == 2 * 20
    assert all(g["fused"] for g in a.opt.param_groups)          # Adam's fused step: one pass per parameter group
    assert [_tiny(1).run_epoch()] != va[:1]


class _Fixed(torch.nn.Module):
    def __init__(self, values):
        super().__init__()
        self.values = torch.tensor(values)
        self.w = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return self.values.expand(len(x), -1) + 0 * self.w


def test_ddqn_target_is_double():
    agent = _tiny(0)
    agent.q, agent.q_target = _Fixed([1.0, 0.0, 0.0]), _Fixed([2.0, 5.0, 3.0])
    r, d = torch.tensor([0.5, 0.5]), torch.tensor([0.0, 1.0])
    y = agent.td_target(r, torch.zeros(2, 3), d)
    # online argmax = action 0, evaluated by the target net (2.0), not the target max (5.0); no bootstrap if done
    assert torch.allclose(y, torch.tensor([0.5 + 0.95 * 2.0, 0.5]))


def test_h4_surface_ordering_claim():
    from qrepro.papers.qrlbench.claims import Runs, surface_claims

    def reach(a, b, runs=10, epochs=6):
        """Every run at V 0.85 from epoch a (passes eps 0.2) and 0.95 from epoch b (passes eps 0.1)."""
        v = np.where(np.arange(epochs) >= b, 0.95, np.where(np.arange(epochs) >= a, 0.85, 0.0))
        return np.tile(v, (runs, 1))

    def runs(**ab):
        return Runs({m.replace("_", "-"): reach(*v) for m, v in ab.items()}, per_epoch=100)

    eps, delta = (0.1, 0.2), (0.5, 0.9)
    good = runs(C64_2=(1, 2), Q14_4=(2, 3), C16_2=(3, 4))          # S = 100a at eps 0.2, 100b at eps 0.1
    t = surface_claims(good, eps, delta)
    assert t.verdict.item() == "holds"
    assert t.ours.item().startswith("ordering in 4/4 cells (100%); point estimates at 10 runs each; at (0.10, 0.9): "
                                    "C64-2 200, Q14-4 300, C16-2 400 (cap 600)")
    mixed = runs(C64_2=(1, 4), Q14_4=(2, 3), C16_2=(3, 2))         # ordered at eps 0.2, reversed at eps 0.1
    assert surface_claims(mixed, eps, delta).verdict.item() == "partly"
    bad = runs(C64_2=(3, 4), Q14_4=(2, 3), C16_2=(1, 2))
    assert surface_claims(bad, eps, delta).ours.item().startswith("ordering in 0/4")
    assert surface_claims(bad, eps, delta).verdict.item() == "fails"
    no_q14 = Runs({m: v for m, v in good.V.items() if m != "Q14-4"}, 100)
    assert surface_claims(no_q14, eps, delta).ours.item() == "not run in this tier: Q14-4"
    two = Runs({m: v[:2] for m, v in good.V.items()}, 100)
    assert surface_claims(two, eps, delta).ours.item().startswith("only 2 run(s) per model")


