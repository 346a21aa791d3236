"""Compiled statevector kernel (numba) with an adjoint-method backward, wrapped as a torch layer.

Why: the eager torch simulator (:mod:`.statevector`) spends most of its time in per-op dispatch and in
passes over the state; the benchmark paper's DDQN calls a 10-qubit circuit ~1,000 times per epoch. Here one compiled
loop applies every gate in place to a flat state ``psi[i * B + b]`` (basis row i, sample b). A gate's pairs of
rows come in *runs* of consecutive rows; each run is walked in chunks of up to ``_CHUNK`` floats, so the inner
loop is long and contiguous and LLVM vectorises it with its loop set-up paid once per chunk, not per row (a
forward at batch 64 is ~2x faster than with a loop over the batch alone). Rotations are stored as SU(2) pairs
(alpha, beta): four matrix streams, not eight. Angles enter as half-angle cosines/sines computed once per call
by numpy, so no transcendental is evaluated per gate and sample.
The backward pass uncomputes the circuit gate by gate (adjoint differentiation): one fused pass per gate
reads the state and the adjoint state after the gate, accumulates the angle gradients and writes both back
before the gate. Memory O(state), no autograd graph, exact first-order gradients for inputs and weights.
The circuit is still the shared IR.
"""

from __future__ import annotations

import numba
import numpy as np
import torch
from torch import nn

from .circuit import Circuit, z_mask

OPCODES = {"H": 0, "RX": 1, "RY": 2, "RZ": 3, "Rot": 4, "CNOT": 5, "CZ": 6, "CRot": 7}
_H, _RX, _RY, _RZ, _ROT, _CNOT, _CZ, _CROT, _HH = range(9)  # HH: H on two wires in one pass (internal)
_OBS_Z1, _OBS_ZN, _OBS_X, _OBS_Y = range(4)                   # one-wire Z, Z string (parity), X, Y
_SUM_ROWS = 16  # rows per chunk in probability sums (fixed: batch-independent summation order)
_CHUNK = 512  # floats per inner loop (256-1024 equal within noise at 10 qubits, batch 32-100)


def _jit_options() -> dict:
    """njit options for every kernel here. ``noalias``: each kernel's array arguments are distinct buffers or
    disjoint rows of one, so LLVM may vectorise the inner loops without its per-chunk overlap checks (measured
    1.3-2.5x per gate at batch 10-100). numba sets that flag only for its parallel backend, so it is registered
    as a target option here; a numba without it compiles the same kernels without the hint. ``contract``: fused
    multiply-adds (rounding differs from PennyLane by ~1 ulp)."""
    opts = dict(cache=True, nogil=True, fastmath={"contract"})
    try:
        from numba.core import compiler, cpu, options

        if "noalias" in compiler.Flags.options:
            if not hasattr(cpu.CPUTargetOptions, "noalias"):
                cpu.CPUTargetOptions.noalias = options.TargetOptions.Mapping("noalias")
            opts["noalias"] = True
    except (ImportError, AttributeError):  # pragma: no cover - depends on numba internals
        pass
    return opts


_JIT = _jit_options()


@numba.njit(**_JIT)
def _chunk_rows(run: int, B: int) -> int:
    """Rows per chunk: a power of two dividing the run length, with at most ``max(_CHUNK, B)`` floats."""
    t = 1
    while t < run and 2 * t * B <= _CHUNK:
        t *= 2
    return t


# --- gate matrices ------------------------------------------------------------------------------------
@numba.njit(**_JIT)
def _half_row(kind, idx, ci, si, cw, sw, c, s):
    """cos / sin of half of one angle for the whole batch, into ``c``, ``s`` (B,)."""
    if kind == 1:
        c[:] = ci[idx]
        s[:] = si[idx]
    else:
        c[:] = cw[idx]
        s[:] = sw[idx]


@numba.njit(**_JIT)
def _matrices(code, kinds, idxs, ci, si, cw, sw, B, L, mt, cs):
    """Per-sample SU(2) matrix [[alpha, -conj(beta)], [beta, conj(alpha)]] of one gate's single-qubit part
    (every rotation, and a CRot's target block, is in SU(2)), tiled over a chunk: ``mt[k * L + t * B + b]``
    holds (Re alpha, Im alpha, Re beta, Im beta)[k] of sample b, repeated for t < L / B. Four streams instead
    of eight: fewer loads and fewer alias checks per chunk. Every loop runs over the batch. ``cs`` (6, B) is
    left holding cos / sin of each half angle, rows (0, 1), (2, 3), (4, 5) for angles 0, 1, 2 (Rot / CRot:
    phi, theta, omega); the backward reads theta's and omega's from there."""
    ar, ai, br, bi = mt[:B], mt[L:L + B], mt[2 * L:2 * L + B], mt[3 * L:3 * L + B]
    c, s = cs[0], cs[1]
    _half_row(kinds[0], idxs[0], ci, si, cw, sw, c, s)
    if code == _RX:  # [[c, -is], [-is, c]]
        for b in range(B):
            ar[b], ai[b], br[b], bi[b] = c[b], 0.0, 0.0, -s[b]
    elif code == _RY:  # [[c, -s], [s, c]]
        for b in range(B):
            ar[b], ai[b], br[b], bi[b] = c[b], 0.0, s[b], 0.0
    elif code == _RZ:  # diag(e^{-it/2}, e^{it/2})
        for b in range(B):
            ar[b], ai[b], br[b], bi[b] = c[b], -s[b], 0.0, 0.0
    else:
        # Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi)
        #   = [[e^{-ia} c, -e^{ib} s], [e^{-ib} s, e^{ia} c]], a = (phi + omega)/2, b = (phi - omega)/2
        ct, st, co, so = cs[2], cs[3], cs[4], cs[5]
        _half_row(kinds[1], idxs[1], ci, si, cw, sw, ct, st)
        _half_row(kinds[2], idxs[2], ci, si, cw, sw, co, so)
        for b in range(B):
            ca, sa = c[b] * co[b] - s[b] * so[b], s[b] * co[b] + c[b] * so[b]
            cb, sb = c[b] * co[b] + s[b] * so[b], s[b] * co[b] - c[b] * so[b]
            ar[b], ai[b], br[b], bi[b] = ca * ct[b], -sa * ct[b], cb * st[b], -sb * st[b]
    _tile(mt, 4, B, L)


@numba.njit(**_JIT)
def _tile(a, rows, B, L):
    """Repeat the first B entries of each of ``rows`` blocks of length L along the block."""
    for k in range(rows):
        head = a[k * L:k * L + B]
        for t in range(B, L, B):
            a[k * L + t:k * L + t + B] = head


@numba.njit(**_JIT)
def _dagger(mt, L, md):
    """U^dagger of the tiled SU(2) matrices: alpha -> conj(alpha), beta -> -beta."""
    for j in range(L):
        md[j], md[L + j], md[2 * L + j], md[3 * L + j] = mt[j], -mt[L + j], -mt[2 * L + j], -mt[3 * L + j]


# --- applying gates in place ------------------------------------------------------------------------
@numba.njit(**_JIT)
def _su2(ar, ai, br, bi, x0r, x0i, x1r, x1i):
    """[[alpha, -conj(beta)], [beta, conj(alpha)]] (x0, x1), in real arithmetic: (re, im) of both outputs."""
    return (ar * x0r - ai * x0i - br * x1r - bi * x1i, ar * x0i + ai * x0r - br * x1i + bi * x1r,
            br * x0r - bi * x0i + ar * x1r + ai * x1i, br * x0i + bi * x0r + ar * x1i - ai * x1r)


@numba.njit(**_JIT)
def _apply_2x2(re, im, starts, run, sB, mt, B):
    """(psi_i0, psi_i1) <- U (psi_i0, psi_i1) on every row i0 of the runs (i1 = i0 + st, ``sB = st * B``);
    U per sample in SU(2), tiled in ``mt``: psi_0' = alpha psi_0 - conj(beta) psi_1,
    psi_1' = beta psi_0 + conj(alpha) psi_1."""
    T = _chunk_rows(run, B)
    L = T * B
    ar, ai, br, bi = mt[:L], mt[L:2 * L], mt[2 * L:3 * L], mt[3 * L:4 * L]
    for s in starts:
        for c in range(0, run, T):
            p = (s + c) * B
            r0, j0, r1, j1 = re[p:p + L], im[p:p + L], re[p + sB:p + sB + L], im[p + sB:p + sB + L]
            for j in range(L):
                r0[j], j0[j], r1[j], j1[j] = _su2(ar[j], ai[j], br[j], bi[j], r0[j], j0[j], r1[j], j1[j])


@numba.njit(**_JIT)
def _fixed_rows(x, starts, run, sB, B, code):
    """One real array (re or im) through an angle-free gate: H (butterfly), CNOT (swap), CZ (sign)."""
    h = 0.7071067811865476
    T = _chunk_rows(run, B)
    L = T * B
    for s in starts:
        for c in range(0, run, T):
            p = (s + c) * B
            x0, x1 = x[p:p + L], x[p + sB:p + sB + L]
            if code == _H:
                for j in range(L):
                    a, b = x0[j], x1[j]
                    x0[j], x1[j] = h * (a + b), h * (a - b)
            elif code == _CNOT:
                for j in range(L):
                    a, b = x0[j], x1[j]
                    x0[j], x1[j] = b, a
            else:
                for j in range(L):
                    x1[j] = -x1[j]


@numba.njit(**_JIT)
def _hh_rows(x, starts, run, sa, sb, B):
    """One real array through H on two wires in one pass (strides ``sa``, ``sb`` times B): the 4-row
    butterfly (H x H is real and self-inverse; H layers are memory-bound, so half the passes)."""
    T = _chunk_rows(run, B)
    L = T * B
    for s in starts:
        for c in range(0, run, T):
            p = (s + c) * B
            x00, x01, x10, x11 = x[p:p + L], x[p + sb:p + sb + L], x[p + sa:p + sa + L], x[p + sa + sb:p + sa + sb + L]
            for j in range(L):
                s0, d0 = x00[j] + x01[j], x00[j] - x01[j]
                s1, d1 = x10[j] + x11[j], x10[j] - x11[j]
                x00[j], x01[j], x10[j], x11[j] = 0.5 * (s0 + s1), 0.5 * (d0 + d1), 0.5 * (s0 - s1), 0.5 * (d0 - d1)


@numba.njit(**_JIT)
def _fold(gt, B, L, out):
    """out[b] += sum over the chunk's rows of a tiled per-sample accumulator."""
    for t in range(0, L, B):
        for b in range(B):
            out[b] += gt[t + b]


@numba.njit(**_JIT)
def _adjoint_step(re, im, lre, lim, starts, run, sB, md, B, gx, gy, gz):
    """One gate of the backward sweep in one pass: accumulate the tiled per-sample Im <lambda| P |psi> for
    P = X, Y, Z on the target, read off the states after the gate, then pull psi and lambda back through U
    (``md`` holds U^dagger). Every angle gradient is a per-sample combination of these three terms
    (dU/dt = -i/2 G U with G a Pauli, or a rotated one). With z_jk = conj(lambda_j) psi_k:
    Im<X> = Im z01 + Im z10, Im<Y> = Re z10 - Re z01, Im<Z> = Im z00 - Im z11."""
    T = _chunk_rows(run, B)
    L = T * B
    ar, ai, br, bi = md[:L], md[L:2 * L], md[2 * L:3 * L], md[3 * L:4 * L]
    for s in starts:
        for c in range(0, run, T):
            p, q = (s + c) * B, (s + c) * B + sB
            r0, j0, r1, j1 = re[p:p + L], im[p:p + L], re[q:q + L], im[q:q + L]
            u0, v0, u1, v1 = lre[p:p + L], lim[p:p + L], lre[q:q + L], lim[q:q + L]
            for j in range(L):
                a0r, a0i, a1r, a1i = r0[j], j0[j], r1[j], j1[j]
                l0r, l0i, l1r, l1i = u0[j], v0[j], u1[j], v1[j]
                z01r, z01i = l0r * a1r + l0i * a1i, l0r * a1i - l0i * a1r
                z10r, z10i = l1r * a0r + l1i * a0i, l1r * a0i - l1i * a0r
                gx[j] += z01i + z10i
                gy[j] += z10r - z01r
                gz[j] += (l0r * a0i - l0i * a0r) - (l1r * a1i - l1i * a1r)
                r0[j], j0[j], r1[j], j1[j] = _su2(ar[j], ai[j], br[j], bi[j], a0r, a0i, a1r, a1i)
                u0[j], v0[j], u1[j], v1[j] = _su2(ar[j], ai[j], br[j], bi[j], l0r, l0i, l1r, l1i)


# --- whole circuits ---------------------------------------------------------------------------------
@numba.njit(**_JIT)
def _forward(n, codes, kinds, idxs, strides, run_len, run_off, run_starts, init, ci, si, cw, sw):
    """Final state (re, im), each flat (2**n * B,), from the real initial state ``init`` (2**n,)."""
    B = ci.shape[1]
    dim = 1 << n
    re = np.empty(dim * B, dtype=ci.dtype)
    im = np.zeros(dim * B, dtype=ci.dtype)
    for i in range(dim):
        re[i * B:(i + 1) * B] = init[i]
    mt = np.empty(4 * max(_CHUNK, B), dtype=ci.dtype)
    cs = np.empty((6, B), dtype=ci.dtype)
    for k in range(len(codes)):
        code, run, starts = codes[k], run_len[k], run_starts[run_off[k]:run_off[k + 1]]
        sB = strides[k, 0] * B
        if code == _HH:
            sb = strides[k, 1] * B
            _hh_rows(re, starts, run, sB, sb, B)
            _hh_rows(im, starts, run, sB, sb, B)
        elif code == _H or code == _CNOT or code == _CZ:
            _fixed_rows(re, starts, run, sB, B, code)
            _fixed_rows(im, starts, run, sB, B, code)
        else:
            L = _chunk_rows(run, B) * B
            _matrices(code, kinds[k], idxs[k], ci, si, cw, sw, B, L, mt, cs)
            _apply_2x2(re, im, starts, run, sB, mt, B)
    return re, im


@numba.njit(**_JIT)
def _z_runs_sum(p, starts, run, B, acc, out):
    """out[b] += sum of p over the rows of the runs (rows whose bit is 1), in chunks of a fixed number of
    rows, so the order of the additions (and the bits of a sample's result) does not depend on the batch."""
    T = min(run, _SUM_ROWS)
    L = T * B
    acc[:L] = 0.0
    for s in starts:
        for c in range(0, run, T):
            q = (s + c) * B
            x = p[q:q + L]
            for j in range(L):
                acc[j] += x[j]
    _fold(acc, B, L, out)


@numba.njit(**_JIT)
def _expectations(re, im, n, obs_kind, obs_wire, obs_sign, obs_len, obs_off, obs_starts, out):
    """out[k, b] = <psi_b| P_k |psi_b>. One-wire Z: total probability minus twice that of the rows whose bit
    is 1; Z strings from a sign table; X / Y from the amplitude pairs."""
    B = out.shape[1]
    dim = 1 << n
    p = np.empty(dim * B, re.dtype)
    for j in range(dim * B):
        p[j] = re[j] * re[j] + im[j] * im[j]
    total = np.zeros(B, re.dtype)
    acc = np.empty(_SUM_ROWS * B, re.dtype)
    _z_runs_sum(p, np.arange(1), dim, B, acc, total)
    ones = np.zeros(B, re.dtype)
    for k in range(len(obs_kind)):
        kind = obs_kind[k]
        row = out[k]
        if kind == _OBS_Z1:
            ones[:] = 0.0
            _z_runs_sum(p, obs_starts[obs_off[k]:obs_off[k + 1]], obs_len[k], B, acc, ones)
            for b in range(B):
                row[b] = total[b] - 2.0 * ones[b]
            continue
        row[:] = 0.0
        if kind == _OBS_ZN:
            for i in range(dim):
                sg = obs_sign[k, i]
                x = p[i * B:(i + 1) * B]
                for b in range(B):
                    row[b] += sg * x[b]
            continue
        q = 1 << (n - 1 - obs_wire[k])
        for i in range(dim):
            if i & q:
                continue
            a, c = i * B, (i | q) * B
            for b in range(B):
                if kind == _OBS_X:    # 2 Re conj(psi_i) psi_j
                    row[b] += 2 * (re[a + b] * re[c + b] + im[a + b] * im[c + b])
                else:                 # 2 Im conj(psi_i) psi_j
                    row[b] += 2 * (re[a + b] * im[c + b] - im[a + b] * re[c + b])


@numba.njit(**_JIT)
def _seed_adjoint(re, im, n, obs_kind, obs_wire, obs_sign, obs_len, obs_off, obs_starts, gout):
    """lambda = sum_k g_k P_k psi: the adjoint state of a loss whose gradient wrt <P_k> is ``gout[k]``.
    The diagonal part is one coefficient per amplitude, c = sum_k g_k sign_k(i), built run by run."""
    B = gout.shape[1]
    dim = 1 << n
    coef = np.zeros(dim * B, re.dtype)
    gsum = np.zeros(B, re.dtype)
    for k in range(len(obs_kind)):
        if obs_kind[k] == _OBS_Z1:
            gsum += gout[k]
    for i in range(dim):
        coef[i * B:(i + 1) * B] = gsum
    tile = np.empty(max(_CHUNK, B), re.dtype)
    for k in range(len(obs_kind)):
        kind = obs_kind[k]
        if kind == _OBS_Z1:  # rows whose bit is 1 get -g_k instead of +g_k
            run, starts = obs_len[k], obs_starts[obs_off[k]:obs_off[k + 1]]
            T = _chunk_rows(run, B)
            L = T * B
            tile[:B] = -2.0 * gout[k]
            _tile(tile, 1, B, L)
            for s in starts:
                for c in range(0, run, T):
                    q = (s + c) * B
                    x = coef[q:q + L]
                    for j in range(L):
                        x[j] += tile[j]
        elif kind == _OBS_ZN:
            for i in range(dim):
                sg = obs_sign[k, i]
                x = coef[i * B:(i + 1) * B]
                for b in range(B):
                    x[b] += sg * gout[k, b]
    lre = np.empty_like(re)
    lim = np.empty_like(im)
    for j in range(dim * B):
        lre[j] = coef[j] * re[j]
        lim[j] = coef[j] * im[j]
    for k in range(len(obs_kind)):
        kind = obs_kind[k]
        if kind != _OBS_X and kind != _OBS_Y:
            continue
        q = n - 1 - obs_wire[k]
        for i in range(dim):
            a, c = i * B, (i ^ (1 << q)) * B
            sgn = 2.0 * ((i >> q) & 1) - 1.0
            for b in range(B):
                g = gout[k, b]
                if kind == _OBS_X:
                    lre[a + b] += g * re[c + b]
                    lim[a + b] += g * im[c + b]
                else:  # (Y psi)_0 = -i psi_1, (Y psi)_1 = i psi_0
                    lre[a + b] -= g * sgn * im[c + b]
                    lim[a + b] += g * sgn * re[c + b]
    return lre, lim


@numba.njit(**_JIT)
def _backward(n, codes, kinds, idxs, strides, run_len, run_off, run_starts, re, im, lre, lim, ci, si, cw, sw,
              g_in, g_w):
    """Adjoint sweep from the final state: per gate, the angle gradients from the states after it, then psi
    and lambda pulled back through it. ``g_in`` is (n_inputs, B)."""
    B = ci.shape[1]
    size = max(_CHUNK, B)
    mt, md = np.empty(4 * size, ci.dtype), np.empty(4 * size, ci.dtype)
    gt = np.empty((3, size), ci.dtype)
    g = np.empty((3, B), ci.dtype)   # Im <lambda| X, Y, Z |psi> per sample
    d = np.empty((3, B), ci.dtype)   # dL/d(angle) per sample, for up to 3 angles
    cs = np.empty((6, B), ci.dtype)
    for k in range(len(codes) - 1, -1, -1):
        code, run, starts = codes[k], run_len[k], run_starts[run_off[k]:run_off[k + 1]]
        sB = strides[k, 0] * B
        if code == _HH:  # self-inverse
            sb = strides[k, 1] * B
            for x in (re, im, lre, lim):
                _hh_rows(x, starts, run, sB, sb, B)
            continue
        if code == _CNOT or code == _CZ or code == _H:  # self-inverse, no angles
            for x in (re, im, lre, lim):
                _fixed_rows(x, starts, run, sB, B, code)
            continue
        L = _chunk_rows(run, B) * B
        _matrices(code, kinds[k], idxs[k], ci, si, cw, sw, B, L, mt, cs)
        _dagger(mt, L, md)
        gt[:, :L] = 0.0
        _adjoint_step(re, im, lre, lim, starts, run, sB, md, B, gt[0], gt[1], gt[2])
        g[:, :] = 0.0
        for j in range(3):
            _fold(gt[j], B, L, g[j])
        ix, iy, iz = g[0], g[1], g[2]
        if code == _RX or code == _RY or code == _RZ:
            d[0] = ix if code == _RX else (iy if code == _RY else iz)
            n_ang = 1
        else:
            # Rot = RZ(w) RY(t) RZ(p): the generators, moved to after the gate, are
            #   omega: Z;  theta: RZ(w) Y RZ(w)^dag = cos w Y - sin w X;
            #   phi: U Z U^dag = cos t Z + sin t (cos w X + sin w Y)
            ct, st_, co, so = cs[2], cs[3], cs[4], cs[5]   # half angles of theta, omega (from _matrices)
            for b in range(B):
                cos_t, sin_t = ct[b] * ct[b] - st_[b] * st_[b], 2 * st_[b] * ct[b]
                cos_w, sin_w = co[b] * co[b] - so[b] * so[b], 2 * so[b] * co[b]
                d[2, b] = iz[b]
                d[1, b] = cos_w * iy[b] - sin_w * ix[b]
                d[0, b] = cos_t * iz[b] + sin_t * (cos_w * ix[b] + sin_w * iy[b])
            n_ang = 3
        for j in range(n_ang):
            if kinds[k, j] == 1:
                g_in[idxs[k, j]] += d[j]
            else:
                g_w[idxs[k, j]] += d[j].sum()


# --- program: the circuit as flat arrays ------------------------------------------------------------
def _runs(n: int, clear: list[int], ones: list[int]) -> tuple[int, np.ndarray]:
    """Rows whose bits ``clear`` are 0 and bits ``ones`` are 1 (bit = n - 1 - wire), as runs of consecutive
    rows: (run length, run starts). Bits below the lowest constrained bit are free, so runs are that long."""
    fixed = clear + ones
    run = 1 << min(fixed)
    rows = np.arange(0, 1 << n, run)
    keep = np.ones(len(rows), bool)
    for bit in clear:
        keep &= (rows >> bit) & 1 == 0
    for bit in ones:
        keep &= (rows >> bit) & 1 == 1
    return run, rows[keep]


def _concat(runs):
    """[(run, starts), ...] -> lengths, offsets, concatenated starts (numba wants flat arrays)."""
    lens = np.array([r for r, _ in runs], np.int64)
    off = np.zeros(len(runs) + 1, np.int64)
    off[1:] = np.cumsum([len(s) for _, s in runs])
    starts = np.concatenate([s for _, s in runs]).astype(np.int64) if runs else np.zeros(0, np.int64)
    return lens, off, starts


class _Program:
    """The circuit as flat arrays for the kernels. A leading run of H gates is folded into the initial state;
    later H gates on two different wires, one right after the other, become one two-wire pass. Each gate
    carries its partner stride(s) and the runs of rows it updates."""

    def __init__(self, circuit: Circuit):
        n, ops = circuit.n_qubits, list(circuit.ops)
        self.n = n
        bit = lambda w: n - 1 - w  # noqa: E731
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
        self.kinds = np.zeros((len(rows), 3), np.int64)
        self.idxs = np.zeros((len(rows), 3), np.int64)
        self.strides = np.zeros((len(rows), 2), np.int64)
        runs = []
        for k, (code, wires, params) in enumerate(rows):
            for j, p in enumerate(params):
                self.kinds[k, j] = 1 if p.kind == "in" else 2
                self.idxs[k, j] = p.index
            if code == _HH:
                self.strides[k] = (1 << bit(wires[0]), 1 << bit(wires[1]))
                runs.append(_runs(n, [bit(wires[0]), bit(wires[1])], []))
            elif len(wires) == 2:  # controlled: wires = (control, target)
                self.strides[k, 0] = 1 << bit(wires[1])
                runs.append(_runs(n, [bit(wires[1])], [bit(wires[0])]))
            else:
                self.strides[k, 0] = 1 << bit(wires[0])
                runs.append(_runs(n, [bit(wires[0])], []))
        self.run_len, self.run_off, self.run_starts = _concat(runs)
        idx = np.arange(2**n)
        free = sum(1 << bit(w) for w in seen)
        self.init = np.where((idx & ~free) == 0, 2.0 ** (-len(seen) / 2), 0.0)
        self.init_by_dtype = {np.dtype(t): self.init.astype(t) for t in (np.float32, np.float64)}  # no per-call copy
        self._observables(circuit)

    def _observables(self, circuit: Circuit):
        n, obs = self.n, circuit.observables
        self.obs_kind = np.zeros(len(obs), np.int64)
        self.obs_wire = np.zeros(len(obs), np.int64)
        self.obs_sign = np.zeros((len(obs), 2**n))
        runs = []
        idx = np.arange(2**n)
        for k, o in enumerate(obs):
            self.obs_wire[k] = o.wires[0]
            run = (1, np.zeros(0, np.int64))
            if o.basis != "Z":
                self.obs_kind[k] = _OBS_X if o.basis == "X" else _OBS_Y
            elif len(o.wires) == 1:
                self.obs_kind[k] = _OBS_Z1
                run = _runs(n, [], [n - 1 - o.wires[0]])
            else:
                self.obs_kind[k] = _OBS_ZN
                parity = np.array([bin(i).count("1") % 2 for i in (idx & z_mask(o, n))])
                self.obs_sign[k] = 1.0 - 2.0 * parity
            runs.append(run)
        self.obs_len, self.obs_off, self.obs_starts = _concat(runs)
        self.obs_sign_by_dtype = {np.dtype(t): self.obs_sign.astype(t) for t in (np.float32, np.float64)}

    def gates(self):
        return (self.n, self.codes, self.kinds, self.idxs, self.strides, self.run_len, self.run_off, self.run_starts)

    def observables(self, dtype):
        return (self.n, self.obs_kind, self.obs_wire, self.obs_sign_by_dtype[dtype], self.obs_len, self.obs_off,
                self.obs_starts)

    def half_angles(self, x: np.ndarray, w: np.ndarray):
        """cos / sin of half of every angle, once per call (numpy), inputs transposed to (n_inputs, B)."""
        hx, hw = 0.5 * x.T, 0.5 * w
        return np.ascontiguousarray(np.cos(hx)), np.ascontiguousarray(np.sin(hx)), np.cos(hw), np.sin(hw)

    def run(self, x: np.ndarray, w: np.ndarray):
        """Final state (re, im), each (2**n * B,) flat, and the half-angle tables it was built from."""
        trig = self.half_angles(x, w)
        return _forward(*self.gates(), self.init_by_dtype[x.dtype], *trig), trig


# --- torch layer ------------------------------------------------------------------------------------
class _AdjointFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, inputs, weights, prog: _Program):
        x = inputs.detach().contiguous().numpy()
        w = weights.detach().contiguous().numpy()
        (re, im), trig = prog.run(x, w)
        out = np.empty((len(prog.obs_kind), x.shape[0]), x.dtype)
        _expectations(re, im, *prog.observables(x.dtype), out)
        if any(ctx.needs_input_grad[:2]):
            ctx.prog, ctx.state, ctx.trig, ctx.shapes = prog, (re, im), trig, (x.shape, w.shape, x.dtype)
        return torch.from_numpy(out.T.copy())

    @staticmethod
    def backward(ctx, gout):
        prog, (re, im), trig, (xshape, wshape, dtype) = ctx.prog, ctx.state, ctx.trig, ctx.shapes
        re, im = re.copy(), im.copy()
        gout = np.ascontiguousarray(gout.detach().numpy().T, dtype=dtype)
        lre, lim = _seed_adjoint(re, im, *prog.observables(dtype), gout)
        g_in, g_w = np.zeros((xshape[1], xshape[0]), dtype), np.zeros(wshape, dtype)
        _backward(*prog.gates(), re, im, lre, lim, *trig, g_in, g_w)
        return torch.from_numpy(np.ascontiguousarray(g_in.T)), torch.from_numpy(g_w), None


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
        (re, im), _ = self.prog.run(x, w)
        B = x.shape[0]
        return torch.from_numpy(re.reshape(-1, B).T + 1j * im.reshape(-1, B).T)
