"""Quantum simulation: variational circuits declared once in a small IR (:mod:`.circuit`), run by the compiled
numba kernel with adjoint gradients (:mod:`.kernel`, the default backend) or the eager torch simulator
(:mod:`.statevector`), and cross-checked against PennyLane and qiskit (:mod:`.reference`); the exact QAOA
simulators and qiskit circuits of paper 003 (:mod:`.qaoa_sim`, :mod:`.qaoa_circuits`), paper 004's
agent-proposal QAOA (:mod:`.qaoa_proposals`) and paper 002's density-matrix channels (:mod:`.density`)."""

from .circuit import Circuit, Op, Param, Parity, Pauli

__all__ = ["Circuit", "Op", "Param", "Parity", "Pauli", "TorchCircuit"]


def __getattr__(name):
    """TorchCircuit on first use: importing torch costs ~1 s that the QAOA and density-matrix jobs do not need."""
    if name == "TorchCircuit":
        from .statevector import TorchCircuit

        return TorchCircuit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
