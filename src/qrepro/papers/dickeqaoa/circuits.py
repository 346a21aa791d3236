"""Qiskit circuits of paper 003 (spec 2.2-2.4, 2.8) and the three depolarizing-noise scopes, sampled on
qiskit-aer or on the Pauli-frame simulator (:mod:`.pauli_frames`, same noise, ~5x faster per shot).

Qubit q = i*m + c. The confined ansatz uses the Baertschi-Eidenbenz W3 construction for Dicke states; the dual
ansatz uses one 4-qubit UnitaryGate per plaquette in lexicographic order.
"""

from __future__ import annotations

import numpy as np
from qiskit import QuantumCircuit, transpile
from qiskit.circuit.library import UnitaryGate, XXPlusYYGate
from qiskit_aer import AerSimulator
from qiskit_aer.noise import NoiseModel, depolarizing_error

from .pauli_frames import FrameProgram
from .problem import Instance, configs_from_indices
from .qaoa import mixer_pairs, xy_register_unitary
from .solvers import greedy_fill, plaquettes

NOISE_SCOPES = ("transpiled_all", "logical", "cx_only")
NOISE_SIMULATORS = ("frames", "aer")
TRANSPILED_BASIS = ["rz", "sx", "x", "cx"]
CX_ONLY_BASIS = ["cx", "u", "x", "h", "cry", "cp", "rx", "p"]
LOGICAL_NOISY_GATES = ["x", "cx", "cry", "cp", "h", "p", "rx"]   # spec E4: the XY mixer (xx_plus_yy) is noiseless


def dicke_w3(qc: QuantumCircuit, a: int, b: int, c: int, k: int) -> None:
    """|D^3_k> on (a, b, c) with real positive amplitudes: W3 via two split-and-cyclic-shift blocks, X^3 for k=2."""
    if k not in (1, 2):
        raise ValueError(f"dicke_w3 prepares k in (1, 2) on 3 qubits, got k={k}")
    qc.x(c)
    qc.cx(b, c)
    qc.cry(2 * np.arccos(np.sqrt(1 / 3)), c, b)
    qc.cx(b, c)
    qc.cx(a, b)
    qc.cry(2 * np.arccos(np.sqrt(1 / 2)), b, a)
    qc.cx(a, b)
    if k == 2:
        qc.x([a, b, c])


def _cost_layer(qc: QuantumCircuit, inst: Instance, gamma: float) -> None:
    for i, j in inst.edges:
        for c in range(inst.m):
            qc.cp(-gamma, i * inst.m + c, j * inst.m + c)


def confined_circuit(inst: Instance, gammas, betas, xy_mode: str = "trotter",
                     xy_gate: str = "xx_plus_yy") -> QuantumCircuit:
    """Dicke init, conflict cost, XY mixer (trotter: XXPlusYYGate(2 beta) per pair, spec 2.3, or the equal
    RXX(beta) RYY(beta) pair with ``xy_gate='rxx_ryy'``, which Aer runs natively; exact: one unitary per register)."""
    if inst.m != 3:
        raise ValueError(f"the W3 Dicke construction needs m = 3 channels, got m={inst.m}")
    qc = QuantumCircuit(inst.n_qubits)
    for i in range(inst.n):
        dicke_w3(qc, 3 * i, 3 * i + 1, 3 * i + 2, inst.k[i])
    for g, b in zip(np.atleast_1d(gammas), np.atleast_1d(betas)):
        _cost_layer(qc, inst, g)
        for i in range(inst.n):
            if xy_mode == "exact":
                qc.append(UnitaryGate(xy_register_unitary(3, b, "exact")), [3 * i, 3 * i + 1, 3 * i + 2])
                continue
            for a, c in mixer_pairs(3):
                if xy_gate == "rxx_ryy":
                    qc.rxx(b, 3 * i + a, 3 * i + c)
                    qc.ryy(b, 3 * i + a, 3 * i + c)
                else:
                    qc.append(XXPlusYYGate(2 * b, 0.0), [3 * i + a, 3 * i + c])
    return qc


def penalty_circuit(inst: Instance, gammas, betas, lam: float = 5.0) -> QuantumCircuit:
    """|+> init, cost C + lambda (sum n - k)^2 via P/CP (constant k^2 dropped), RX(2 beta) mixer."""
    qc = QuantumCircuit(inst.n_qubits)
    qc.h(range(inst.n_qubits))
    for g, b in zip(np.atleast_1d(gammas), np.atleast_1d(betas)):
        _cost_layer(qc, inst, g)
        for i in range(inst.n):
            qs = [i * inst.m + c for c in range(inst.m)]
            for q in qs:
                qc.p(-g * lam * (1 - 2 * inst.k[i]), q)
            for a in range(inst.m):
                for c in range(a + 1, inst.m):
                    qc.cp(-2 * g * lam, qs[a], qs[c])
        qc.rx(2 * b, range(inst.n_qubits))
    return qc


def sweep_circuit(inst: Instance, ansatz: str, scope: str, gamma, beta, lam: float = 5.0) -> QuantumCircuit:
    """The noise sweep's circuit of ``ansatz`` (proposed | standard) before :func:`prepare`: the logical scope
    runs the XY mixer as native RXX/RYY (noiseless there, spec E4), the others as XXPlusYY."""
    if ansatz == "proposed":
        return confined_circuit(inst, gamma, beta, xy_gate="rxx_ryy" if scope == "logical" else "xx_plus_yy")
    return penalty_circuit(inst, gamma, beta, lam)


def plaquette_unitary(beta: float) -> np.ndarray:
    """exp(-i beta (|1001><0110| + h.c.)) on qubits [(i,c), (i,c'), (j,c), (j,c')]: indices 9 <-> 6 little-endian."""
    u = np.eye(16, dtype=complex)
    u[np.ix_([6, 9], [6, 9])] = [[np.cos(beta), -1j * np.sin(beta)], [-1j * np.sin(beta), np.cos(beta)]]
    return u


def dual_circuit(inst: Instance, capacities, gamma: float, beta: float) -> QuantumCircuit:
    """X gates for X^0, one cost layer (a global phase on a basis state), the 84 plaquette unitaries."""
    qc = QuantumCircuit(inst.n_qubits)
    x0 = greedy_fill(inst, capacities)
    qc.x([q for q, v in enumerate(x0.ravel()) if v])
    _cost_layer(qc, inst, gamma)
    u = UnitaryGate(plaquette_unitary(beta))
    m = inst.m
    for i, j, c, d in plaquettes(inst.n, m):
        qc.append(u, [i * m + c, i * m + d, j * m + c, j * m + d])
    return qc


def noise_model(scope: str, p_err: float, logical_gates=LOGICAL_NOISY_GATES) -> NoiseModel | None:
    """Depolarizing noise of strength p_err on the gates of one scope (spec E4 / 6.10); None when p_err = 0."""
    if scope not in NOISE_SCOPES:
        raise ValueError(f"dickeqaoa: noise scope must be one of {', '.join(NOISE_SCOPES)}; got {scope!r}")
    if p_err == 0:
        return None
    nm = NoiseModel()
    one, two = depolarizing_error(p_err, 1), depolarizing_error(p_err, 2)
    if scope == "transpiled_all":
        nm.add_all_qubit_quantum_error(one, ["rz", "sx", "x"])
        nm.add_all_qubit_quantum_error(two, ["cx"])
    elif scope == "cx_only":
        nm.add_all_qubit_quantum_error(two, ["cx"])
    else:
        singles = [g for g in logical_gates if g in ("x", "h", "p", "rx", "ry", "rz")]
        doubles = [g for g in logical_gates if g not in singles]
        if singles:
            nm.add_all_qubit_quantum_error(one, singles)
        if doubles:
            nm.add_all_qubit_quantum_error(two, doubles)
    return nm


def prepare(qc: QuantumCircuit, scope: str, seed: int = 0) -> QuantumCircuit:
    """The circuit exactly as Aer will run it under the scope's noise model: transpiled to {rz,sx,x,cx}, to the
    cx-only basis, or as written (logical scope: build the confined circuit with xy_gate='rxx_ryy')."""
    if scope == "transpiled_all":
        return transpile(qc, basis_gates=TRANSPILED_BASIS, optimization_level=1, seed_transpiler=seed)
    if scope == "cx_only":
        return transpile(qc, basis_gates=CX_ONLY_BASIS, optimization_level=0, seed_transpiler=seed)
    return qc


def sample_aer(qc: QuantumCircuit, inst: Instance, shots: int, seed: int, noise: NoiseModel | None = None,
               threads: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Run on AerSimulator (statevector, trajectories under noise): (configs (K, n, m), counts (K,))."""
    meas = qc.copy()
    meas.measure_all()
    # a noise model that acts on none of the circuit's gates (cx_only scope, CX-free penalty circuit): Aer would
    # still run one trajectory per shot; shot branching runs the circuit once and draws the same counts
    idle = noise is not None and gate_counts(qc, noise)[2] == 0
    sim = AerSimulator(method="statevector", noise_model=noise, max_parallel_threads=threads,
                       shot_branching_enable=idle)
    if noise is None:     # translate gates Aer lacks (xx_plus_yy); with noise the circuit must already be native,
        meas = transpile(meas, sim, optimization_level=0)   # else Aer's noise basis would re-translate it
    counts = sim.run(meas, shots=shots, seed_simulator=seed).result().get_counts()
    idx = np.array([int(b.replace(" ", ""), 2) for b in counts], dtype=np.int64)
    return configs_from_indices(idx, inst), np.array(list(counts.values()), dtype=np.int64)


def sample_frames(qc: QuantumCircuit, inst: Instance, shots: int, seed: int, noise: NoiseModel | None,
                  p_err: float) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`sample_aer`, on the Pauli-frame simulator: ``noise`` says which gates are noisy (each a
    depolarizing error of strength ``p_err``, as :func:`noise_model` builds it)."""
    noisy = set(noise.noise_instructions) if noise is not None else set()
    idx = FrameProgram(qc, noisy, p_err).sample(np.random.default_rng(seed), shots)
    values, counts = np.unique(idx, return_counts=True)
    return configs_from_indices(values, inst), counts.astype(np.int64)


def sample_noisy(simulator: str, qc: QuantumCircuit, inst: Instance, shots: int, seed: int,
                 noise: NoiseModel | None, p_err: float) -> tuple[np.ndarray, np.ndarray]:
    """Shots of a prepared circuit under ``noise`` on ``simulator`` (dickeqaoa.noise.simulator)."""
    if simulator == "frames":
        return sample_frames(qc, inst, shots, seed, noise, p_err)
    if simulator == "aer":
        return sample_aer(qc, inst, shots, seed, noise)
    raise ValueError(f"dickeqaoa.noise.simulator must be one of {', '.join(NOISE_SIMULATORS)}; got {simulator!r}")


def gate_counts(circ: QuantumCircuit, noise: NoiseModel | None = None) -> tuple[int, int, int]:
    """(single-qubit gates, multi-qubit gates, gates the noise model acts on); barriers/measurements excluded."""
    noisy_names = set(noise.noise_instructions) if noise is not None else set()
    ops = [ins for ins in circ.data if ins.operation.name not in ("barrier", "measure")]
    n_1q = sum(len(ins.qubits) == 1 for ins in ops)
    return n_1q, len(ops) - n_1q, sum(ins.operation.name in noisy_names for ins in ops)
