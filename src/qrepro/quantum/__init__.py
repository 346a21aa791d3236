"""Quantum simulation shared by the papers: variational circuits declared once in a small IR (:mod:`.circuit`), the
papers' ansaetze (:mod:`.ansatz`), run by the compiled numba kernel with adjoint gradients (:mod:`.kernel`, the
default backend) or the eager torch simulator (:mod:`.statevector`), and cross-checked against PennyLane and qiskit
(:mod:`.reference`). A simulator only one paper uses lives in that paper's package (QAOA, density matrices)."""

from .circuit import Circuit, Op, Param, Parity, Pauli

__all__ = ["Circuit", "Op", "Param", "Parity", "Pauli", "TorchCircuit"]


def __getattr__(name):
    """TorchCircuit on first use: importing torch costs ~1 s that the QAOA and density-matrix jobs do not need."""
    if name == "TorchCircuit":
        from .statevector import TorchCircuit

        return TorchCircuit
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
