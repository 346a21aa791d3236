"""qrlbench networks (spec 001 sections 2.2-2.3): classical MLP C[width-depth] and hybrid Q[qubits-layers]
= Linear(3, n) -> IQP/CRot VQC with trainable scaling lambda and offset theta -> <Z> -> Linear(n, A)."""

from __future__ import annotations

import math

import torch
from torch import nn
from torch.nn import functional as F

from ...quantum.ansatz import iqp_crot_circuit
from ...quantum.backends import simulator
from .config import parse_model_id


class MLP(nn.Module):
    def __init__(self, width: int, depth: int, n_in: int = 3, n_out: int = 3):
        super().__init__()
        layers, d = [], n_in
        for _ in range(depth):
            layers += [nn.Linear(d, width), nn.ReLU()]
            d = width
        layers.append(nn.Linear(d, n_out))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        """The layers' functions called directly: the same kernels as the Sequential, without its per-module call
        overhead, which at these widths costs as much as the arithmetic (DDQN calls the net ~1,000 times an epoch)."""
        layers = self.net
        for k in range(0, len(layers) - 1, 2):
            x = torch.relu(F.linear(x, layers[k].weight, layers[k].bias))
        return F.linear(x, layers[-1].weight, layers[-1].bias)


class VQCBody(nn.Module):
    """Linear(n_in, n) -> IQP/CRot VQC with angles lambda * s_q + theta -> <Z_q> for q < n (no activations,
    as the authors' code); theta and lambda ~ U[0, 2 pi) (TorchLayer default)."""

    def __init__(self, n_qubits: int, n_layers: int, n_in: int = 3, backend: str = "kernel"):
        super().__init__()
        self.n, self.L = n_qubits, n_layers
        self.inp = nn.Linear(n_in, n_qubits)
        self.theta = nn.Parameter(torch.rand(n_layers, n_qubits, 3) * 2 * math.pi)
        self.lam = nn.Parameter(torch.rand(n_layers, n_qubits, 3) * 2 * math.pi)
        self.circuit = iqp_crot_circuit(n_qubits, n_layers)
        self._run = simulator(self.circuit, backend, param="qrlbench.quantum_backend")

    def forward(self, x):
        s = self.inp(x)                                                      # (B, n)
        angles = self.lam[None] * s[:, None, :, None] + self.theta[None]     # (B, L, n, 3): layer, qubit, angle
        return self._run(angles.reshape(x.shape[0], -1), torch.zeros(0))


class HybridVQC(nn.Module):
    """Q[n-L] for DDQN: VQC body -> Linear(n, A) Q-values."""

    def __init__(self, n_qubits: int, n_layers: int, n_in: int = 3, n_out: int = 3, backend: str = "kernel"):
        super().__init__()
        self.body = VQCBody(n_qubits, n_layers, n_in, backend)
        self.out = nn.Linear(n_qubits, n_out)

    def quantum_parameters(self):
        return [self.body.theta, self.body.lam]

    def forward(self, x):
        return self.out(self.body(x))


def build_model(model_id: str, n_actions: int, n_in: int = 3, backend: str = "kernel") -> nn.Module:
    """``C16-2`` = MLP width 16, depth 2; ``Q10-4`` = 10 qubits, 4 layers."""
    kind, a, b = parse_model_id(model_id)
    if kind == "C":
        return MLP(a, b, n_in, n_actions)
    return HybridVQC(a, b, n_in, n_actions, backend)


def n_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
