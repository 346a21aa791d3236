"""Paper 003's benchmarks (`qrepro bench qaoa`): the exact QAOA simulators and the noisy Pauli-frame simulator
against qiskit-aer on the same circuits, one thread."""

from __future__ import annotations

from ...bench.simulators import _time


def qaoa_bench(ns=(5, 8), min_seconds: float = 1.0) -> dict:
    """Paper 003: one p = 1 QAOA state (+ probabilities) from our exact simulators vs qiskit-aer's statevector
    method on the same circuit, one thread. Confined = Dicke + XY in the feasible subspace; penalty = full space."""
    import numpy as np
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    from . import circuits as qc
    from .problem import cbrs_instance
    from .qaoa import ConfinedQAOA, PenaltyQAOA

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
    from . import circuits as qc
    from .problem import cbrs_instance

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


def commands(sub) -> None:
    """`qrepro bench qaoa`."""
    q = sub.add_parser("qaoa", help="paper 003: exact QAOA simulators and the noisy Pauli-frame simulator vs "
                                    "qiskit-aer")
    q.set_defaults(run=lambda args: (qaoa_bench(), noisy_bench()))
