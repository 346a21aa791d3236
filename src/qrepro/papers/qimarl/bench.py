"""Paper 004's benchmarks (`qrepro bench qimarl`): its per-step solvers against their references and a training
episode's time by part; and the QI-MARL training workloads of `qrepro bench against`."""

from __future__ import annotations

import time
import warnings

import torch

from ...bench.simulators import _time

# `qrepro bench against`: workload kind, its methods, (warm-up, timed) episodes, the unit timed
AGAINST = {"kind": "qimarl", "names": ("qimarl", "qimarl_noshared", "ddpg", "icm", "rnd", "ppo", "iql"),
           "sizes": (6, 10), "unit": "episode"}
WALL_CLOCK = ("episode_time_s", "qaoa_time_s")      # logged columns that are never the same twice


def priced_rows(name: str) -> list[tuple[str, str | None]]:
    """The (rule, cost class) rows of results/costs.csv a workload's ratio prices (class None: every class): its
    own class; the sweep runs are all QI-MARL with one knob moved."""
    return [("qimarl_train", name)] + ([("qimarl_sweep_train", None)] if name == "qimarl" else [])


def trainer(cfg: dict, method: str, seed: int = 0):
    """A QI-MARL learner at the default tier's settings, as a training run builds it (also the episode profile's of
    `qrepro bench qimarl`); the tree whose ``qrepro`` is imported decides the code."""
    from qrepro.papers.qimarl import learner, mappo, offpolicy, world

    p = cfg["qimarl"]
    return learner.QIMARL(method, world.UAVConfig.from_params(p["env"]), seed, mappo.PPOConfig(**p["ppo"]),
                          offpolicy.OffPolicyConfig.from_params(p["offpolicy"]), learner.QIConfig.from_params(p["qi"]),
                          p["oracle_every"], total_episodes=p["tiers"]["default"]["episodes"])


def measure(name: str, warmup: int, timed: int, data_dir: str) -> dict:
    """CPU seconds per training episode of method ``name``, and a fingerprint of every logged column but the
    wall-clock ones and of the learner's weights (run inside either tree by `qrepro bench against`)."""
    import json

    from qrepro.bench.against import cpu_per_unit, fingerprint
    from qrepro.config import REPO_ROOT, load_params

    torch.set_num_threads(1)
    run = trainer(load_params(REPO_ROOT / "params.yaml"), name)
    cpu, _ = cpu_per_unit(run.run_episode, warmup, timed)
    rows = json.dumps([{k: v for k, v in r.items() if k not in WALL_CLOCK} for r in run.rows]).encode()
    nets = [getattr(run.agent, a) for a in ("actor", "critic", "q") if hasattr(run.agent, a)]
    weights = [v.numpy().tobytes() for net in nets for v in net.state_dict().values()]
    return {"cpu_s": cpu, "fingerprint": fingerprint(rows, *weights)}


def qimarl_bench(instances: int = 20, min_seconds: float = 1.0) -> dict:
    """Paper 004's two per-step solvers, side by side on the same inputs, one thread: the agent-proposal QAOA
    (10 qubits, p = 3, 512 shots per evaluation) under NLopt's vs scipy's COBYLA (ms per solve, evaluations, the
    exact energy of the final angles, lower is better), and the exact GP posterior on a 20 x 20 grid with every
    cell seen, LAPACK (ours) vs gpytorch ExactGP (the reference it is tested against)."""
    import numpy as np

    from . import proposals as qp
    from .gp_field import CellGP

    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    cand = qp.candidate_grid(2000.0)
    problems = []
    for _ in range(instances):
        w_all = qp.candidate_weights(rng.normal(size=64), rng.uniform(0, 1, 64))
        c = qp.propose(rng.uniform(0, 2000, (10, 2)), cand, w_all)
        problems.append(qp.proposal_hamiltonian(w_all[c], cand[c], lam_pen=2.0, d_min_m=200.0))
    out = {}
    for optimizer in qp.OPTIMIZERS:
        t0, evals, energy = time.perf_counter(), [], []
        for k, (w, pen) in enumerate(problems):
            r = qp.solve(w, pen, seed=k, optimizer=optimizer)
            e = qp.energies(w, pen)
            probs = np.abs(qp.statevector(e / np.abs(e).max(), r["angles"][:3], r["angles"][3:])) ** 2
            evals.append(r["n_evals"])
            energy.append(float(probs @ e))
        out[optimizer] = (time.perf_counter() - t0) / instances
        print(f"QAOA proposal solve, COBYLA {optimizer:5s}: {1e3 * out[optimizer]:6.1f} ms, {np.mean(evals):5.1f} "
              f"evaluations, mean energy {np.mean(energy):+.4f}", flush=True)
    print(f"scipy / nlopt time per solve: {out['scipy'] / out['nlopt']:.1f}x", flush=True)
    gps = {}
    for backend in ("lapack", "gpytorch"):
        gp, feed = CellGP(20, backend=backend), np.random.default_rng(1)
        for t in range(3000):
            gp.update(feed.integers(0, 400, 10), feed.normal(size=10), t)
        gps[backend] = gp
    with warnings.catch_warnings():              # gpytorch: "the input matches the stored training data" (intended)
        warnings.simplefilter("ignore")
        times = {b: _time(lambda: gp.posterior(3000.0), min_seconds, 2000) for b, gp in gps.items()}
        (ma, sa), (mb, sb) = gps["lapack"].posterior(3000.0), gps["gpytorch"].posterior(3000.0)
    out["gp"] = times["gpytorch"] / times["lapack"]
    print(f"GP posterior, 400 cells seen: lapack {1e3 * times['lapack']:.2f} ms, gpytorch {1e3 * times['gpytorch']:.2f}"
          f" ms ({out['gp']:.1f}x); largest difference {max(np.abs(ma - mb).max(), np.abs(sa - sb).max()):.1e}",
          flush=True)
    return out


def qimarl_episode_profile(method: str = "qimarl", episodes: int = 10, warmup: int = 3, seed: int = 0) -> dict:
    """Where a paper-004 training episode's time goes, one thread, at the default tier's settings: shares of
    ``episodes`` episodes (after ``warmup``, so the GP has data) by part, from cProfile's cumulative times (its
    per-call overhead inflates the Python-heavy parts a little). The before/after table of a speed-up to QI-MARL,
    the largest share of the default tier."""
    import cProfile
    import inspect
    import pstats

    from ...config import REPO_ROOT, load_params
    from . import curiosity, learner, mappo, offpolicy, world
    from . import env as uav_env
    from .gp_field import CellGP

    torch.set_num_threads(1)
    run = trainer(load_params(REPO_ROOT / "params.yaml"), method, seed)
    parts = {"GP posterior": [CellGP.posterior], "GP update": [learner.QIMARL._gp_update],
             "QAOA proposals": [learner.QIMARL._qaoa], "act": [mappo.MAPPO.act, offpolicy.MADDPG.act,
                                                            offpolicy.IQL.act],
             "learner update": [mappo.MAPPO.update, offpolicy._OffPolicy.update],
             "curiosity": [curiosity.Curiosity.bonus, curiosity.Curiosity.end_episode],
             "env step": [uav_env.UAVTeamEnv.step], "observe": [uav_env.UAVTeamEnv.observe],
             "critic state": [learner.global_state], "oracle": [world.RelayWorld.oracle]}
    for _ in range(warmup):
        run.run_episode()
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.runcall(lambda: [run.run_episode() for _ in range(episodes)])
    total = time.perf_counter() - t0
    cumulative = {(f, line, name): ct for (f, line, name), (_, _, _, ct, _) in pstats.Stats(prof).stats.items()}

    def seconds(fn) -> float:
        code = inspect.unwrap(fn).__code__
        return cumulative.get((code.co_filename, code.co_firstlineno, code.co_name), 0.0)

    out = {part: sum(seconds(fn) for fn in fns) for part, fns in parts.items()}
    out["rest"] = total - sum(out.values())
    print(f"QI-MARL episode, method {method}, seed {seed}, episodes {warmup + 1}-{warmup + episodes}: "
          f"{1e3 * total / episodes:.0f} ms per episode under cProfile", flush=True)
    for part, s in sorted(out.items(), key=lambda kv: -kv[1]):
        if s > 0:
            print(f"  {part:16s} {1e3 * s / episodes:7.1f} ms  {s / total:5.1%}", flush=True)
    return {part: s / total for part, s in out.items()}


def commands(sub) -> None:
    """`qrepro bench qimarl`."""
    q = sub.add_parser("qimarl", help="paper 004: proposal QAOA under NLopt vs scipy COBYLA; GP posterior vs "
                                      "gpytorch; a training episode's time by part")
    q.set_defaults(run=lambda args: (qimarl_bench(), qimarl_episode_profile()))
