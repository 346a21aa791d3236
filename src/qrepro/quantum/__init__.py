"""Variational circuits declared once (:mod:`.circuit`), simulated fast in torch (:mod:`.statevector`)
and cross-checked against PennyLane and qiskit (:mod:`.reference`)."""

from .circuit import Circuit, Op, Param, Parity, Pauli
from .statevector import TorchCircuit

__all__ = ["Circuit", "Op", "Param", "Parity", "Pauli", "TorchCircuit"]
