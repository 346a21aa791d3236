"""CBRS graph multi-colouring (paper 003): ring + chords instances, demands, conflict cost and the feasible set.

A configuration is a 0/1 array x[..., i, c] (node i holds channel c). Qubit q = i*m + c (node-major); a qiskit
basis index is sum_q x_q 2^q (little-endian).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

DEMANDS = (2, 1, 2, 1, 1, 2, 1, 1)   # paper, truncated to the first N nodes
CHORDS = ((0, 2), (1, 3))            # spec 1.3: the only chords matching ILP (3,2,2) and greedy (4,3,4)
ALT_CHORDS = ((0, 4), (2, 5))        # matches the ILP column, greedy only with a static degree order
CAPACITIES = (4, 4, 3)               # dual-constraint channel loads L_c (paper eqs. 19-20)


@dataclass(frozen=True)
class Instance:
    n: int
    m: int
    k: tuple[int, ...]
    edges: tuple[tuple[int, int], ...]

    @property
    def n_qubits(self) -> int:
        return self.n * self.m

    @property
    def n_feasible(self) -> int:
        """|F| = prod_i C(m, k_i) (paper eq. 3/11/17)."""
        return math.prod(math.comb(self.m, k) for k in self.k)

    def degree(self, i: int) -> int:
        return sum(i in e for e in self.edges)

    def neighbours(self, i: int) -> list[int]:
        return [b if a == i else a for a, b in self.edges if i in (a, b)]

    def conflicts(self, x: np.ndarray) -> np.ndarray:
        """C(x) = sum over edges and channels of x_ic x_jc (eq. 27)."""
        x = np.asarray(x, dtype=np.int64)
        return sum((x[..., i, :] * x[..., j, :]).sum(-1) for i, j in self.edges)

    def row_sums(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=np.int64).sum(-1)

    def feasible(self, x: np.ndarray) -> np.ndarray:
        """Demand constraints sum_c x_ic = k_i for every node."""
        return (self.row_sums(x) == np.asarray(self.k)).all(-1)

    def deviation(self, x: np.ndarray) -> np.ndarray:
        """Dev = sum_i |sum_c x_ic - k_i| (eq. 6: a sum over nodes, not a mean)."""
        return np.abs(self.row_sums(x) - np.asarray(self.k)).sum(-1)

    def penalty(self, x: np.ndarray) -> np.ndarray:
        """sum_i (sum_c x_ic - k_i)^2 (eq. 10 without lambda)."""
        return ((self.row_sums(x) - np.asarray(self.k)) ** 2).sum(-1)

    def local_basis(self, i: int) -> np.ndarray:
        """Weight-k_i register states, shape (C(m, k_i), m), in itertools.combinations order."""
        combos = list(itertools.combinations(range(self.m), self.k[i]))
        out = np.zeros((len(combos), self.m), dtype=np.int8)
        for r, cs in enumerate(combos):
            out[r, list(cs)] = 1
        return out

    def feasible_configs(self) -> np.ndarray:
        """Every x in F, shape (|F|, n, m): C-order product of the local bases (node 0 slowest)."""
        bases = [self.local_basis(i) for i in range(self.n)]
        idx = np.array(list(itertools.product(*(range(len(b)) for b in bases))), dtype=np.int64)
        return np.stack([bases[i][idx[:, i]] for i in range(self.n)], axis=1)


def cbrs_instance(n: int, m: int = 3, demands=DEMANDS, chords=CHORDS) -> Instance:
    """Ring C_n plus chords (spec 1.3, the same chords for every n) with the first n demands."""
    if not 3 <= n <= len(demands):
        raise ValueError(f"dickeqaoa: N must be in 3..{len(demands)} (one demand per node), got {n}")
    if any(not 1 <= k <= m for k in demands[:n]):
        raise ValueError(f"dickeqaoa: demands must lie in 1..m={m}, got {list(demands[:n])}")
    ring = {tuple(sorted((i, (i + 1) % n))) for i in range(n)}
    for a, b in chords:
        if not (0 <= a < n and 0 <= b < n) or a == b:
            raise ValueError(f"dickeqaoa: chord {(a, b)} does not fit N={n} (allowed nodes 0..{n - 1})")
    edges = sorted(ring | {tuple(sorted(c)) for c in chords})
    return Instance(n=n, m=m, k=tuple(int(k) for k in demands[:n]), edges=tuple(edges))


def configs_from_indices(indices: np.ndarray, inst: Instance) -> np.ndarray:
    """qiskit little-endian basis indices -> configurations (S, n, m)."""
    q = np.arange(inst.n_qubits, dtype=np.int64)
    bits = (np.asarray(indices, dtype=np.int64)[:, None] >> q) & 1
    return bits.reshape(-1, inst.n, inst.m).astype(np.int8)


def indices_from_configs(x: np.ndarray) -> np.ndarray:
    """Configurations (S, n, m) -> qiskit little-endian basis indices."""
    x = np.asarray(x, dtype=np.int64).reshape(len(x), -1)
    return (x << np.arange(x.shape[1], dtype=np.int64)).sum(-1)


def search_space(inst: Instance) -> dict:
    """Table 1: total states, feasible states, feasible fraction and reduction factor."""
    total = 2 ** inst.n_qubits
    return {"total_states": total, "feasible_states": inst.n_feasible,
            "feasible_fraction": inst.n_feasible / total, "reduction_factor": total / inst.n_feasible}
