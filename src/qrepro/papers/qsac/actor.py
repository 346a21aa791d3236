"""QSAC's hybrid actor body (spec 000 section 2.1): Linear -> LayerNorm -> pi*tanh(delta*z) ->
data re-uploading VQC (RY encoding + Rot/CNOT-ring entanglers) -> 18 Pauli expectations -> LayerNorm."""

from __future__ import annotations

import math

import torch
from torch import nn

from ...quantum.ansatz import reuploading_circuit
from ...quantum.backends import BACKENDS, simulator

DELTA_MODES = ("scalar", "per_qubit")


class QuantumActorBody(nn.Module):
    """Maps observations ``(B, obs_dim)`` to ``(B, 3*n_qubits)`` normalised Pauli features."""

    def __init__(self, obs_dim: int, n_qubits: int = 6, n_layers: int = 2, delta: str = "scalar",
                 backend: str = "kernel"):
        super().__init__()
        if backend not in BACKENDS:
            raise ValueError(f"qsac.quantum.backend must be one of {BACKENDS}, got {backend!r}")
        if delta not in DELTA_MODES:
            raise ValueError(f"qsac.quantum.delta must be one of {DELTA_MODES}, got {delta!r}")
        self.n_qubits, self.n_layers = n_qubits, n_layers
        self.proj = nn.Linear(obs_dim, n_qubits)
        self.ln_in = nn.LayerNorm(n_qubits)
        self.delta = nn.Parameter(torch.full((1,) if delta == "scalar" else (n_qubits,), 0.5))
        self.omega = nn.Parameter(torch.full((n_layers, n_qubits), 0.5))
        self.phi = nn.Parameter(torch.zeros(n_layers, n_qubits))
        self.entangler = nn.Parameter(torch.randn(n_layers + 1, n_qubits, 3) * 0.05)
        self.pre_rot = nn.Parameter(torch.empty(n_qubits, 3).uniform_(math.pi / 2 - 0.1, math.pi / 2 + 0.1))
        self.circuit = reuploading_circuit(n_qubits, n_layers)
        self.ln_out = nn.LayerNorm(len(self.circuit.observables))
        self.backend = backend
        self._sim = simulator(self.circuit, backend, param="qsac.quantum.backend")

    @property
    def out_dim(self) -> int:
        return len(self.circuit.observables)

    def circuit_inputs(self, obs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Encoding angles (B, L*n) = omega*u + phi with u = pi*tanh(delta*LN(W s + b)); weights flat."""
        u = math.pi * torch.tanh(self.delta * self.ln_in(self.proj(obs)))
        angles = (self.omega[None] * u[:, None, :] + self.phi[None]).reshape(obs.shape[0], -1)
        weights = torch.cat([self.entangler.reshape(-1), self.pre_rot.reshape(-1)])
        return angles, weights

    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        angles, weights = self.circuit_inputs(obs)
        return self.ln_out(self._sim(angles, weights))
