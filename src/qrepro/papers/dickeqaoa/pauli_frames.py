"""Trajectory simulator for circuits under depolarizing (Pauli) noise that carries each error as a Pauli frame.

Why: Aer, like any trajectory simulator, re-runs the whole circuit for every shot with the sampled Pauli errors
inserted as extra gates. Here an error is never applied to the state. It is remembered as a Pauli frame F
(true state = F |phi>, phases dropped) and handed on:
- a CX conjugates it (CX is Clifford): F moves to other qubits, the CX itself is applied unchanged;
- a diagonal gate D satisfies D F = F (F D F), and F D F is diagonal too (its phases permuted by F's X part):
  one diagonal pass, which touches only the amplitudes whose phase is not 1 (a CP: a quarter of the state);
- any other gate U absorbs the frame on its qubits into its matrix (U F is one matrix), at no extra pass;
- at measurement, F's X part flips the sampled bits.
So a noisy shot costs one noiseless pass per gate, and the state is never touched by an error.
The error draws follow qiskit-aer's ``depolarizing_error(p, k)`` exactly: identity with probability
1 - p + p / 4^k, each of the 4^k - 1 other Paulis with p / 4^k. Verified against Aer in the tests (exact
amplitudes for injected errors, density-matrix distributions for sampled ones).
"""

from __future__ import annotations

import numba
import numpy as np
from qiskit import QuantumCircuit

from ...quantum.kernel import _JIT

_DENSE1, _DIAG1, _CX, _DIAG2, _DENSE2 = range(5)
_RUN = 8    # a qubit below bit 3 is walked with strided views: contiguous runs that short cost more per call
_RUN2 = 64  # two-qubit gates whose lower bit is below 6 go element by element, for the same reason
_SKIP = ("barrier", "measure", "id", "delay")


class FrameProgram:
    """A qiskit circuit (gates on one or two qubits) as flat arrays, with the gates a noise model hits:
    ``noisy`` names the gates that get a depolarizing error of strength ``p_err`` on their qubits."""

    def __init__(self, circuit: QuantumCircuit, noisy=(), p_err: float = 0.0):
        if not 0.0 <= p_err <= 1.0:
            raise ValueError(f"depolarizing p_err must lie in [0, 1], got {p_err}")
        self.n, self.p_err = circuit.num_qubits, float(p_err)
        kinds, qubits, mats, arity = [], [], [], []
        for ins in circuit.data:
            name = ins.operation.name
            if name in _SKIP:
                continue
            qs = [circuit.find_bit(q).index for q in ins.qubits]
            if len(qs) > 2:
                raise ValueError(f"the Pauli-frame simulator runs 1- and 2-qubit gates; {name!r} acts on {len(qs)}")
            m = np.asarray(ins.operation.to_matrix(), complex)
            diagonal = not np.count_nonzero(m - np.diag(np.diag(m)))
            if len(qs) == 1:
                kind = _DIAG1 if diagonal else _DENSE1
            elif name == "cx":
                kind = _CX
            else:
                kind = _DIAG2 if diagonal else _DENSE2
            full = np.eye(4, dtype=complex)
            full[:len(m), :len(m)] = m
            kinds.append(kind)
            qubits.append(qs + [qs[0]] * (2 - len(qs)))
            mats.append(full)
            arity.append(len(qs) if name in set(noisy) and p_err > 0 else 0)
        self.kind = np.array(kinds, np.int64)
        self.qubits = np.array(qubits, np.int64).reshape(-1, 2)
        self.mats = np.array(mats, complex).reshape(-1, 4, 4)
        self.arity = np.array(arity, np.int64)
        self.noisy_col = np.where(self.arity > 0, np.cumsum(self.arity > 0) - 1, -1)

    def draw_errors(self, rng: np.random.Generator, shots: int) -> np.ndarray:
        """(shots, noisy gates) Pauli codes, 0 = no error; code c on a k-qubit gate: Pauli (c % 4) on its first
        qubit, (c // 4) on its second; 1 = X, 2 = Y, 3 = Z. One uniform per shot and noisy gate."""
        k = self.arity[self.arity > 0]
        u = rng.random((shots, len(k)))
        each = self.p_err / 4.0 ** k                       # probability of one given non-identity Pauli
        hit = u < each * (4.0 ** k - 1)
        return np.where(hit, 1 + np.floor(u / each), 0).astype(np.int8)    # each > 0: noisy gates need p_err > 0

    def sample(self, rng: np.random.Generator, shots: int, errors: np.ndarray | None = None) -> np.ndarray:
        """Basis-state indices (qiskit's little-endian order) of ``shots`` trajectories, one measurement each."""
        if errors is None and not (self.arity > 0).any():    # noiseless: one state, every shot drawn from it
            psi, _ = self.final_state()
            probs = np.abs(psi) ** 2
            return rng.choice(len(probs), shots, p=probs / probs.sum())
        errors = self.draw_errors(rng, shots) if errors is None else np.asarray(errors, np.int8)
        uniforms = rng.random(shots)
        out = np.empty(shots, np.int64)
        _run_shots(self.n, self.kind, self.qubits, self.mats, self.noisy_col, errors, uniforms, out)
        return out

    def final_state(self, errors=None) -> tuple[np.ndarray, int]:
        """One trajectory with the given Pauli codes (one row of :meth:`draw_errors`; none by default): the state
        F |phi> with the frame applied, and the frame's X mask."""
        errors = np.zeros((1, int((self.arity > 0).sum())), np.int8) if errors is None else np.asarray(errors, np.int8)
        re, im = np.empty(1 << self.n), np.empty(1 << self.n)
        fx = _trajectory(self.n, self.kind, self.qubits, self.mats, self.noisy_col, errors[0], re, im, True)
        return re + 1j * im, fx


@numba.njit(**_JIT)
def _apply_dense1(re, im, a, m):
    """2x2 matrix on qubit a; the state is split into real and imaginary parts so the loops vectorise."""
    step = 1 << a
    if step < _RUN:      # short runs: one strided view per offset instead of many tiny contiguous ones
        for o in range(step):
            _pairs(re[o::2 * step], im[o::2 * step], re[o + step::2 * step], im[o + step::2 * step], m)
        return
    for hi in range(0, re.size, 2 * step):
        _pairs(re[hi:hi + step], im[hi:hi + step], re[hi + step:hi + 2 * step], im[hi + step:hi + 2 * step], m)


@numba.njit(**_JIT)
def _pairs(ar, ai, br, bi, m):
    """(a, b) <- m (a, b) elementwise; four distinct views, so LLVM vectorises the loop."""
    m00r, m00i, m01r, m01i = m[0, 0].real, m[0, 0].imag, m[0, 1].real, m[0, 1].imag
    m10r, m10i, m11r, m11i = m[1, 0].real, m[1, 0].imag, m[1, 1].real, m[1, 1].imag
    for i in range(ar.size):
        xr, xi, yr, yi = ar[i], ai[i], br[i], bi[i]
        ar[i] = m00r * xr - m00i * xi + m01r * yr - m01i * yi
        ai[i] = m00r * xi + m00i * xr + m01r * yi + m01i * yr
        br[i] = m10r * xr - m10i * xi + m11r * yr - m11i * yi
        bi[i] = m10r * xi + m10i * xr + m11r * yi + m11i * yr


@numba.njit(**_JIT)
def _scale(re, im, r):
    """Multiply a view of the amplitudes by the complex number r."""
    rr, ri = r.real, r.imag
    for i in range(re.size):
        x, y = re[i], im[i]
        re[i] = rr * x - ri * y
        im[i] = rr * y + ri * x


@numba.njit(**_JIT)
def _apply_phase1(re, im, a, r):
    step = 1 << a
    if step < _RUN:
        for o in range(step, 2 * step):
            _scale(re[o::2 * step], im[o::2 * step], r)
        return
    for hi in range(step, re.size, 2 * step):
        _scale(re[hi:hi + step], im[hi:hi + step], r)


@numba.njit(**_JIT)
def _apply_cx(re, im, c, t):
    lo, hi = min(c, t), max(c, t)
    bc, bt, slo, shi = 1 << c, 1 << t, 1 << lo, 1 << hi
    for h in range(0, re.size, 2 * shi):
        for mid in range(h, h + shi, 2 * slo):
            for i in range(mid + bc, mid + bc + slo):
                x, y = re[i], im[i]
                re[i], im[i] = re[i + bt], im[i + bt]
                re[i + bt], im[i + bt] = x, y


@numba.njit(**_JIT)
def _apply_diag2(re, im, a, b, r1, r2, r3):
    """Multiply the amplitudes with (bit a, bit b) = (1, 0), (0, 1), (1, 1) by r1, r2, r3 (unit ones skipped)."""
    lo, hi = min(a, b), max(a, b)
    slo, shi = 1 << lo, 1 << hi
    for h in range(0, re.size, 2 * shi):
        for mid in range(h, h + shi, 2 * slo):
            if r1 != 1:
                j = mid + (1 << a)
                _scale(re[j:j + slo], im[j:j + slo], r1)
            if r2 != 1:
                j = mid + (1 << b)
                _scale(re[j:j + slo], im[j:j + slo], r2)
            if r3 != 1:
                j = mid + (1 << a) + (1 << b)
                _scale(re[j:j + slo], im[j:j + slo], r3)


@numba.njit(**_JIT)
def _apply_dense2(re, im, a, b, m):
    lo, hi = min(a, b), max(a, b)
    slo, shi, ba, bb = 1 << lo, 1 << hi, 1 << a, 1 << b
    mr, mi = m.real.copy(), m.imag.copy()
    if slo < _RUN2:
        for t in range(re.size >> 2):
            j = _insert_zeros(t, lo, hi)
            k1, k2, k3 = j + ba, j + bb, j + ba + bb
            (re[j], im[j]), (re[k1], im[k1]), (re[k2], im[k2]), (re[k3], im[k3]) = _mix4(
                mr, mi, re[j], im[j], re[k1], im[k1], re[k2], im[k2], re[k3], im[k3])
        return
    for h in range(0, re.size, 2 * shi):
        for j in range(h, h + shi, 2 * slo):
            k1, k2, k3 = j + ba, j + bb, j + ba + bb
            _quads(re[j:j + slo], im[j:j + slo], re[k1:k1 + slo], im[k1:k1 + slo], re[k2:k2 + slo],
                   im[k2:k2 + slo], re[k3:k3 + slo], im[k3:k3 + slo], mr, mi)


@numba.njit(**_JIT, inline="always")
def _row4(mr, mi, r, a0, b0, a1, b1, a2, b2, a3, b3):
    """Row r of m x for a complex 4x4 m = mr + i mi and x = a + i b: (real, imaginary)."""
    return (mr[r, 0] * a0 - mi[r, 0] * b0 + mr[r, 1] * a1 - mi[r, 1] * b1
            + mr[r, 2] * a2 - mi[r, 2] * b2 + mr[r, 3] * a3 - mi[r, 3] * b3,
            mr[r, 0] * b0 + mi[r, 0] * a0 + mr[r, 1] * b1 + mi[r, 1] * a1
            + mr[r, 2] * b2 + mi[r, 2] * a2 + mr[r, 3] * b3 + mi[r, 3] * a3)


@numba.njit(**_JIT, inline="always")
def _mix4(mr, mi, a0, b0, a1, b1, a2, b2, a3, b3):
    """m x: the four rows' (real, imaginary) pairs."""
    return (_row4(mr, mi, 0, a0, b0, a1, b1, a2, b2, a3, b3), _row4(mr, mi, 1, a0, b0, a1, b1, a2, b2, a3, b3),
            _row4(mr, mi, 2, a0, b0, a1, b1, a2, b2, a3, b3), _row4(mr, mi, 3, a0, b0, a1, b1, a2, b2, a3, b3))


@numba.njit(**_JIT)
def _quads(r0, i0, r1, i1, r2, i2, r3, i3, mr, mi):
    """(x0, x1, x2, x3) <- m (x0, x1, x2, x3) elementwise over eight distinct views."""
    for k in range(r0.size):
        (r0[k], i0[k]), (r1[k], i1[k]), (r2[k], i2[k]), (r3[k], i3[k]) = _mix4(
            mr, mi, r0[k], i0[k], r1[k], i1[k], r2[k], i2[k], r3[k], i3[k])


@numba.njit(**_JIT, inline="always")
def _insert_zeros(i, lo, hi):
    """i with zero bits inserted at positions lo < hi."""
    i = ((i >> lo) << (lo + 1)) | (i & ((1 << lo) - 1))
    return ((i >> hi) << (hi + 1)) | (i & ((1 << hi) - 1))


@numba.njit(**_JIT)
def _absorb(m, col_bit, x, z):
    """m (columns indexed by a basis index) times X^x Z^z on the qubit at column bit ``col_bit``, in place."""
    b = 1 << col_bit
    if x:
        for c in range(4):
            if c & b == 0:
                for r in range(4):
                    m[r, c], m[r, c | b] = m[r, c | b], m[r, c]
    if z:
        for c in range(4):
            if c & b:
                for r in range(4):
                    m[r, c] = -m[r, c]


@numba.njit(**_JIT)
def _trajectory(n, kind, qubits, mats, noisy_col, codes, re, im, apply_frame):
    """One shot: |0...0> through every gate, errors ``codes`` kept as a frame; returns the frame's X mask (and
    applies the whole frame to the state (re, im) when ``apply_frame``)."""
    re[:] = 0
    im[:] = 0
    re[0] = 1
    fx, fz = 0, 0
    m = np.empty((4, 4), np.complex128)
    for k in range(kind.size):
        a, b, K = qubits[k, 0], qubits[k, 1], kind[k]
        if K == _CX:
            _apply_cx(re, im, a, b)
            fx ^= ((fx >> a) & 1) << b
            fz ^= ((fz >> b) & 1) << a
        elif K == _DIAG1:
            d0, d1 = mats[k, 0, 0], mats[k, 1, 1]
            if (fx >> a) & 1:
                d0, d1 = d1, d0
            if d1 != d0:
                _apply_phase1(re, im, a, d1 / d0)
        elif K == _DIAG2:
            sx = ((fx >> a) & 1) | (((fx >> b) & 1) << 1)
            d0 = mats[k, sx, sx]
            _apply_diag2(re, im, a, b, mats[k, 1 ^ sx, 1 ^ sx] / d0, mats[k, 2 ^ sx, 2 ^ sx] / d0,
                         mats[k, 3 ^ sx, 3 ^ sx] / d0)
        elif K == _DENSE1:
            m[:] = mats[k]
            _absorb(m, 0, (fx >> a) & 1, (fz >> a) & 1)
            fx &= ~(1 << a)
            fz &= ~(1 << a)
            _apply_dense1(re, im, a, m)
        else:
            m[:] = mats[k]
            _absorb(m, 0, (fx >> a) & 1, (fz >> a) & 1)
            _absorb(m, 1, (fx >> b) & 1, (fz >> b) & 1)
            fx &= ~((1 << a) | (1 << b))
            fz &= ~((1 << a) | (1 << b))
            _apply_dense2(re, im, a, b, m)
        col = noisy_col[k]
        if col >= 0 and codes[col] != 0:
            c = codes[col]
            for q, p in ((a, c & 3), (b, c >> 2)):
                fx ^= (1 if p == 1 or p == 2 else 0) << q
                fz ^= (1 if p == 2 or p == 3 else 0) << q
    if apply_frame:
        for q in range(n):
            m[:] = 0
            m[0, 0] = m[1, 1] = 1
            _absorb(m, 0, (fx >> q) & 1, (fz >> q) & 1)
            _apply_dense1(re, im, q, m)
    return fx


@numba.njit(**_JIT)
def _run_shots(n, kind, qubits, mats, noisy_col, errors, uniforms, out):
    re, im = np.empty(1 << n), np.empty(1 << n)
    for s in range(errors.shape[0]):
        fx = _trajectory(n, kind, qubits, mats, noisy_col, errors[s], re, im, False)
        target, acc, idx = uniforms[s], 0.0, re.size - 1
        for i in range(re.size):
            acc += re[i] * re[i] + im[i] * im[i]
            if acc > target:
                idx = i
                break
        out[s] = idx ^ fx
