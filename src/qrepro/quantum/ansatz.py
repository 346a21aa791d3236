"""The papers' variational ansätze, declared once in the circuit IR (every backend runs these)."""

from __future__ import annotations

from .circuit import Circuit


def reuploading_circuit(n_qubits: int, n_layers: int) -> Circuit:
    """QSAC actor (spec 000 section 2.1): per layer RY(input) on each qubit, then one StronglyEntanglingLayer
    (Rot + CNOT ring); one more entangler and a pre-measurement Rot; measure Z, X, Y (authors' order)."""
    c = Circuit(n_qubits)
    for _ in range(n_layers):
        for q in range(n_qubits):
            c.add("RY", q, [c.new_input()])
        c.rot_layer()
        c.cnot_ring()
    c.rot_layer()  # U_ent^(L+1)
    c.cnot_ring()
    c.rot_layer()  # pre-measurement rotations
    c.measure_all("ZXY")
    return c


def iqp_crot_circuit(n_qubits: int, n_layers: int) -> Circuit:
    """The benchmark paper's hybrid VQC (spec 001 section 2.3): H on all; per layer a ring of CRot(q -> q+1 mod n) whose
    three angles are per-sample inputs (lambda * s_q + theta, computed by the caller), H on all between
    layers; measure Z on every qubit. Input order: layer, qubit, angle index."""
    c = Circuit(n_qubits)
    for q in range(n_qubits):
        c.add("H", q)
    for layer in range(n_layers):
        for q in range(n_qubits):
            c.add("CRot", (q, (q + 1) % n_qubits), [c.new_input() for _ in range(3)])
        if layer < n_layers - 1:
            for q in range(n_qubits):
                c.add("H", q)
    c.measure_all("Z")
    return c


def raw_vqc_circuit(n_qubits: int = 4, depth: int = 1) -> Circuit:
    """CartPole quantum policy (spec 001 section 1.2 [A], the "raw-VQC" of Meyer et al. 2023a): H on all; per
    layer RZ, RY (weights) on each qubit, CZ on all pairs, then the encoding RY(lambda_q s_q), RZ(lambda'_q s_q)
    (per-sample inputs, scaled by the caller); a final RZ, RY layer and CZ on all pairs; global parity
    <Z...Z> measured. Inputs: layer, qubit, (RY, RZ)."""
    c = Circuit(n_qubits)
    for q in range(n_qubits):
        c.add("H", q)

    def variational():
        for q in range(n_qubits):
            c.add("RZ", q, [c.new_weight()])
            c.add("RY", q, [c.new_weight()])
        for a in range(n_qubits):
            for b in range(a + 1, n_qubits):
                c.add("CZ", (a, b))

    for _ in range(depth):
        variational()
        for q in range(n_qubits):
            c.add("RY", q, [c.new_input()])
            c.add("RZ", q, [c.new_input()])
    variational()
    c.measure_parity()
    return c
