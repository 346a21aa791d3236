"""Compiled statevector kernel (numba) with an adjoint-method backward, wrapped as a torch layer.

Why: the eager torch simulator (:mod:`.statevector`) spends most of its time in per-op dispatch and in
passes over the state (~10 tensor ops per controlled gate); the qrlbench DDQN calls a 10-qubit circuit ~1,000
times per epoch. Here one compiled loop applies every gate in place to a ``(2**n, B)`` state whose batch axis
is contiguous (so each 2x2 update is a SIMD loop over samples), and the backward pass uncomputes the circuit
gate by gate (adjoint differentiation): memory O(state), no autograd graph, exact gradients for inputs and
weights. First-order gradients only (no double backward). The circuit is still the shared IR.
"""

from __future__ import annotations

import numba
import numpy as np
import torch
from torch import nn

from .circuit import Circuit, z_mask

OPCODES = {"H": 0, "RX": 1, "RY": 2, "RZ": 3, "Rot": 4, "CNOT": 5, "CZ": 6, "CRot": 7}
_H, _RX, _RY, _RZ, _ROT, _CNOT, _CZ, _CROT, _HH = range(9)  # HH: H on two wires in one pass (internal)
_BASIS = {"Z": 0, "X": 1, "Y": 2}
_JIT = dict(cache=True, nogil=True, fastmath=False)


# --- gate matrices ------------------------------------------------------------------------------------
@numba.njit(**_JIT)
def _angle(kind, idx, b, inputs, weights):
    return inputs[b, idx] if kind == 1 else weights[idx]


@numba.njit(**_JIT)
def _matrices(code, kinds, idxs, inputs, weights, m):
    """Per-sample 2x2 matrix ``m`` (8, B: re/im of U00, U01, U10, U11) of one gate's single-qubit part
    (a CRot's target block)."""
    h = 0.7071067811865476
    for b in range(m.shape[1]):
        for k in range(8):
            m[k, b] = 0.0
        if code == _H:
            m[0, b], m[2, b], m[4, b], m[6, b] = h, h, h, -h
            continue
        t = _angle(kinds[0], idxs[0], b, inputs, weights)
        c, s = np.cos(t / 2), np.sin(t / 2)
        if code == _RX:  # [[c, -is], [-is, c]]
            m[0, b], m[3, b], m[5, b], m[6, b] = c, -s, -s, c
        elif code == _RY:  # [[c, -s], [s, c]]
            m[0, b], m[2, b], m[4, b], m[6, b] = c, -s, s, c
        elif code == _RZ:  # diag(e^{-it/2}, e^{it/2})
            m[0, b], m[1, b], m[6, b], m[7, b] = c, -s, c, s
        else:
            # Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi)
            #   = [[e^{-ia} c, -e^{ib} s], [e^{-ib} s, e^{ia} c]], a = (phi + omega)/2, b = (phi - omega)/2
            th = _angle(kinds[1], idxs[1], b, inputs, weights)
            om = _angle(kinds[2], idxs[2], b, inputs, weights)
            c, s = np.cos(th / 2), np.sin(th / 2)
            ca, sa = np.cos((t + om) / 2), np.sin((t + om) / 2)
            cb, sb = np.cos((t - om) / 2), np.sin((t - om) / 2)
            m[0, b], m[1, b], m[2, b], m[3, b] = ca * c, -sa * c, -cb * s, -sb * s
            m[4, b], m[5, b], m[6, b], m[7, b] = cb * s, -sb * s, ca * c, sa * c


# --- applying gates in place ------------------------------------------------------------------------
@numba.njit(**_JIT)
def _dagger(m, out):
    """Conjugate transpose of the per-sample matrices ``m`` into ``out``."""
    for b in range(m.shape[1]):
        out[0, b], out[1, b], out[6, b], out[7, b] = m[0, b], -m[1, b], m[6, b], -m[7, b]
        out[2, b], out[3, b], out[4, b], out[5, b] = m[4, b], -m[5, b], m[2, b], -m[3, b]


@numba.njit(**_JIT)
def _target(code, w0, w1):
    """(target wire, control wire or -1) of a gate."""
    if code == _CNOT or code == _CZ or code == _CROT:
        return w1, w0
    return w0, -1


@numba.njit(**_JIT)
def _pair_rows(n, wire, ctrl):
    """Row i0 of every amplitude pair (i0, i0 + 2**(n-1-wire)) a gate on ``wire`` touches; with a control,
    only the rows whose control bit is 1."""
    st = 1 << (n - 1 - wire)
    cb = n - 1 - ctrl
    dim = 1 << n
    rows = np.empty(dim // 2 if ctrl < 0 else dim // 4, np.int64)
    k = 0
    for hi in range(0, dim, 2 * st):
        for lo in range(st):
            i0 = hi + lo
            if ctrl < 0 or (i0 >> cb) & 1:
                rows[k] = i0
                k += 1
    return rows


@numba.njit(**_JIT)
def _apply_hh(re, im, n, wa, wb):
    """H on wires ``wa`` and ``wb`` in one pass over the state (H layers are memory-bound: half the passes)."""
    sa, sb = 1 << (n - 1 - wa), 1 << (n - 1 - wb)
    for i in range(1 << n):
        if i & sa or i & sb:
            continue
        i01, i10, i11 = i + sb, i + sa, i + sa + sb
        for b in range(re.shape[1]):
            s0r, d0r = re[i, b] + re[i01, b], re[i, b] - re[i01, b]
            s1r, d1r = re[i10, b] + re[i11, b], re[i10, b] - re[i11, b]
            s0i, d0i = im[i, b] + im[i01, b], im[i, b] - im[i01, b]
            s1i, d1i = im[i10, b] + im[i11, b], im[i10, b] - im[i11, b]
            re[i, b], re[i01, b], re[i10, b], re[i11, b] = (0.5 * (s0r + s1r), 0.5 * (d0r + d1r),
                                                            0.5 * (s0r - s1r), 0.5 * (d0r - d1r))
            im[i, b], im[i01, b], im[i10, b], im[i11, b] = (0.5 * (s0i + s1i), 0.5 * (d0i + d1i),
                                                            0.5 * (s0i - s1i), 0.5 * (d0i - d1i))


@numba.njit(**_JIT)
def _apply_2x2(re, im, rows, st, m):
    """(psi_i0, psi_i1) <- U (psi_i0, psi_i1) for every pair row i0 in ``rows`` (i1 = i0 + st); U per sample
    as the 8 rows of ``m``. Plain 2-D indexing with the batch innermost: LLVM turns this into AVX loops."""
    for i0 in rows:
        i1 = i0 + st
        for b in range(re.shape[1]):
            a0r, a0i, a1r, a1i = re[i0, b], im[i0, b], re[i1, b], im[i1, b]
            re[i0, b] = m[0, b] * a0r - m[1, b] * a0i + m[2, b] * a1r - m[3, b] * a1i
            im[i0, b] = m[0, b] * a0i + m[1, b] * a0r + m[2, b] * a1i + m[3, b] * a1r
            re[i1, b] = m[4, b] * a0r - m[5, b] * a0i + m[6, b] * a1r - m[7, b] * a1i
            im[i1, b] = m[4, b] * a0i + m[5, b] * a0r + m[6, b] * a1i + m[7, b] * a1r


@numba.njit(**_JIT)
def _apply_fixed(re, im, rows, st, code):
    """Angle-free gates: H (real butterfly), CNOT (swap), CZ (sign); all three are self-inverse."""
    h = 0.7071067811865476
    for i0 in rows:
        i1 = i0 + st
        for b in range(re.shape[1]):
            a0r, a0i, a1r, a1i = re[i0, b], im[i0, b], re[i1, b], im[i1, b]
            if code == _H:
                re[i0, b], im[i0, b] = h * (a0r + a1r), h * (a0i + a1i)
                re[i1, b], im[i1, b] = h * (a0r - a1r), h * (a0i - a1i)
            elif code == _CNOT:
                re[i0, b], im[i0, b], re[i1, b], im[i1, b] = a1r, a1i, a0r, a0i
            else:
                re[i1, b], im[i1, b] = -a1r, -a1i


@numba.njit(**_JIT)
def _grad_z(re, im, lre, lim, rows, st, g):
    """g += Im <lambda| Z |psi> over the gate's pairs (Rot's phi, read off the state *before* the gate)."""
    for i0 in rows:
        i1 = i0 + st
        for b in range(re.shape[1]):
            g[b] += (lre[i0, b] * im[i0, b] - lim[i0, b] * re[i0, b]) - (lre[i1, b] * im[i1, b] - lim[i1, b] * re[i1, b])


@numba.njit(**_JIT)
def _grad_after(re, im, lre, lim, rows, st, code, cw, sw, ga, gb):
    """Angle gradients read off the state *after* the gate, from U's generators (dU/dt = -i/2 G U):
    ``ga`` += Im <lambda| G |psi> for RX/RY/RZ (G = X/Y/Z) and for Rot's omega (G = Z); ``gb`` += Rot's theta
    term Im <lambda| RZ(w) Y RZ(w)^dagger |psi> (w = omega, given as cos/sin per sample).
    With z_jk = conj(lambda_j) psi_k: Im<Z> = Im z00 - Im z11, Im<X> = Im z01 + Im z10, Im<Y> = Re z10 - Re z01."""
    if code == _RZ:
        _grad_z(re, im, lre, lim, rows, st, ga)
        return
    for i0 in rows:
        i1 = i0 + st
        if code == _RX or code == _RY:
            sx, sy = (1.0, 0.0) if code == _RX else (0.0, 1.0)
            for b in range(re.shape[1]):
                z01r = lre[i0, b] * re[i1, b] + lim[i0, b] * im[i1, b]
                z01i = lre[i0, b] * im[i1, b] - lim[i0, b] * re[i1, b]
                z10r = lre[i1, b] * re[i0, b] + lim[i1, b] * im[i0, b]
                z10i = lre[i1, b] * im[i0, b] - lim[i1, b] * re[i0, b]
                ga[b] += sx * (z01i + z10i) + sy * (z10r - z01r)
            continue
        for b in range(re.shape[1]):
            a0r, a0i, a1r, a1i = re[i0, b], im[i0, b], re[i1, b], im[i1, b]
            l0r, l0i, l1r, l1i = lre[i0, b], lim[i0, b], lre[i1, b], lim[i1, b]
            z01r, z01i = l0r * a1r + l0i * a1i, l0r * a1i - l0i * a1r
            z10r, z10i = l1r * a0r + l1i * a0i, l1r * a0i - l1i * a0r
            ga[b] += (l0r * a0i - l0i * a0r) - (l1r * a1i - l1i * a1r)
            gb[b] += cw[b] * (z10r - z01r) - sw[b] * (z01i + z10i)


# --- whole circuits ---------------------------------------------------------------------------------
@numba.njit(**_JIT)
def _forward(n, codes, wires, kinds, idxs, init, inputs, weights):
    """Final state (re, im), each (2**n, B), from the real initial state ``init`` (2**n,)."""
    B = inputs.shape[0]
    dim = 1 << n
    re = np.empty((dim, B), dtype=inputs.dtype)
    im = np.zeros((dim, B), dtype=inputs.dtype)
    for i in range(dim):
        for b in range(B):
            re[i, b] = init[i]
    m = np.zeros((8, B), dtype=inputs.dtype)
    for k in range(len(codes)):
        code = codes[k]
        if code == _HH:
            _apply_hh(re, im, n, wires[k, 0], wires[k, 1])
            continue
        wire, ctrl = _target(code, wires[k, 0], wires[k, 1])
        rows, st = _pair_rows(n, wire, ctrl), 1 << (n - 1 - wire)
        if code == _H or code == _CNOT or code == _CZ:
            _apply_fixed(re, im, rows, st, code)
        else:
            _matrices(code, kinds[k], idxs[k], inputs, weights, m)
            _apply_2x2(re, im, rows, st, m)
    return re, im


@numba.njit(**_JIT)
def _z_sign(i, mask):
    """(-1)^popcount(i & mask): the eigenvalue of a Z string on basis state i."""
    x, par = i & mask, 0
    while x:
        par ^= 1
        x &= x - 1
    return 1.0 - 2.0 * par


@numba.njit(**_JIT)
def _expectations(re, im, n, obs_basis, obs_wire, obs_mask, out):
    """out[k, b] = <psi_b| P_k |psi_b> (observables first, so the batch loop is contiguous). All diagonal (Z,
    parity) observables share one pass over the probabilities."""
    dim, B = re.shape
    out[:, :] = 0.0
    p = np.empty(B, re.dtype)
    for i in range(dim):
        for b in range(B):
            p[b] = re[i, b] * re[i, b] + im[i, b] * im[i, b]
        for k in range(len(obs_basis)):
            if obs_basis[k] == 0:
                sgn = _z_sign(i, obs_mask[k])
                for b in range(B):
                    out[k, b] += sgn * p[b]
    for k in range(len(obs_basis)):
        if obs_basis[k] == 0:
            continue
        q = 1 << (n - 1 - obs_wire[k])
        for i in range(dim):
            if i & q:
                continue
            j = i | q
            if obs_basis[k] == 1:  # 2 Re conj(psi_i) psi_j
                for b in range(B):
                    out[k, b] += 2 * (re[i, b] * re[j, b] + im[i, b] * im[j, b])
            else:                   # 2 Im conj(psi_i) psi_j
                for b in range(B):
                    out[k, b] += 2 * (re[i, b] * im[j, b] - im[i, b] * re[j, b])


@numba.njit(**_JIT)
def _seed_adjoint(re, im, n, obs_basis, obs_wire, obs_mask, gout):
    """lambda = sum_k g_k P_k psi: the adjoint state of a loss whose gradient wrt <P_k> is ``gout[k]``."""
    dim, B = re.shape
    lre = np.zeros_like(re)
    lim = np.zeros_like(im)
    for k in range(len(obs_basis)):
        q = n - 1 - obs_wire[k]
        basis = obs_basis[k]
        for i in range(dim):
            bit = (i >> q) & 1
            j = i ^ (1 << q)
            if basis == 0:
                sgn = _z_sign(i, obs_mask[k])
                for b in range(B):
                    lre[i, b] += gout[k, b] * sgn * re[i, b]
                    lim[i, b] += gout[k, b] * sgn * im[i, b]
            elif basis == 1:
                for b in range(B):
                    lre[i, b] += gout[k, b] * re[j, b]
                    lim[i, b] += gout[k, b] * im[j, b]
            else:  # (Y psi)_0 = -i psi_1, (Y psi)_1 = i psi_0
                sgn = 2.0 * bit - 1.0
                for b in range(B):
                    lre[i, b] -= gout[k, b] * sgn * im[j, b]
                    lim[i, b] += gout[k, b] * sgn * re[j, b]
    return lre, lim


@numba.njit(**_JIT)
def _backward(n, codes, wires, kinds, idxs, re, im, lre, lim, inputs, weights, g_in, g_w):
    """Adjoint sweep from the final state: uncompute each gate, collect its angle gradients, pull lambda back."""
    B = inputs.shape[0]
    m = np.zeros((8, B), dtype=inputs.dtype)
    md = np.zeros((8, B), dtype=inputs.dtype)
    cw, sw = np.zeros(B, inputs.dtype), np.zeros(B, inputs.dtype)
    g = np.zeros((3, B), inputs.dtype)
    for k in range(len(codes) - 1, -1, -1):
        code = codes[k]
        if code == _HH:  # self-inverse
            _apply_hh(re, im, n, wires[k, 0], wires[k, 1])
            _apply_hh(lre, lim, n, wires[k, 0], wires[k, 1])
            continue
        wire, ctrl = _target(code, wires[k, 0], wires[k, 1])
        rows, st = _pair_rows(n, wire, ctrl), 1 << (n - 1 - wire)
        if code == _CNOT or code == _CZ or code == _H:  # self-inverse, no angles
            _apply_fixed(re, im, rows, st, code)
            _apply_fixed(lre, lim, rows, st, code)
            continue
        _matrices(code, kinds[k], idxs[k], inputs, weights, m)
        _dagger(m, md)
        rot = code == _ROT or code == _CROT
        n_ang = 3 if rot else 1
        if rot:
            for b in range(B):
                w = _angle(kinds[k, 2], idxs[k, 2], b, inputs, weights)
                cw[b], sw[b] = np.cos(w), np.sin(w)
        g[:, :] = 0.0
        # rows of g: RX/RY/RZ angle in 0; Rot: phi 0, theta 1, omega 2
        _grad_after(re, im, lre, lim, rows, st, code, cw, sw, g[2 if rot else 0], g[1])
        _apply_2x2(re, im, rows, st, md)           # psi: the state before this gate
        _apply_2x2(lre, lim, rows, st, md)         # lambda pulled back through the gate
        if rot:
            _grad_z(re, im, lre, lim, rows, st, g[0])
        for j in range(n_ang):
            if kinds[k, j] == 1:
                g_in[:, idxs[k, j]] += g[j]
            else:
                g_w[idxs[k, j]] += g[j].sum()


# --- torch layer ------------------------------------------------------------------------------------
class _Program:
    """The circuit as flat arrays for the kernels. A leading run of H gates is folded into the initial state;
    later H gates on two different wires, one right after the other, become one two-wire pass."""

    def __init__(self, circuit: Circuit):
        n, ops = circuit.n_qubits, list(circuit.ops)
        self.n = n
        seen, start = set(), 0
        while start < len(ops) and ops[start].name == "H" and ops[start].wires[0] not in seen:
            seen.add(ops[start].wires[0])
            start += 1
        rows = []  # (code, wires, params)
        for op in ops[start:]:
            prev = rows[-1] if rows else None
            if op.name == "H" and prev is not None and prev[0] == _H and prev[1][0] != op.wires[0]:
                rows[-1] = (_HH, (prev[1][0], op.wires[0]), ())
            else:
                rows.append((OPCODES[op.name], op.wires, op.params))
        self.codes = np.array([r[0] for r in rows], np.int64)
        self.wires = np.array([(tuple(r[1]) + (-1,))[:2] for r in rows], np.int64).reshape(-1, 2)
        self.kinds = np.zeros((len(rows), 3), np.int64)
        self.idxs = np.zeros((len(rows), 3), np.int64)
        for k, (_, _, params) in enumerate(rows):
            for j, p in enumerate(params):
                self.kinds[k, j] = 1 if p.kind == "in" else 2
                self.idxs[k, j] = p.index
        idx = np.arange(2**n)
        free = sum(1 << (n - 1 - w) for w in seen)
        self.init = np.where((idx & ~free) == 0, 2.0 ** (-len(seen) / 2), 0.0)
        self.init_by_dtype = {np.dtype(t): self.init.astype(t) for t in (np.float32, np.float64)}  # no per-call copy
        self.obs_basis = np.array([_BASIS[o.basis] for o in circuit.observables], np.int64)
        self.obs_wire = np.array([o.wires[0] for o in circuit.observables], np.int64)   # X / Y: their one wire
        self.obs_mask = np.array([z_mask(o, n) if o.basis == "Z" else 0 for o in circuit.observables], np.int64)

    def arrays(self):
        return self.n, self.codes, self.wires, self.kinds, self.idxs


class _AdjointFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, inputs, weights, prog: _Program):
        x = inputs.detach().contiguous().numpy()
        w = weights.detach().contiguous().numpy()
        re, im = _forward(*prog.arrays(), prog.init_by_dtype[x.dtype], x, w)
        out = np.empty((len(prog.obs_basis), x.shape[0]), x.dtype)
        _expectations(re, im, prog.n, prog.obs_basis, prog.obs_wire, prog.obs_mask, out)
        if any(ctx.needs_input_grad[:2]):
            ctx.prog, ctx.state, ctx.x, ctx.w = prog, (re, im), x, w
        return torch.from_numpy(out.T.copy())

    @staticmethod
    def backward(ctx, gout):
        prog, (re, im), x, w = ctx.prog, ctx.state, ctx.x, ctx.w
        re, im = re.copy(), im.copy()
        gout = np.ascontiguousarray(gout.detach().numpy().T, dtype=x.dtype)
        lre, lim = _seed_adjoint(re, im, prog.n, prog.obs_basis, prog.obs_wire, prog.obs_mask, gout)
        g_in, g_w = np.zeros_like(x), np.zeros_like(w)
        _backward(*prog.arrays(), re, im, lre, lim, x, w, g_in, g_w)
        return torch.from_numpy(g_in), torch.from_numpy(g_w), None


class KernelCircuit(nn.Module):
    """Compiled simulator for one :class:`Circuit`; same interface as :class:`~.statevector.TorchCircuit`:
    ``forward(inputs (B, n_inputs), weights (n_weights,)) -> (B, n_observables)``, in the inputs' dtype
    (float32 or float64)."""

    def __init__(self, circuit: Circuit, dtype: torch.dtype = torch.float32):
        super().__init__()
        self.circuit, self.rdtype = circuit, dtype
        self.prog = _Program(circuit)

    def forward(self, inputs: torch.Tensor | None, weights: torch.Tensor | None = None) -> torch.Tensor:
        if inputs is None:
            inputs = torch.zeros(1, 0, dtype=self.rdtype)
        if weights is None:
            weights = torch.zeros(0, dtype=inputs.dtype)
        self.circuit.check_shapes(inputs, weights)
        return _AdjointFn.apply(inputs.to(self.rdtype), weights.to(self.rdtype), self.prog)

    def statevector(self, inputs: torch.Tensor | None, weights: torch.Tensor | None = None) -> torch.Tensor:
        """Final state ``(B, 2**n)`` complex (for tests and inspection)."""
        x = (inputs if inputs is not None else torch.zeros(1, 0)).detach().to(self.rdtype).numpy()
        w = (weights if weights is not None else torch.zeros(0)).detach().to(self.rdtype).numpy()
        re, im = _forward(*self.prog.arrays(), self.prog.init_by_dtype[x.dtype], x, w)
        return torch.from_numpy(re.T + 1j * im.T)
