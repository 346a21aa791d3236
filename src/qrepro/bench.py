"""Side-by-side timing of our simulators (compiled kernel, eager torch) vs PennyLane default.qubit (backprop), and
(``--peers``) of the kernel against every peer simulator a user would pick (qrepro.bench_peers), one thread. Prints
forward+backward milliseconds per call and the ratios, measured in the same run.
"""

from __future__ import annotations

import time
import warnings

import torch

from .quantum.ansatz import iqp_crot_circuit, reuploading_circuit
from .quantum import TorchCircuit
from .quantum.kernel import KernelCircuit
from .quantum.reference import pennylane_qnode

# (label, builder, qubits, layers): QSAC's actor circuit and the qrlbench IQP/CRot circuit at Q[10-4], Q[14-4]
CIRCUITS = [("qsac 6q-2l", reuploading_circuit, 6, 2), ("qrlbench iqp 10q-4l", iqp_crot_circuit, 10, 4),
            ("qrlbench iqp 14q-4l", iqp_crot_circuit, 14, 4)]


def _time(fn, min_seconds: float, max_reps: int) -> float:
    fn()  # warm-up
    reps, t0 = 0, time.perf_counter()
    while reps < max_reps and (reps < 2 or time.perf_counter() - t0 < min_seconds):
        fn()
        reps += 1
    return (time.perf_counter() - t0) / reps


def fwd_bwd(run, circuit, batch: int, dtype=torch.float64):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(batch, circuit.n_inputs, generator=g, dtype=dtype).requires_grad_()
    w = torch.rand(circuit.n_weights, generator=g, dtype=dtype).requires_grad_()

    def step():
        out = run(x, w)
        out.sum().backward()

    return step


def run_bench(batches=(1, 32, 64), circuits=CIRCUITS, min_seconds: float = 1.0, skip_pennylane_above: int = 14):
    """float32 (what the models train with) for our two simulators; PennyLane runs float64 as it does by default.
    Each kernel line adds the rate of its gate passes (:func:`gate_flops`) as a share of :func:`sgemm_rate`."""
    torch.set_num_threads(1)
    rows, peak = [], sgemm_rate()
    print(f"float32 matrix product on this core, one thread: {peak / 1e9:.0f} GFLOP/s (the ceiling for the kernel's "
          "gate passes)", flush=True)
    for label, build, n, layers in circuits:
        c = build(n, layers)
        kernel, eager = KernelCircuit(c, torch.float32), TorchCircuit(c, dtype=torch.float32)
        pl = pennylane_qnode(c) if n <= skip_pennylane_above else None
        for b in batches:
            tk = _time(fwd_bwd(kernel, c, b, torch.float32), min_seconds, 500)
            tt = _time(fwd_bwd(eager, c, b, torch.float32), min_seconds, 200)
            tpl = _time(fwd_bwd(pl, c, b), min_seconds, 20) if pl else float("nan")
            share = sum(gate_flops(kernel, b)) / tk / peak
            rows.append((label, b, tpl * 1e3, tt * 1e3, tk * 1e3, tpl / tt, tpl / tk, share))
            print(f"{label:20s} batch {b:3d}: PennyLane {tpl * 1e3:9.2f} ms | torch {tt * 1e3:8.2f} ms "
                  f"({tpl / tt:6.1f}x) | kernel {tk * 1e3:8.2f} ms ({tpl / tk:6.1f}x; gate passes at {share:.0%} "
                  "of the matrix-product rate)", flush=True)
    return rows


def copy_bandwidth(nbytes: int, min_seconds: float = 0.3) -> float:
    """Bytes per second of a compiled ``y += x`` over float32 buffers of ``nbytes`` each (two reads, one write
    counted): how fast a state of that size can be streamed from the cache level it fits in, one thread."""
    import numpy as np
    from numba import njit

    @njit(cache=True, fastmath=True)
    def accumulate(x, y, reps):
        for _ in range(reps):
            for i in range(x.size):
                y[i] += x[i]

    x = np.full(max(1, nbytes // 4), 1e-7, np.float32)
    y = np.zeros_like(x)
    accumulate(x, y, 1)
    reps = max(1, int(2e8 // x.size))
    t = _time(lambda: accumulate(x, y, reps), min_seconds, 20)
    return 3 * x.nbytes * reps / t


def pass_rows(prog):
    """Per gate pass of a compiled program, the rows it starts from (a pair per row for a one-wire gate, a group
    of four for the two-wire H x H): its runs' length x their number. The traffic and flop models count these."""
    import numpy as np

    return prog.run_len * np.diff(prog.run_off)


def state_traffic(kernel: KernelCircuit, batch: int) -> float:
    """Bytes a forward + backward moves under a simple traffic model of the compiled program: each pass reads and
    writes the amplitudes of the rows it updates and their partners (float32 re + im per sample), the initial
    state is written and each observable reads the state once; the adjoint backward moves twice the forward's
    (it un-computes the state and the adjoint state in one pass per gate)."""
    import numpy as np

    from .quantum.kernel import _HH

    prog = kernel.prog
    touched = (pass_rows(prog) * np.where(prog.codes == _HH, 4, 2)).sum()
    forward = 8 * batch * (2 * touched + 2 ** prog.n * (1 + len(kernel.circuit.observables)))
    return 3.0 * forward


def sgemm_rate(n: int = 256, min_seconds: float = 0.3) -> float:
    """Flops per second of an n x n float32 matrix product on one thread (torch's BLAS, operands in cache): what
    this core's vector units sustain under a tuned library, the ceiling for any compute-bound kernel here."""
    a, b = torch.rand(n, n), torch.rand(n, n)
    return 2 * n ** 3 / _time(lambda: torch.mm(a, b), min_seconds, 100_000)


def gate_flops(kernel: KernelCircuit, batch: int) -> tuple[float, float]:
    """Floating-point operations (forward, adjoint backward) of the compiled program's gate passes: a lower bound
    on the kernel's work (angle tables, observables and the adjoint seed left out). Per sample, an SU(2) gate
    (every rotation, a CRot's target block) costs 28 per pair of rows it updates (four real outputs of four
    products and three sums), H 8 per pair, the two-wire H x H 24 per four rows, CNOT / CZ none. The backward
    un-computes the state and the adjoint state (twice the forward's work) and, for an SU(2) gate, adds 24 per
    pair for its three gradient terms."""
    import numpy as np

    from .quantum.kernel import _CNOT, _CZ, _H, _HH

    rows, codes = pass_rows(kernel.prog), kernel.prog.codes
    fwd = np.select([codes == _HH, codes == _H, (codes == _CNOT) | (codes == _CZ)], [24, 8, 0], 28)
    bwd = 2 * fwd + np.where(fwd == 28, 24, 0)
    return float(batch * (rows * fwd).sum()), float(batch * (rows * bwd).sum())


def peer_bench(batches=(1, 32, 64), circuits=CIRCUITS, min_seconds: float = 1.0) -> list[tuple]:
    """Our kernel against every peer a user would pick (qrepro.bench_peers), one thread, in one run: each peer is
    checked against the kernel on the circuit first (values and gradients), then timed forward + backward; prints
    each peer's time over the kernel's, and the kernel's share of the copy bandwidth at its state size."""
    import numpy as np

    from . import bench_peers as bp

    torch.set_num_threads(1)
    peers, skipped = bp.available()
    for label, why in skipped.items():
        print(f"skipped {label}: {why}", flush=True)
    rows = []
    for label, build, n, layers in circuits:
        c = build(n, layers)
        kernel, reference = KernelCircuit(c, torch.float32), bp.kernel_reference(c)
        ready, built = {}, []
        for peer, make in peers.items():
            try:
                run = make(c)
                built.append(run)
                gap = bp.agreement(run, reference, c)
            except RuntimeError as err:                     # an isolated peer's worker failed: say so, go on
                print(f"{label:20s} {peer:38s} skipped: {str(err).strip().splitlines()[-1]}", flush=True)
                continue
            tol = bp.TOLERANCE.get(peer, 1e-6)
            print(f"{label:20s} {peer:38s} agrees with the kernel to {gap:.1e} (tol {tol:g})", flush=True)
            if gap <= tol:
                ready[peer] = run
        for b in batches:
            rng = np.random.default_rng(b)
            x, w = rng.uniform(-np.pi, np.pi, (b, c.n_inputs)), rng.uniform(-np.pi, np.pi, c.n_weights)
            tk = _time(fwd_bwd(kernel, c, b, torch.float32), min_seconds, 500)
            share = state_traffic(kernel, b) / tk / copy_bandwidth(8 * 2 ** n * b)
            line = f"{label:20s} batch {b:3d}: kernel {tk * 1e3:8.3f} ms ({share:.0%} of copy bandwidth)"
            for peer, run in ready.items():
                tp = (run.seconds(x, w, min_seconds, 50) if isinstance(run, bp.IsolatedPeer) else
                      _time(lambda: run(x, w), min_seconds, 50))
                rows.append((label, b, peer, tp * 1e3, tk * 1e3, tp / tk))
                line += f" | {peer.split(' (')[0]} {tp / tk:.0f}x"
            print(line, flush=True)
        for run in built:
            if isinstance(run, bp.IsolatedPeer):
                run.close()
    behind = [r for r in rows if r[5] <= 1]
    print("kernel ahead of every peer on every circuit and batch" if not behind else
          "kernel NOT ahead: " + "; ".join(f"{r[0]} batch {r[1]} {r[2]} {r[5]:.2f}x" for r in behind), flush=True)
    return rows


def ddqn_epoch_bench(models=("C64-2", "Q10-4"), epochs: int = 5, within: float = 1.5) -> dict[str, float]:
    """Seconds per full DDQN epoch (2000 interactions, 200 updates, 100 validation episodes), one thread.
    The models' epochs alternate (so machine load hits both alike) after an untimed warm-up forward/backward
    (JIT compilation); the median epoch time is reported. A hybrid model's epoch is then split into its kernel
    work (:func:`ddqn_epoch_kernel`) and the rest, with how much faster the kernel would have to get for the epoch
    to take at most ``within`` x the first model's, and the most its arithmetic allows."""
    import statistics

    from .agents.ddqn import DDQN, DDQNConfig
    from .agents.qrl_models import HybridVQC, build_model

    torch.set_num_threads(1)
    agents, times = {}, {m: [] for m in models}
    for m in models:
        torch.manual_seed(0)
        agents[m] = DDQN(build_model(m, 3), DDQNConfig(), seed=0)
        agents[m].q(torch.rand(4, 3)).sum().backward()
    for _ in range(epochs):
        for m in models:
            t0 = time.perf_counter()
            agents[m].run_epoch()
            times[m].append(time.perf_counter() - t0)
    out = {m: statistics.median(ts) for m, ts in times.items()}
    for m in models:
        print(f"DDQN epoch {m:7s}: {out[m]:7.2f} s (median of {epochs})", flush=True)
    base = out[models[0]]
    for m in models[1:]:
        print(f"{m} / {models[0]} epoch time: {out[m] / base:.1f}x", flush=True)
        if isinstance(agents[m].q, HybridVQC):
            kernel_s, flops = ddqn_epoch_kernel(agents[m].q.body._run, agents[m].cfg)
            rest, need = out[m] - kernel_s, kernel_speedup_needed(base, out[m], kernel_s, within)
            floor = flops / sgemm_rate()
            print(f"{m} epoch: its kernel work {kernel_s:.2f} s (timed alone at the epoch's batch sizes), the rest "
                  f"{rest:.2f} s ({rest / base:.1f}x {models[0]}'s whole epoch)", flush=True)
            print(f"within {within}x of {models[0]} ({within * base:.2f} s) " + (
                f"needs that kernel work {need:.1f}x faster" if need < float("inf") else
                "is out of the kernel's reach: the rest alone takes longer") +
                f"; its gate passes at this core's matrix-product rate would take {floor:.2f} s, so the kernel "
                f"can get at most {kernel_s / floor:.1f}x faster", flush=True)
    return out


def ddqn_epoch_kernel(kernel: KernelCircuit, cfg) -> tuple[float, float]:
    """Seconds and gate-pass flops (:func:`gate_flops`) of the kernel's work in one DDQN epoch
    (agents.ddqn.DDQN.run_epoch), timed alone at the epoch's batch sizes: per collect step a forward on the
    training envs' observations and per update no-grad forwards of the online and the target net on s' and a
    forward + backward on the sampled batch; per validation step a forward on the validation envs."""
    collects = cfg.steps_per_epoch // cfg.n_train_envs
    updates = collects * max(1, round(0.1 * cfg.n_train_envs))        # as DDQN.run_epoch
    c = kernel.circuit

    def forward(b):
        x = torch.rand(b, c.n_inputs)
        with torch.no_grad():
            return _time(lambda: kernel(x, torch.zeros(0)), 0.3, 2000)

    calls = [(collects, cfg.n_train_envs), (2 * updates, cfg.batch_size), (cfg.horizon, cfg.n_val_envs)]
    seconds = sum(k * forward(b) for k, b in calls) + updates * _time(fwd_bwd(kernel, c, cfg.batch_size,
                                                                           torch.float32), 0.3, 2000)
    flops = sum(k * gate_flops(kernel, b)[0] for k, b in calls) + updates * sum(gate_flops(kernel, cfg.batch_size))
    return seconds, flops


def kernel_speedup_needed(base_s: float, hybrid_s: float, kernel_s: float, target: float) -> float:
    """How many times faster the kernel's ``kernel_s`` of a hybrid epoch of ``hybrid_s`` seconds must get for the
    epoch to take at most ``target`` x the classical one's ``base_s``; inf when the rest alone takes longer."""
    room = target * base_s - (hybrid_s - kernel_s)
    return kernel_s / room if room > 0 else float("inf")


def qaoa_bench(ns=(5, 8), min_seconds: float = 1.0) -> dict:
    """Paper 003: one p = 1 QAOA state (+ probabilities) from our exact simulators vs qiskit-aer's statevector
    method on the same circuit, one thread. Confined = Dicke + XY in the feasible subspace; penalty = full space."""
    import numpy as np
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    from .problems.gmcp import cbrs_instance
    from .quantum import qaoa_circuits as qc
    from .quantum.qaoa_sim import ConfinedQAOA, PenaltyQAOA

    sim = AerSimulator(method="statevector", max_parallel_threads=1)
    out = {}
    for n in ns:
        inst = cbrs_instance(n)
        for name, ours, circuit in (("confined", ConfinedQAOA(inst), qc.confined_circuit(inst, 5.46, 0.26)),
                                    ("penalty", PenaltyQAOA(inst), qc.penalty_circuit(inst, 0.1, 2.8))):
            circuit = circuit.copy()
            circuit.save_statevector()
            compiled = transpile(circuit, sim, optimization_level=0)
            t_ours = _time(lambda: ours.probs(np.array([0.7]), np.array([0.4])), min_seconds, 1000)
            t_aer = _time(lambda: np.abs(np.asarray(sim.run(compiled).result().get_statevector())) ** 2,
                          min_seconds, 20)
            out[(name, n)] = t_aer / t_ours
            print(f"QAOA {name:8s} N={n} ({3 * n} qubits): ours {1e3 * t_ours:9.2f} ms, Aer {1e3 * t_aer:9.2f} ms, "
                  f"speed-up {t_aer / t_ours:8.1f}x", flush=True)
    return out


def noisy_bench(n: int = 5, p_err: float = 0.03, shots: int = 256, min_seconds: float = 1.0) -> dict:
    """Paper 003's noise sweep: the same shots of each of its six circuits (two ansaetze x three noise scopes,
    noise_N = 5, depolarizing p_err on the scope's gates) on the Pauli-frame simulator and on qiskit-aer's
    trajectories, one thread, side by side (ms per shot)."""
    from .problems.gmcp import cbrs_instance
    from .quantum import qaoa_circuits as qc

    inst, out = cbrs_instance(n), {}
    for scope in qc.NOISE_SCOPES:
        for name, angles in (("proposed", (5.54, 0.24)), ("standard", (0.1, 2.8))):
            prepared = qc.prepare(qc.sweep_circuit(inst, name, scope, *angles), scope)
            noise = qc.noise_model(scope, p_err)
            t = {sim: _time(lambda s=sim: qc.sample_noisy(s, prepared, inst, shots, 1, noise, p_err), min_seconds, 20)
                 for sim in qc.NOISE_SIMULATORS}
            out[(scope, name)] = t["aer"] / t["frames"]
            print(f"noisy {name:8s} {scope:14s} ({qc.gate_counts(prepared, noise)[2]:3d} noisy gates, p={p_err}): "
                  f"frames {1e3 * t['frames'] / shots:6.2f} ms/shot, Aer {1e3 * t['aer'] / shots:6.2f} ms/shot, "
                  f"speed-up {out[(scope, name)]:5.1f}x", flush=True)
    return out


def qimarl_bench(instances: int = 20, min_seconds: float = 1.0) -> dict:
    """Paper 004's two per-step solvers, side by side on the same inputs, one thread: the agent-proposal QAOA
    (10 qubits, p = 3, 512 shots per evaluation) under NLopt's vs scipy's COBYLA (ms per solve, evaluations, the
    exact energy of the final angles, lower is better), and the exact GP posterior on a 20 x 20 grid with every
    cell seen, LAPACK (ours) vs gpytorch ExactGP (the reference it is tested against)."""
    import numpy as np

    from .models.gp_field import CellGP
    from .quantum import qaoa_proposals as qp

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

    from .agents import curiosity, mappo, offpolicy, qimarl
    from .bench_against import qimarl_trainer
    from .config import REPO_ROOT, load_params
    from .envs import uav, uav_env
    from .models.gp_field import CellGP

    torch.set_num_threads(1)
    trainer = qimarl_trainer(load_params(REPO_ROOT / "params.yaml"), method, seed)
    parts = {"GP posterior": [CellGP.posterior], "GP update": [qimarl.QIMARL._gp_update],
             "QAOA proposals": [qimarl.QIMARL._qaoa], "act": [mappo.MAPPO.act, offpolicy.MADDPG.act,
                                                            offpolicy.IQL.act],
             "learner update": [mappo.MAPPO.update, offpolicy._OffPolicy.update],
             "curiosity": [curiosity.Curiosity.bonus, curiosity.Curiosity.end_episode],
             "env step": [uav_env.UAVTeamEnv.step], "observe": [uav_env.UAVTeamEnv.observe],
             "critic state": [qimarl.global_state], "oracle": [uav.RelayWorld.oracle]}
    for _ in range(warmup):
        trainer.run_episode()
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.runcall(lambda: [trainer.run_episode() for _ in range(episodes)])
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
