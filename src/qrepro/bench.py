"""Side-by-side timing of our simulators (compiled kernel, eager torch) vs PennyLane default.qubit (backprop),
one thread. Prints forward+backward milliseconds per call and the speed-up ratios, measured in the same run.
"""

from __future__ import annotations

import time

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
    """float32 (what the models train with) for our two simulators; PennyLane runs float64 as it does by default."""
    torch.set_num_threads(1)
    rows = []
    for label, build, n, layers in circuits:
        c = build(n, layers)
        kernel, eager = KernelCircuit(c, torch.float32), TorchCircuit(c, dtype=torch.float32)
        pl = pennylane_qnode(c) if n <= skip_pennylane_above else None
        for b in batches:
            tk = _time(fwd_bwd(kernel, c, b, torch.float32), min_seconds, 500)
            tt = _time(fwd_bwd(eager, c, b, torch.float32), min_seconds, 200)
            tpl = _time(fwd_bwd(pl, c, b), min_seconds, 20) if pl else float("nan")
            rows.append((label, b, tpl * 1e3, tt * 1e3, tk * 1e3, tpl / tt, tpl / tk))
            print(f"{label:20s} batch {b:3d}: PennyLane {tpl * 1e3:9.2f} ms | torch {tt * 1e3:8.2f} ms "
                  f"({tpl / tt:6.1f}x) | kernel {tk * 1e3:8.2f} ms ({tpl / tk:6.1f}x)", flush=True)
    return rows


def ddqn_epoch_bench(models=("C64-2", "Q10-4"), epochs: int = 5) -> dict[str, float]:
    """Seconds per full DDQN epoch (2000 interactions, 200 updates, 100 validation episodes), one thread.
    The models' epochs alternate (so machine load hits both alike) after an untimed warm-up forward/backward
    (JIT compilation); the median epoch time is reported."""
    import statistics

    from .agents.ddqn import DDQN, DDQNConfig
    from .agents.qrl_models import build_model

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
    return out


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
