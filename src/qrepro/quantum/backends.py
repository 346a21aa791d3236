"""One place that turns a declared :class:`Circuit` into a callable ``f(inputs (B, n_in), weights) -> (B, n_obs)``.

Backends: ``kernel`` (compiled numba kernel with adjoint gradients, :mod:`.kernel`; the default),
``torch`` (eager torch statevector with autograd, :mod:`.statevector`) and ``pennylane`` (default.qubit
backprop, the papers' own simulator; slow, for cross-checks). All three are tested against each other.
"""

from __future__ import annotations

import torch

from .circuit import Circuit

BACKENDS = ("kernel", "torch", "pennylane")


def simulator(circuit: Circuit, backend: str = "kernel", dtype: torch.dtype = torch.float32, param: str = "backend"):
    """``param`` names the setting in error messages (e.g. a paper's ``quantum.backend`` key)."""
    if backend == "kernel":
        from .kernel import KernelCircuit

        return KernelCircuit(circuit, dtype)
    if backend == "torch":
        from .statevector import TorchCircuit

        return TorchCircuit(circuit, dtype)
    if backend == "pennylane":
        from .reference import pennylane_qnode

        qnode = pennylane_qnode(circuit)
        return lambda x, w: qnode(x.double(), w.double()).to(dtype)  # noqa: E731
    raise ValueError(f"{param} must be one of {BACKENDS}, got {backend!r}")
