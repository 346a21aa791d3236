"""Batched, autograd-capable statevector simulator in torch.

Why: every VQC in the project is small (6-14 qubits) and evaluated on minibatches millions of times;
framework overhead, not arithmetic, dominates in PennyLane/qiskit. Here a circuit is compiled once into a
list of tensor ops on a ``(B, 2**n)`` complex state, so a minibatch is one pass and torch autograd gives
exact gradients for inputs and weights alike.
"""

from __future__ import annotations

import torch
from torch import nn

from .circuit import Circuit, Parity


def _complex(re_rows, im_rows) -> torch.Tensor:
    """2x2 complex matrices from nested lists of real tensors (leading dims = the angles' shape)."""
    re = torch.stack([torch.stack(r, -1) for r in re_rows], -2)
    im = torch.stack([torch.stack(r, -1) for r in im_rows], -2)
    return torch.complex(re, im)


def gate_matrix(name: str, angles: list[torch.Tensor], cdtype) -> torch.Tensor:
    """2x2 matrix of a single-qubit gate; leading dims follow the angles' shape (scalar or batch).
    (CNOT and CZ are index permutations / sign flips in the simulator; CRot uses the Rot matrix.)

    Built from real and imaginary parts in one stack each: far fewer kernel calls than complex exponentials.
    """
    if name == "H":
        return torch.tensor([[1, 1], [1, -1]], dtype=cdtype) / (2**0.5)
    if name in ("RX", "RY", "RZ"):
        (theta,) = angles
        c, s = torch.cos(theta / 2), torch.sin(theta / 2)
        z = torch.zeros_like(c)
        if name == "RX":
            m = _complex([[c, z], [z, c]], [[z, -s], [-s, z]])
        elif name == "RY":
            m = _complex([[c, -s], [s, c]], [[z, z], [z, z]])
        else:
            m = _complex([[c, z], [z, c]], [[-s, z], [z, s]])
        return m.to(cdtype)
    if name == "Rot":
        phi, theta, omega = angles
        c, s = torch.cos(theta / 2), torch.sin(theta / 2)
        a, b = (phi + omega) / 2, (phi - omega) / 2
        ca, sa, cb, sb = torch.cos(a), torch.sin(a), torch.cos(b), torch.sin(b)
        # RZ(omega) RY(theta) RZ(phi) = [[e^{-ia} c, -e^{ib} s], [e^{-ib} s, e^{ia} c]]
        return _complex([[ca * c, -cb * s], [cb * s, ca * c]], [[-sa * c, -sb * s], [-sb * s, sa * c]]).to(cdtype)
    raise ValueError(f"unknown gate {name!r}")


def _bit(n_qubits: int, wire: int) -> torch.Tensor:
    """Value of ``wire``'s bit in every basis index (wire 0 = most significant)."""
    return (torch.arange(2**n_qubits) >> (n_qubits - 1 - wire)) & 1


DENSE_MAX_QUBITS = 8  # up to this size a layer is one 2^n x 2^n block; beyond, blocks of CHUNK_QUBITS wires
CHUNK_QUBITS = 5
BATCHED_CHUNK_QUBITS = 2  # per-sample layers: blocks this small (a per-sample kron's backward is costly)


def _kron(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Kronecker product of (m,m)/(B,m,m) with (k,k)/(B,k,k); batched when either is."""
    if a.dim() == 2 and b.dim() == 2:
        return torch.kron(a, b)
    out = torch.einsum("...ij,...kl->...ikjl", a, b)
    return out.reshape(out.shape[:-4] + (a.shape[-1] * b.shape[-1],) * 2)


def _angle_refs(ops) -> list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]]:
    """Per angle position: (is_input mask, input index, weight index) over ``ops`` (same gate type)."""
    refs = []
    for j in range(len(ops[0].params)):
        ps = [op.params[j] for op in ops]
        refs.append((torch.tensor([p.kind == "in" for p in ps]),
                     torch.tensor([p.index if p.kind == "in" else 0 for p in ps]),
                     torch.tensor([p.index if p.kind == "w" else 0 for p in ps])))
    return refs


def _gather_angles(refs, inputs, weights) -> list[torch.Tensor]:
    """Angles of a group of gates in one indexing op each: (G,) when all shared, else (B, G)."""
    out = []
    for is_in, i_idx, w_idx in refs:
        if bool(is_in.all()):
            out.append(inputs[:, i_idx])
        elif not bool(is_in.any()):
            out.append(weights[w_idx])
        else:
            out.append(torch.where(is_in, inputs[:, i_idx], weights[w_idx]))
    return out


class _Layer:
    """Single-qubit gates on distinct wires, applied together; matrices are built per gate type in one call.

    ``groups``: (gate name, wires, per-angle (is_input mask, input index, weight index) tensors).
    """

    def __init__(self, ops):
        self.shared = all(p.kind == "w" for op in ops for p in op.params)
        self.groups = []
        for name in dict.fromkeys(op.name for op in ops):
            members = [op for op in ops if op.name == name]
            self.groups.append((name, [op.wires[0] for op in members], _angle_refs(members)))
        self.perm = None  # a following CNOT permutation folded into a dense layer

    def matrices(self, inputs, weights, cdtype) -> dict[int, torch.Tensor]:
        """wire -> (2, 2) matrix (shared layer) or (B, 2, 2) (per-sample layer)."""
        out = {}
        for name, wires, angle_refs in self.groups:
            angles = _gather_angles(angle_refs, inputs, weights)
            mats = gate_matrix(name, angles, cdtype)
            for k, w in enumerate(wires):
                out[w] = mats if not angles else mats[..., k, :, :]
        return out


class TorchCircuit(nn.Module):
    """Compiled simulator for one :class:`Circuit`. ``forward(inputs, weights) -> (B, n_observables)``.

    Compilation: runs of single-qubit gates on distinct wires form a layer whose matrices are built in
    one vectorised call per gate type; a shared-weight layer on <= 8 qubits is applied as one dense
    unitary (Kronecker product) with the next CNOT permutation folded in; consecutive CNOTs fuse into one
    index permutation; CZs are sign flips; CRot updates only the control = 1 half of the state.
    """

    def __init__(self, circuit: Circuit, dtype: torch.dtype = torch.float32, fuse: bool = True):
        super().__init__()
        self.circuit = circuit
        self.n = circuit.n_qubits
        self.rdtype = dtype
        self.cdtype = torch.complex64 if dtype == torch.float32 else torch.complex128
        self.plan: list[tuple] = []
        pending: list = []
        controlled: list = []

        def flush():
            if pending:
                self.plan.append(("layer", _Layer(list(pending))))
                pending.clear()

        for op in circuit.ops:
            if len(op.wires) == 1 and fuse:
                if any(p.wires[0] == op.wires[0] for p in pending):
                    flush()
                pending.append(op)
                continue
            flush()
            if op.name == "CNOT":
                c, t = op.wires
                perm = torch.arange(2**self.n) ^ (_bit(self.n, c) << (self.n - 1 - t))
                if self.plan and self.plan[-1][0] == "perm":
                    perm = self.plan[-1][1][perm]  # fuse: new[i] = old[perm_prev[perm_new[i]]]
                    self.plan[-1] = ("perm", perm)
                else:
                    self.plan.append(("perm", perm))
            elif op.name == "CZ":
                c, t = op.wires
                sign = 1.0 - 2.0 * (_bit(self.n, c) & _bit(self.n, t)).to(dtype)
                self.plan.append(("sign", sign.to(self.cdtype)))
            elif len(op.wires) == 1:
                self.plan.append(("layer", _Layer([op])))
            else:  # CRot: its matrix is built with all other CRots in one call per forward pass
                self.plan.append(("ctrl", (op.wires, len(controlled))))
                controlled.append(op)
        flush()
        self._ctrl_refs = _angle_refs(controlled) if controlled else None
        # fold a permutation into the dense layer before it
        folded = []
        for kind, item in self.plan:
            prev = folded[-1] if folded else None
            if (kind == "perm" and prev is not None and prev[0] == "layer" and prev[1].shared
                    and prev[1].perm is None and self.n <= DENSE_MAX_QUBITS):
                prev[1].perm = item
                continue
            folded.append((kind, item))
        self.plan = folded
        z_signs = torch.stack([1.0 - 2.0 * _bit(self.n, q).to(dtype) for q in range(self.n)], 1)
        self.register_buffer("z_signs", z_signs, persistent=False)
        self._needs_xy = any(o.basis != "Z" for o in circuit.observables)
        idx = torch.arange(2**self.n)
        self.register_buffer("flip", torch.stack([idx ^ (1 << (self.n - 1 - q)) for q in range(self.n)]),
                             persistent=False)

    # -----------------------------------------------------------------------------------------------
    def _apply_layer(self, psi: torch.Tensor, layer: _Layer, inputs, weights) -> torch.Tensor:
        """Apply a layer as Kronecker blocks over contiguous wire chunks (one block when n <= 8)."""
        B = psi.shape[0]
        mats = layer.matrices(inputs, weights, self.cdtype)
        eye = torch.eye(2, dtype=self.cdtype)
        if not layer.shared:
            size = BATCHED_CHUNK_QUBITS
        else:
            size = self.n if self.n <= DENSE_MAX_QUBITS else CHUNK_QUBITS
        for start in range(0, self.n, size):
            wires = range(start, min(start + size, self.n))
            if not any(w in mats for w in wires):
                continue
            block = None
            for w in wires:
                m = mats.get(w, eye)
                block = m if block is None else _kron(block, m)
            k = len(wires)
            if k == self.n and block.dim() == 2:  # the whole register, shared: one matmul (+ folded perm)
                op_t = block.transpose(0, 1)
                return psi @ (op_t[:, layer.perm] if layer.perm is not None else op_t)
            view = psi.reshape(B, 2**start, 2**k, 2 ** (self.n - start - k))
            eq = "ij,bajc->baic" if block.dim() == 2 else "bij,bajc->baic"
            psi = torch.einsum(eq, block, view).reshape(B, -1)
        if layer.perm is not None:
            psi = psi[:, layer.perm]
        return psi

    def _apply_controlled(self, psi: torch.Tensor, wires, u: list[torch.Tensor]) -> torch.Tensor:
        """Controlled 2x2 gate (entries ``u`` = U00, U01, U10, U11, each scalar or (B, 1, ..., 1)):
        update only the control = 1 half of the state, elementwise on the target axis."""
        B = psi.shape[0]
        c, t = wires
        v = psi.reshape((B,) + (2,) * self.n)
        off, on = v.select(c + 1, 0), v.select(c + 1, 1)
        ta = (t if t < c else t - 1) + 1  # target axis in the (B, 2, ..., 2) control-sliced view
        s0, s1 = on.select(ta, 0), on.select(ta, 1)
        on = torch.stack([u[0] * s0 + u[1] * s1, u[2] * s0 + u[3] * s1], ta)
        return torch.stack([off, on], c + 1).reshape(B, -1)

    def _controlled_entries(self, inputs, weights):
        """Entries of every CRot's Rot matrix, built in one vectorised call: list over gates of 4 tensors."""
        if self._ctrl_refs is None:
            return []
        mats = gate_matrix("Rot", _gather_angles(self._ctrl_refs, inputs, weights), self.cdtype)
        if mats.dim() == 3:  # shared angles: (G, 2, 2)
            return [list(m.reshape(4)) for m in mats]
        B, G = mats.shape[:2]
        ent = mats.reshape((B, G, 4) + (1,) * (self.n - 2))
        return [list(ent[:, g].unbind(1)) for g in range(G)]

    def statevector(self, inputs: torch.Tensor | None, weights: torch.Tensor | None, batch: int | None = None):
        """Final state ``(B, 2**n)``; ``inputs`` is ``(B, n_inputs)`` (may be None when the circuit has none)."""
        if inputs is None:
            B = batch or 1
            inputs = torch.zeros(B, 0, dtype=self.rdtype)
        if weights is None:
            weights = torch.zeros(0, dtype=self.rdtype)
        self.circuit.check_shapes(inputs, weights)
        B = inputs.shape[0]
        psi = torch.zeros(B, 2**self.n, dtype=self.cdtype)
        psi[:, 0] = 1
        ctrl = self._controlled_entries(inputs, weights)
        for kind, item in self.plan:
            if kind == "perm":
                psi = psi[:, item]
            elif kind == "sign":
                psi = psi * item
            elif kind == "layer":
                psi = self._apply_layer(psi, item, inputs, weights)
            else:
                psi = self._apply_controlled(psi, item[0], ctrl[item[1]])
        return psi

    def expectations(self, psi: torch.Tensor) -> torch.Tensor:
        """<P> for every observable of the circuit, ``(B, n_observables)``, in declaration order.

        <X_q> + i<Y_q> = 2 sum_{bit_q = 0} conj(psi_i) psi_{i xor q}; for small registers all wires at
        once through one gather, otherwise wire by wire (the gather would hold n copies of the state).
        """
        B = psi.shape[0]
        probs = psi.real**2 + psi.imag**2
        z_all = probs @ self.z_signs
        if self._needs_xy and self.n <= DENSE_MAX_QUBITS:
            pair = psi.conj()[:, None, :] * psi[:, self.flip]  # (B, n, 2^n): conj(psi_i) psi_{i xor q}
            x_all = pair.real.sum(-1)
            y_all = (pair.imag * self.z_signs.T).sum(-1)
        cols = []
        for obs in self.circuit.observables:
            if isinstance(obs, Parity):
                cols.append(probs @ self.z_signs[:, list(obs.wires)].prod(1))
                continue
            q = obs.wire
            if obs.basis == "Z":
                cols.append(z_all[:, q])
            elif self.n <= DENSE_MAX_QUBITS:
                cols.append((x_all if obs.basis == "X" else y_all)[:, q])
            else:
                view = psi.reshape(B, 2**q, 2, 2 ** (self.n - q - 1))
                overlap = (view[:, :, 0].conj() * view[:, :, 1]).sum((1, 2))
                cols.append(2 * (overlap.real if obs.basis == "X" else overlap.imag))
        return torch.stack(cols, 1)

    def forward(self, inputs: torch.Tensor | None, weights: torch.Tensor | None = None) -> torch.Tensor:
        return self.expectations(self.statevector(inputs, weights))
