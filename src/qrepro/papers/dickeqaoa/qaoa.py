"""Exact p-layer QAOA simulators for the CBRS GMCP (paper 003), much faster than a generic statevector.

* :class:`ConfinedQAOA`: Dicke init + XY mixer + conflict cost never leave the feasible set F, so the state is a
  tensor of shape (C(m,k_0), ..., C(m,k_{n-1})) over per-node weight-k bases (6,561 amplitudes at N = 8 instead of
  2^24). Amplitudes equal qiskit's Statevector of the circuit in :mod:`qrepro.papers.dickeqaoa.circuits` (tested).
* :class:`PenaltyQAOA`: |+> init + X mixer + penalty cost leaves F; full 2^{nm} space (2^24 amplitudes at N = 8).
  The mixer is RX(2 beta) on every qubit, applied by compiled loops that exploit its form (real cosine, imaginary
  sine: 6 flops per amplitude and qubit, against 32 for a per-register complex GEMM) and work in cache-sized
  blocks, so 24 qubits cost about two passes over memory, not 24. Flat index = qiskit little-endian index.
* :class:`DualQAOA`: basis-state start + plaquette mixer inside the 570-state row/column-sum subspace.
"""

from __future__ import annotations

import itertools

import numba
import numpy as np
import scipy.linalg

from .problem import Instance, configs_from_indices, indices_from_configs
from .solvers import dual_feasible_configs, greedy_fill, plaquettes

XY_MODES = ("trotter", "exact")
PLAQUETTE_MODES = ("trotter_lex", "exact")


def _check(name: str, value: str, allowed: tuple) -> None:
    if value not in allowed:
        raise ValueError(f"dickeqaoa: {name} must be one of {', '.join(allowed)}; got {value!r}")


def mixer_pairs(m: int) -> list[tuple[int, int]]:
    """Intra-register XY pairs in application order: ring (0,1),(1,2),...,(0,m-1) (= complete graph for m = 3)."""
    pairs = [(c, c + 1) for c in range(m - 1)]
    return pairs + [(0, m - 1)] if m > 2 else pairs


def xy_register_unitary(m: int, beta: float, mode: str = "trotter") -> np.ndarray:
    """exp(-i beta 1/2 (XX+YY)) on a 2^m register, little-endian (index = sum_c x_c 2^c).

    trotter: product over :func:`mixer_pairs` in order (qiskit XXPlusYYGate(2 beta) per pair); exact: exponential
    of the summed Hamiltonian."""
    _check("xy_mode", mode, XY_MODES)
    dim = 2 ** m

    def hop(a, b):
        h = np.zeros((dim, dim))
        for s in range(dim):
            if ((s >> a) & 1) != ((s >> b) & 1):
                h[s ^ (1 << a) ^ (1 << b), s] = 1.0   # 1/2 (XX + YY) swaps |01> <-> |10>
        return h

    if mode == "exact":
        return scipy.linalg.expm(-1j * beta * sum(hop(a, b) for a, b in mixer_pairs(m)))
    u = np.eye(dim, dtype=complex)
    for a, b in mixer_pairs(m):
        h = hop(a, b)
        u = (np.eye(dim) + (np.cos(beta) - 1) * (h @ h) - 1j * np.sin(beta) * h) @ u   # h^3 = h
    return u


def apply_per_axis(psi: np.ndarray, unitaries: list[np.ndarray]) -> np.ndarray:
    """Apply unitaries[a] on axis a of a C-ordered tensor: one GEMM on the leading axis, then rotate it last."""
    dims = psi.shape
    x = psi.reshape(dims[0], -1)
    for a, u in enumerate(unitaries):
        x = (u @ x.reshape(dims[a], -1)).T.copy()   # (rest, d_a): axis a+1 is now leading
    return x.reshape(dims)


_BLOCK_BITS = 12   # qubits mixed inside one contiguous block of 2^12 amplitudes (2 x 32 KB: in L1/L2)
_TILE = 16         # columns per tile when mixing the higher qubits (2^(n-12) x 16 amplitudes, ~1 MB)


@numba.njit(cache=True, nogil=True, inline="always")
def _rx(a, b, x, y, c, s):
    """RX = [[c, -i s], [-i s, c]] on one pair (a + i b, x + i y): the pair's new (re0, im0, re1, im1)."""
    return c * a + s * y, c * b - s * x, c * x + s * b, c * y - s * a


@numba.njit(cache=True, nogil=True)
def _rx_views(r0, i0, r1, i1, c, s):
    """(x0, x1) <- RX (x0, x1) elementwise over four distinct views (vectorised)."""
    for k in range(r0.size):
        r0[k], i0[k], r1[k], i1[k] = _rx(r0[k], i0[k], r1[k], i1[k], c, s)


@numba.njit(cache=True, nogil=True)
def _rx_block(re, im, start, size, run, bits, c, s):
    """RX on the qubits 0 .. bits-1 of the rows of a contiguous block (``run`` amplitudes per row, the row index
    carrying the qubits), lowest qubit first."""
    for b in range(bits):
        half = (1 << b) * run
        for base in range(start, start + size, 2 * half):
            if half >= 16:
                _rx_views(re[base:base + half], im[base:base + half], re[base + half:base + 2 * half],
                          im[base + half:base + 2 * half], c, s)
                continue
            for k in range(base, base + half):
                re[k], im[k], re[k + half], im[k + half] = _rx(re[k], im[k], re[k + half], im[k + half], c, s)


@numba.njit(cache=True, nogil=True)
def _rx_all(re, im, n, c, s):
    """RX on all n qubits of a flat state: the low qubits block by block, the high ones on column tiles copied
    to a contiguous scratch (rows = high index)."""
    low = min(n, _BLOCK_BITS)
    size = 1 << low
    for start in range(0, re.size, size):
        _rx_block(re, im, start, size, 1, low, c, s)
    high = n - low
    if high == 0:
        return
    rows, tile = 1 << high, min(_TILE, size)
    sr, si = np.empty(rows * tile), np.empty(rows * tile)
    for col in range(0, size, tile):
        for r in range(rows):
            sr[r * tile:(r + 1) * tile] = re[r * size + col:r * size + col + tile]
            si[r * tile:(r + 1) * tile] = im[r * size + col:r * size + col + tile]
        _rx_block(sr, si, 0, rows * tile, tile, high, c, s)
        for r in range(rows):
            re[r * size + col:r * size + col + tile] = sr[r * tile:(r + 1) * tile]
            im[r * size + col:r * size + col + tile] = si[r * tile:(r + 1) * tile]


@numba.njit(cache=True, nogil=True)
def _phase(re, im, code, pr, pi):
    """Multiply amplitude j by the table entry (pr + i pi)[code[j]]."""
    for j in range(re.size):
        a, b, x, y = re[j], im[j], pr[code[j]], pi[code[j]]
        re[j] = a * x - b * y
        im[j] = a * y + b * x


def _sample(probs: np.ndarray, shots: int, rng: np.random.Generator) -> np.ndarray:
    cdf = np.cumsum(probs)
    return np.minimum(np.searchsorted(cdf, rng.random(shots) * cdf[-1], side="right"), len(probs) - 1)


class ConfinedQAOA:
    """The paper's proposed ansatz in the feasible subspace (exact, noiseless)."""

    def __init__(self, inst: Instance, xy_mode: str = "trotter"):
        _check("xy_mode", xy_mode, XY_MODES)
        self.inst, self.xy_mode = inst, xy_mode
        self.configs = inst.feasible_configs()
        self.cost = inst.conflicts(self.configs).astype(float)
        self.bases = [inst.local_basis(i) for i in range(inst.n)]
        self.shape = tuple(len(b) for b in self.bases)
        self._reg_index = [(b.astype(np.int64) << np.arange(inst.m)).sum(1) for b in self.bases]

    def _mixer(self, beta: float) -> list[np.ndarray]:
        u = xy_register_unitary(self.inst.m, beta, self.xy_mode)
        return [u[np.ix_(r, r)] for r in self._reg_index]

    def state(self, gammas, betas) -> np.ndarray:
        psi = np.full(self.shape, 1 / np.sqrt(len(self.cost)), dtype=complex)
        cost = self.cost.reshape(self.shape)
        for g, b in zip(np.atleast_1d(gammas), np.atleast_1d(betas)):
            psi = apply_per_axis(psi * np.exp(-1j * g * cost), self._mixer(b))
        return psi.ravel()

    def probs(self, gammas, betas) -> np.ndarray:
        return np.abs(self.state(gammas, betas)) ** 2

    def sample(self, probs: np.ndarray, shots: int, rng: np.random.Generator) -> np.ndarray:
        return self.configs[_sample(probs, shots, rng)]

    def embed(self, psi: np.ndarray) -> np.ndarray:
        """Subspace amplitudes -> the full 2^{nm} statevector (qiskit order), for verification."""
        full = np.zeros(2 ** self.inst.n_qubits, dtype=complex)
        full[indices_from_configs(self.configs)] = psi
        return full


class PenaltyQAOA:
    """Standard QAOA: |+>^{nm}, X mixer, H = C + lambda * sum_i (w_i - k_i)^2 with the constant k^2 dropped
    (as in the circuit, so amplitudes match qiskit including the global phase)."""

    def __init__(self, inst: Instance, lam: float = 5.0):
        self.inst, self.lam = inst, float(lam)
        n, m = inst.n, inst.m
        regs = np.arange(2 ** m)
        reg_bits = ((regs[:, None] >> np.arange(m)) & 1).astype(np.int64)          # (2^m, m)
        weight = reg_bits.sum(1)
        # tensor axis a <-> node n-1-a, so that the C-order flat index is the qiskit index
        self.shape = (2 ** m,) * n
        conflicts = np.zeros(self.shape, dtype=np.int16)
        pen = np.zeros(self.shape, dtype=np.int16)
        dev = np.zeros(self.shape, dtype=np.int8)
        for i, j in inst.edges:
            shared = (reg_bits[:, None, :] & reg_bits[None, :, :]).sum(-1)        # (2^m, 2^m)
            conflicts += self._broadcast(shared, i, j)
        for i in range(n):
            pen += self._broadcast((weight - inst.k[i]) ** 2, i)
            dev += self._broadcast(np.abs(weight - inst.k[i]).astype(np.int8), i)
        self.deviation = dev.ravel()
        self.max_conflict, self.max_pen = int(len(inst.edges) * m), int(sum(max(k, m - k) ** 2 for k in inst.k))
        self.code = (conflicts.astype(np.int32) * (self.max_pen + 1) + pen).ravel()
        self._k2 = float(sum(k * k for k in inst.k))

    def _broadcast(self, table: np.ndarray, *nodes: int) -> np.ndarray:
        """Place a per-node(-pair) table on the tensor axes of ``nodes``."""
        axes = [self.inst.n - 1 - i for i in nodes]
        order = np.argsort(axes)
        t = np.transpose(table, order) if table.ndim > 1 else table
        shape = [1] * self.inst.n
        for ax in sorted(axes):
            shape[ax] = self.shape[ax]
        return t.reshape(shape)

    def _table(self, fn) -> np.ndarray:
        c, p = np.meshgrid(np.arange(self.max_conflict + 1), np.arange(self.max_pen + 1), indexing="ij")
        return fn(c, p).ravel()

    def energies(self) -> tuple[np.ndarray, np.ndarray]:
        """Per basis state: (conflicts, penalty); ``self.deviation`` holds sum_i |w_i - k_i|."""
        return self.code // (self.max_pen + 1), self.code % (self.max_pen + 1)

    def _parts(self, gammas, betas) -> tuple[np.ndarray, np.ndarray]:
        """The final state as (real, imaginary) arrays."""
        nq = self.inst.n_qubits
        re, im = np.full(2 ** nq, 2 ** (-nq / 2)), np.zeros(2 ** nq)
        for g, b in zip(np.atleast_1d(gammas), np.atleast_1d(betas)):
            phase = self._table(lambda c, p: np.exp(-1j * g * (c + self.lam * (p - self._k2))))
            _phase(re, im, self.code, np.ascontiguousarray(phase.real), np.ascontiguousarray(phase.imag))
            _rx_all(re, im, nq, np.cos(b), np.sin(b))
        return re, im

    def state(self, gammas, betas) -> np.ndarray:
        re, im = self._parts(gammas, betas)
        return re + 1j * im

    def probs(self, gammas, betas) -> np.ndarray:
        re, im = self._parts(gammas, betas)
        return re * re + im * im

    def sample(self, probs: np.ndarray, shots: int, rng: np.random.Generator) -> np.ndarray:
        return configs_from_indices(_sample(probs, shots, rng), self.inst)


class DualQAOA:
    """Dual-constraint ansatz (paper eqs. 19-23): |X^0> from greedy fill, one cost layer, plaquette mixer."""

    def __init__(self, inst: Instance, capacities, mode: str = "trotter_lex"):
        _check("plaquette_mode", mode, PLAQUETTE_MODES)
        self.inst, self.mode = inst, mode
        self.configs = dual_feasible_configs(inst, capacities)
        self.cost = inst.conflicts(self.configs).astype(float)
        lookup = {c.tobytes(): s for s, c in enumerate(self.configs)}
        self.x0 = greedy_fill(inst, capacities)
        self.start = lookup[self.x0.tobytes()]
        self.pairs = []                     # per plaquette: (a, b) index arrays of |1001> <-> |0110> partners
        for i, j, c, d in plaquettes(inst.n, inst.m):
            hit = ((self.configs[:, i, c] == 1) & (self.configs[:, i, d] == 0)
                   & (self.configs[:, j, c] == 0) & (self.configs[:, j, d] == 1))
            a = np.flatnonzero(hit)
            swapped = self.configs[a].copy()
            swapped[:, i, [c, d]], swapped[:, j, [c, d]] = [0, 1], [1, 0]
            self.pairs.append((a, np.array([lookup[s.tobytes()] for s in swapped], dtype=np.int64)))
        if mode == "exact":
            h = np.zeros((len(self.cost),) * 2)
            for a, b in self.pairs:
                h[a, b] += 1.0
                h[b, a] += 1.0
            self._w, self._v = np.linalg.eigh(h)

    def state(self, gammas, betas) -> np.ndarray:
        psi = np.zeros(len(self.cost), dtype=complex)
        psi[self.start] = 1.0
        for g, b in zip(np.atleast_1d(gammas), np.atleast_1d(betas)):
            psi = psi * np.exp(-1j * g * self.cost)
            if self.mode == "exact":
                psi = self._v @ (np.exp(-1j * b * self._w) * (self._v.T @ psi))
            else:
                c, s = np.cos(b), -1j * np.sin(b)
                for a, p in self.pairs:
                    psi[a], psi[p] = c * psi[a] + s * psi[p], c * psi[p] + s * psi[a]
        return psi

    def probs(self, gammas, betas) -> np.ndarray:
        return np.abs(self.state(gammas, betas)) ** 2

    def sample(self, probs: np.ndarray, shots: int, rng: np.random.Generator) -> np.ndarray:
        return self.configs[_sample(probs, shots, rng)]

    def components(self) -> int:
        """Connected components of the plaquette-move graph (Ryser: 1)."""
        parent = list(range(len(self.cost)))

        def find(u):
            while parent[u] != u:
                parent[u] = parent[parent[u]]
                u = parent[u]
            return u
        for a, b in self.pairs:
            for u, v in zip(a, b):
                parent[find(u)] = find(v)
        return len({find(u) for u in range(len(parent))})


def grid_argmin(f, lo: float = 0.0, hi: float = 2 * np.pi, n: int = 48) -> tuple[float, float]:
    """Best (gamma, beta) of an objective on an n x n grid over [lo, hi)^2 (warm start for exact optima)."""
    pts = np.linspace(lo, hi, n, endpoint=False)
    vals = [(f(g, b), g, b) for g, b in itertools.product(pts, pts)]
    _, g, b = min(vals)
    return g, b
