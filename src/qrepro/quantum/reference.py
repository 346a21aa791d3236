"""Run a :class:`Circuit` on PennyLane default.qubit and qiskit (Statevector / qiskit-aer).

Why: these are the trusted simulators the papers used; tests check the torch fast path against them
(values and gradients), and QSAC can train on PennyLane directly (``backend: pennylane``).
"""

from __future__ import annotations

import numpy as np
import torch

from .circuit import Circuit, Parity


def pennylane_qnode(circuit: Circuit, diff_method: str = "backprop", device: str = "default.qubit"):
    """A torch-interface QNode ``f(inputs (B, n_in), weights (n_w,)) -> (B, n_obs)`` with broadcasting."""
    import pennylane as qml

    dev = qml.device(device, wires=circuit.n_qubits)
    gates = {"H": qml.Hadamard, "RX": qml.RX, "RY": qml.RY, "RZ": qml.RZ, "Rot": qml.Rot,
             "CNOT": qml.CNOT, "CZ": qml.CZ, "CRot": qml.CRot}
    paulis = {"X": qml.PauliX, "Y": qml.PauliY, "Z": qml.PauliZ}

    @qml.qnode(dev, interface="torch", diff_method=diff_method)
    def qnode(inputs, weights):
        for op in circuit.ops:
            angles = [inputs[..., p.index] if p.kind == "in" else weights[p.index] for p in op.params]
            gates[op.name](*angles, wires=list(op.wires))
        return [qml.expval(qml.prod(*(qml.PauliZ(w) for w in o.wires)) if isinstance(o, Parity)
                           else paulis[o.basis](o.wire)) for o in circuit.observables]

    def run(inputs: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
        out = qnode(inputs, weights)
        return torch.stack(list(out), -1) if isinstance(out, (list, tuple)) else out

    return run


def qiskit_circuit(circuit: Circuit, inputs: np.ndarray, weights: np.ndarray):
    """Bound qiskit QuantumCircuit for one sample. Wire w -> qiskit qubit n-1-w keeps PennyLane's bit order."""
    from qiskit import QuantumCircuit

    n = circuit.n_qubits
    qc = QuantumCircuit(n)
    q = lambda w: n - 1 - w  # noqa: E731
    for op in circuit.ops:
        a = [float(inputs[p.index]) if p.kind == "in" else float(weights[p.index]) for p in op.params]
        if op.name == "H":
            qc.h(q(op.wires[0]))
        elif op.name in ("RX", "RY", "RZ"):
            getattr(qc, op.name.lower())(a[0], q(op.wires[0]))
        elif op.name == "Rot":
            qc.rz(a[0], q(op.wires[0]))
            qc.ry(a[1], q(op.wires[0]))
            qc.rz(a[2], q(op.wires[0]))
        elif op.name == "CNOT":
            qc.cx(q(op.wires[0]), q(op.wires[1]))
        elif op.name == "CZ":
            qc.cz(q(op.wires[0]), q(op.wires[1]))
        elif op.name == "CRot":
            c, t = q(op.wires[0]), q(op.wires[1])
            qc.crz(a[0], c, t)
            qc.cry(a[1], c, t)
            qc.crz(a[2], c, t)
    return qc


def qiskit_expectations(circuit: Circuit, inputs: np.ndarray, weights: np.ndarray, method: str = "aer"):
    """(B, n_obs) expectations via qiskit-aer's statevector method (``method='aer'``) or quantum_info."""
    from qiskit.quantum_info import SparsePauliOp, Statevector

    n = circuit.n_qubits
    ops = [SparsePauliOp.from_sparse_list([(o.basis * len(o.wires), [n - 1 - w for w in o.wires], 1.0)], n)
           for o in circuit.observables]
    inputs = np.atleast_2d(np.asarray(inputs, dtype=float))
    rows = []
    for x in inputs:
        qc = qiskit_circuit(circuit, x, np.asarray(weights, dtype=float))
        if method == "aer":
            from qiskit_aer import AerSimulator

            qc.save_statevector()
            sv = Statevector(AerSimulator(method="statevector").run(qc).result().get_statevector())
        else:
            sv = Statevector(qc)
        rows.append([float(np.real(sv.expectation_value(o))) for o in ops])
    return np.array(rows)
