"""Batched, autograd-capable statevector simulator in torch.

Why: every VQC in the project is small (6-14 qubits) and evaluated on minibatches millions of times;
framework overhead, not arithmetic, dominates in PennyLane/qiskit. Here a circuit is compiled once into a
list of tensor ops on a ``(B, 2**n)`` complex state, so a minibatch is one pass and torch autograd gives
exact gradients for inputs and weights alike.
"""

from __future__ import annotations

import torch
from torch import nn

from .circuit import Circuit


def _phase(angle: torch.Tensor, cdtype) -> torch.Tensor:
    """exp(i * angle) as a complex tensor (differentiable)."""
    return torch.polar(torch.ones_like(angle), angle).to(cdtype)


def gate_matrix(name: str, angles: list[torch.Tensor], cdtype) -> torch.Tensor:
    """2x2 (or 4x4) matrix of a gate; leading dims follow the angles' shape (scalar or batch)."""
    if name == "H":
        return torch.tensor([[1, 1], [1, -1]], dtype=cdtype) / (2**0.5)
    if name == "CNOT":
        return torch.tensor([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0]], dtype=cdtype)
    if name == "CZ":
        return torch.diag(torch.tensor([1, 1, 1, -1], dtype=cdtype))
    if name in ("RX", "RY", "RZ"):
        (theta,) = angles
        c, s = torch.cos(theta / 2).to(cdtype), torch.sin(theta / 2).to(cdtype)
        if name == "RX":
            m = [[c, -1j * s], [-1j * s, c]]
        elif name == "RY":
            m = [[c, -s], [s, c]]
        else:
            z = torch.zeros_like(c)
            m = [[_phase(-theta / 2, cdtype), z], [z, _phase(theta / 2, cdtype)]]
        return torch.stack([torch.stack(row, -1) for row in m], -2)
    if name in ("Rot", "CRot"):
        phi, theta, omega = angles
        c, s = torch.cos(theta / 2).to(cdtype), torch.sin(theta / 2).to(cdtype)
        rot = torch.stack(
            [
                torch.stack([_phase(-(phi + omega) / 2, cdtype) * c, -_phase((phi - omega) / 2, cdtype) * s], -1),
                torch.stack([_phase(-(phi - omega) / 2, cdtype) * s, _phase((phi + omega) / 2, cdtype) * c], -1),
            ],
            -2,
        )
        if name == "Rot":
            return rot
        out = torch.zeros(rot.shape[:-2] + (4, 4), dtype=cdtype)
        out[..., 0, 0] = 1
        out[..., 1, 1] = 1
        out[..., 2:, 2:] = rot
        return out
    raise ValueError(f"unknown gate {name!r}")


def _bit(n_qubits: int, wire: int) -> torch.Tensor:
    """Value of ``wire``'s bit in every basis index (wire 0 = most significant)."""
    return (torch.arange(2**n_qubits) >> (n_qubits - 1 - wire)) & 1


class TorchCircuit(nn.Module):
    """Compiled simulator for one :class:`Circuit`. ``forward(inputs, weights) -> (B, n_observables)``.

    Consecutive CNOTs are fused into one index permutation; CZs are sign flips; everything else is a
    (batched) 2x2 or 4x4 matmul on a reshaped view of the state.
    """

    def __init__(self, circuit: Circuit, dtype: torch.dtype = torch.float32):
        super().__init__()
        self.circuit = circuit
        self.n = circuit.n_qubits
        self.rdtype = dtype
        self.cdtype = torch.complex64 if dtype == torch.float32 else torch.complex128
        self.plan: list[tuple] = []
        for op in circuit.ops:
            if op.name == "CNOT":
                c, t = op.wires
                idx = torch.arange(2**self.n)
                perm = idx ^ (_bit(self.n, c) << (self.n - 1 - t))
                if self.plan and self.plan[-1][0] == "perm":
                    perm = self.plan[-1][1][perm]  # fuse: new[i] = old[perm_prev[perm_new[i]]]
                    self.plan[-1] = ("perm", perm)
                else:
                    self.plan.append(("perm", perm))
            elif op.name == "CZ":
                c, t = op.wires
                sign = 1.0 - 2.0 * (_bit(self.n, c) & _bit(self.n, t)).to(dtype)
                self.plan.append(("sign", sign.to(self.cdtype)))
            else:
                self.plan.append(("gate", op))
        z_signs = torch.stack([1.0 - 2.0 * _bit(self.n, q).to(dtype) for q in range(self.n)], 1)
        self.register_buffer("z_signs", z_signs, persistent=False)

    # -----------------------------------------------------------------------------------------------
    def _angles(self, op, inputs, weights):
        return [inputs[:, p.index] if p.kind == "in" else weights[p.index] for p in op.params]

    def _apply_gate(self, psi: torch.Tensor, op, inputs, weights) -> torch.Tensor:
        B = psi.shape[0]
        U = gate_matrix(op.name, self._angles(op, inputs, weights), self.cdtype)
        if len(op.wires) == 1:
            q = op.wires[0]
            view = psi.reshape(B, 2**q, 2, 2 ** (self.n - q - 1))
            U = U[:, None] if U.dim() == 3 else U
            return torch.matmul(U, view).reshape(B, -1)
        c, t = op.wires
        view = psi.reshape((B,) + (2,) * self.n).movedim((c + 1, t + 1), (-2, -1))
        shape = view.shape
        flat = view.reshape(B, -1, 4)
        out = torch.matmul(flat, U.transpose(-1, -2)) if U.dim() == 2 else torch.bmm(flat, U.transpose(-1, -2))
        return out.reshape(shape).movedim((-2, -1), (c + 1, t + 1)).reshape(B, -1)

    def statevector(self, inputs: torch.Tensor | None, weights: torch.Tensor | None, batch: int | None = None):
        """Final state ``(B, 2**n)``; ``inputs`` is ``(B, n_inputs)`` (may be None when the circuit has none)."""
        if inputs is None:
            B = batch or 1
            inputs = torch.zeros(B, 0, dtype=self.rdtype)
        if inputs.dim() != 2 or inputs.shape[1] != self.circuit.n_inputs:
            raise ValueError(f"inputs must have shape (B, {self.circuit.n_inputs}), got {tuple(inputs.shape)}")
        if weights is None:
            weights = torch.zeros(0, dtype=self.rdtype)
        if weights.shape != (self.circuit.n_weights,):
            raise ValueError(f"weights must have shape ({self.circuit.n_weights},), got {tuple(weights.shape)}")
        B = inputs.shape[0]
        psi = torch.zeros(B, 2**self.n, dtype=self.cdtype)
        psi[:, 0] = 1
        for kind, item in self.plan:
            if kind == "perm":
                psi = psi[:, item]
            elif kind == "sign":
                psi = psi * item
            else:
                psi = self._apply_gate(psi, item, inputs, weights)
        return psi

    def expectations(self, psi: torch.Tensor) -> torch.Tensor:
        """<P> for every observable of the circuit, ``(B, n_observables)``, in declaration order."""
        B = psi.shape[0]
        z_all = (psi.real**2 + psi.imag**2) @ self.z_signs
        cols = []
        for obs in self.circuit.observables:
            if obs.basis == "Z":
                cols.append(z_all[:, obs.wire])
                continue
            q = obs.wire
            view = psi.reshape(B, 2**q, 2, 2 ** (self.n - q - 1))
            overlap = (view[:, :, 0].conj() * view[:, :, 1]).sum((1, 2))
            cols.append(2 * (overlap.real if obs.basis == "X" else overlap.imag))
        return torch.stack(cols, 1)

    def forward(self, inputs: torch.Tensor | None, weights: torch.Tensor | None = None) -> torch.Tensor:
        return self.expectations(self.statevector(inputs, weights))
