"""The Pauli-frame noisy simulator against qiskit: exact states for injected errors on every gate kind and on
the noise sweep's own circuits, sampled distributions against an exact density-matrix evolution, and
qiskit-aer's depolarizing error rates."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import XXPlusYYGate
from qiskit.quantum_info import DensityMatrix, Operator, Statevector
from qiskit_aer.noise import depolarizing_error

from qrepro.config import load_params
from qrepro.papers.dickeqaoa import circuits as qc
from qrepro.papers.dickeqaoa.config import problem as dickeqaoa_problem
from qrepro.papers.dickeqaoa.pauli_frames import FrameProgram
from qrepro.papers.dickeqaoa.problem import indices_from_configs
from qrepro.papers.dickeqaoa.run import instance

PAULI = {1: "x", 2: "y", 3: "z"}


def every_gate_circuit(n: int = 5, seed: int = 3) -> QuantumCircuit:
    """Every gate the noise sweep's circuits use, on changing qubit pairs (low and high bits), random angles."""
    rng = np.random.default_rng(seed)
    c = QuantumCircuit(n)
    ang = lambda: float(rng.uniform(-np.pi, np.pi))  # noqa: E731
    for layer in range(3):
        for q in range(n):
            c.h(q) if layer == 0 else c.sx(q)
            c.rz(ang(), q)
            c.u(ang(), ang(), ang(), q)
        for q in range(n):
            a, b = q, (q + 1 + layer) % n
            kind = (q + layer) % 5
            if kind == 0:
                c.cx(a, b)
            else:
                (c.cp, c.cry, c.rxx, c.ryy)[kind - 1](ang(), a, b)
            c.append(XXPlusYYGate(ang(), ang()), [b, a])
        c.x(layer % n)
        c.p(ang(), (layer + 2) % n)
        c.rx(ang(), (layer + 3) % n)
    return c


def with_paulis(circ: QuantumCircuit, noisy: set, codes: np.ndarray) -> QuantumCircuit:
    """The circuit with the Pauli of each code written out after its noisy gate (what Aer runs for that shot)."""
    out, col = QuantumCircuit(circ.num_qubits), 0
    for ins in circ.data:
        out.append(ins.operation, ins.qubits)
        if ins.operation.name in noisy:
            c = int(codes[col])
            col += 1
            for q, p in zip(ins.qubits, (c & 3, c >> 2)):
                if p:
                    getattr(out, PAULI[p])(q)
    return out


def all_gate_names(circ: QuantumCircuit) -> set:
    return {ins.operation.name for ins in circ.data}


def test_injected_errors_give_qiskit_state_on_every_gate_kind():
    circ = every_gate_circuit()
    noisy = all_gate_names(circ)
    prog = FrameProgram(circ, noisy, 0.05)
    rng = np.random.default_rng(0)
    for trial in range(20):
        codes = prog.draw_errors(rng, 1)
        codes[0] = np.where(rng.random(codes.shape[1]) < 0.3, rng.integers(1, 16, codes.shape[1]), 0)
        codes[0, prog.arity[prog.arity > 0] == 1] %= 4                     # one-qubit gates: codes 0-3
        psi, _ = prog.final_state(codes)
        ref = Statevector(with_paulis(circ, noisy, codes[0])).data
        assert abs(np.vdot(ref, psi)) == pytest.approx(1.0, abs=1e-12), trial


@pytest.fixture(scope="module")
def sweep_circuits():
    cfg = dickeqaoa_problem(load_params("params.yaml"))
    inst = instance(cfg, 4)
    out = {}
    for scope in qc.NOISE_SCOPES:
        out[scope, "proposed"] = qc.prepare(qc.confined_circuit(
            inst, 0.9, 0.4, xy_gate="rxx_ryy" if scope == "logical" else "xx_plus_yy"), scope, 0)
        out[scope, "standard"] = qc.prepare(qc.penalty_circuit(inst, 0.9, 0.4, float(cfg["lam"])), scope, 0)
    return inst, out


def test_sweep_circuits_with_injected_errors_equal_qiskit(sweep_circuits):
    """The noise sweep's six circuits (N = 4, every scope): noiseless and with injected errors."""
    _, circuits = sweep_circuits
    rng = np.random.default_rng(1)
    for (scope, ansatz), circ in circuits.items():
        noisy = set(qc.noise_model(scope, 0.03).noise_instructions)
        prog = FrameProgram(circ, noisy, 0.03)
        psi, fx = prog.final_state()
        assert fx == 0
        assert abs(np.vdot(Statevector(circ).data, psi)) == pytest.approx(1.0, abs=1e-12), (scope, ansatz)
        if not (prog.arity > 0).any():
            continue
        codes = prog.draw_errors(rng, 1)
        codes[0] = np.where(rng.random(codes.shape[1]) < 0.2, rng.integers(1, 4, codes.shape[1]), 0)
        psi, _ = prog.final_state(codes)
        ref = Statevector(with_paulis(circ, noisy, codes[0])).data
        assert abs(np.vdot(ref, psi)) == pytest.approx(1.0, abs=1e-12), (scope, ansatz)


def _tvd_bound(probs: np.ndarray, shots: int, rng, draws: int = 300) -> float:
    """99th percentile of the TVD of a multinomial sample of ``shots`` from ``probs`` (shot noise alone)."""
    return float(np.quantile([0.5 * np.abs(rng.multinomial(shots, probs) / shots - probs).sum()
                              for _ in range(draws)], 0.99))


def exact_noisy_probs(circ: QuantumCircuit, p: float) -> np.ndarray:
    """Outcome probabilities with qiskit-aer's depolarizing_error(p, k) after every gate, by evolving qiskit's
    DensityMatrix (an independent exact reference; Aer's density-matrix method lacks CRY)."""
    rho = DensityMatrix.from_label("0" * circ.num_qubits)
    for ins in circ.data:
        qargs = [circ.find_bit(q).index for q in ins.qubits]
        rho = rho.evolve(Operator(ins.operation), qargs)
        rho = rho.evolve(depolarizing_error(p, len(qargs)).to_quantumchannel(), qargs)
    return rho.probabilities()


def test_sampled_distribution_matches_exact_noisy_distribution():
    """At p = 0.05 on every gate (~7 errors a shot), 40,000 frame trajectories sit within shot noise of the exact
    noisy distribution, and far from the noiseless one."""
    circ = every_gate_circuit(4)
    exact = exact_noisy_probs(circ, 0.05)
    shots, rng = 40_000, np.random.default_rng(7)
    prog = FrameProgram(circ, all_gate_names(circ), 0.05)
    emp = np.bincount(prog.sample(rng, shots), minlength=2 ** circ.num_qubits) / shots
    bound = _tvd_bound(exact, shots, rng)
    assert 0.5 * np.abs(emp - exact).sum() <= bound
    ideal = np.abs(Statevector(circ).data) ** 2
    assert 0.5 * np.abs(emp - ideal).sum() > 5 * bound


def test_error_draws_follow_qiskit_depolarizing_error():
    """Per gate: identity with 1 - p + p / 4^k, each other Pauli with p / 4^k (qiskit-aer's definition)."""
    circ = QuantumCircuit(2)
    circ.sx(0)
    circ.cx(0, 1)
    p = 0.2
    codes = FrameProgram(circ, {"sx", "cx"}, p).draw_errors(np.random.default_rng(2), 200_000)
    for col, k in ((0, 1), (1, 2)):
        freq = np.bincount(codes[:, col], minlength=4 ** k) / len(codes)
        want = np.full(4 ** k, p / 4 ** k)
        want[0] = 1 - p + p / 4 ** k
        assert np.allclose(depolarizing_error(p, k).probabilities, want)       # qiskit-aer's own table
        assert np.abs(freq - want).max() < 4 * np.sqrt(want.max() / len(codes)), (k, freq)


def test_same_seed_same_shots_and_noiseless_shortcut(sweep_circuits):
    inst, circuits = sweep_circuits
    circ = circuits["transpiled_all", "standard"]
    noise = qc.noise_model("transpiled_all", 0.02)
    a = qc.sample_noisy("frames", circ, inst, 300, 11, noise, 0.02)
    b = qc.sample_noisy("frames", circ, inst, 300, 11, noise, 0.02)
    assert all(np.array_equal(x, y) for x, y in zip(a, b))
    # no noisy gate: one state, shots drawn from it (the same distribution as Aer's noiseless run)
    x, counts = qc.sample_noisy("frames", circ, inst, 20_000, 3, None, 0.0)
    assert counts.sum() == 20_000
    probs = np.abs(Statevector(circ).data) ** 2
    emp = np.zeros_like(probs)
    emp[indices_from_configs(x)] = counts / counts.sum()
    assert 0.5 * np.abs(emp - probs).sum() <= _tvd_bound(probs, 20_000, np.random.default_rng(0))


def test_bad_inputs_are_named():
    c = QuantumCircuit(3)
    c.ccx(0, 1, 2)
    with pytest.raises(ValueError, match="'ccx' acts on 3"):
        FrameProgram(c)
    with pytest.raises(ValueError, match="p_err must lie in"):
        FrameProgram(QuantumCircuit(1), (), 1.5)
    with pytest.raises(ValueError, match="dickeqaoa.noise.simulator must be one of frames, aer"):
        qc.sample_noisy("qulacs", QuantumCircuit(1), None, 1, 0, None, 0.0)
