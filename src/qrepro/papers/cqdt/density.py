"""Density-matrix kernel for the CQDT paper (002): entangled reference states, single-qubit CPTP channels applied
i.i.d. per qubit, and the observables fidelity / von Neumann entropy (bits) / trace distance.

Qubit q is bit q of the basis index (qiskit little-endian); on the (2,)*n tensor it is axis n-1-q. Verified against
qiskit.quantum_info (tests)."""

from __future__ import annotations

import numpy as np

I2 = np.eye(2, dtype=complex)
X = np.array([[0, 1], [1, 0]], dtype=complex)
Y = np.array([[0, -1j], [1j, 0]], dtype=complex)
Z = np.diag([1.0, -1.0]).astype(complex)
H = np.array([[1, 1], [1, -1]], dtype=complex) / np.sqrt(2)


def _check_prob(name: str, p: float, hi: float = 1.0) -> None:
    if not 0.0 <= p <= hi:
        raise ValueError(f"cqdt: {name} must lie in [0, {hi}], got {p}")


def bit_flip(p: float) -> list[np.ndarray]:
    _check_prob("bit-flip p", p)
    return [np.sqrt(1 - p) * I2, np.sqrt(p) * X]


def phase_flip(p: float) -> list[np.ndarray]:
    _check_prob("phase-flip p", p)
    return [np.sqrt(1 - p) * I2, np.sqrt(p) * Z]


def amplitude_damping(gamma: float) -> list[np.ndarray]:
    """Eq. A28: E0 = diag(1, sqrt(1 - gamma)), E1 = sqrt(gamma) |0><1|."""
    _check_prob("amplitude-damping gamma", gamma)
    return [np.diag([1.0, np.sqrt(1 - gamma)]).astype(complex), np.array([[0, np.sqrt(gamma)], [0, 0]], dtype=complex)]


def depolarizing(p: float) -> list[np.ndarray]:
    """Eq. 17: (1-p) rho + p/3 (X rho X + Y rho Y + Z rho Z) (not Aer's depolarizing_error lambda = 4p/3)."""
    _check_prob("depolarizing p", p)
    return [np.sqrt(1 - p) * I2, np.sqrt(p / 3) * X, np.sqrt(p / 3) * Y, np.sqrt(p / 3) * Z]


RESET = [np.array([[1, 0], [0, 0]], dtype=complex), np.array([[0, 1], [0, 0]], dtype=complex)]


def apply_1q(rho: np.ndarray, kraus: list[np.ndarray], qubit: int, n: int) -> np.ndarray:
    """sum_k E_k rho E_k^dagger with E_k acting on one qubit."""
    t = rho.reshape((2,) * (2 * n))
    row, col = n - 1 - qubit, 2 * n - 1 - qubit
    out = np.zeros_like(t)
    for e in kraus:
        u = np.moveaxis(np.tensordot(e, t, axes=([1], [row])), 0, row)
        out += np.moveaxis(np.tensordot(e.conj(), u, axes=([1], [col])), 0, col)
    return out.reshape(rho.shape)


def apply_iid(rho: np.ndarray, kraus: list[np.ndarray], n: int, qubits=None) -> np.ndarray:
    """The same channel on every qubit (or on ``qubits``): the paper's i.i.d. noise model."""
    for q in range(n) if qubits is None else qubits:
        rho = apply_1q(rho, kraus, q, n)
    return rho


def local_operator(op: np.ndarray, n: int) -> np.ndarray:
    """op on every qubit: op^{(x) n}."""
    out = np.ones((1, 1), dtype=complex)
    for _ in range(n):
        out = np.kron(op, out)
    return out


def _gate(u: np.ndarray, qubits: list[int], n: int) -> np.ndarray:
    """Full 2^n matrix of a gate on ``qubits`` (first listed = least significant of u's index)."""
    dim = 2 ** n
    full = np.zeros((dim, dim), dtype=complex)
    k = len(qubits)
    for col in range(dim):
        sub = sum(((col >> q) & 1) << i for i, q in enumerate(qubits))
        base = col & ~sum(1 << q for q in qubits)
        for r in range(2 ** k):
            amp = u[r, sub]
            if amp != 0:
                full[base | sum(((r >> i) & 1) << q for i, q in enumerate(qubits)), col] += amp
    return full


CX = np.array([[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]], dtype=complex)   # control = first qubit
CZ = np.diag([1, 1, 1, -1]).astype(complex)


def entangler(kind: str, n: int) -> np.ndarray:
    """U_ent: GHZ = CX chain after H on the root qubit 0 (Eq. 27); cluster = CZ chain after H on all (Eq. A18)."""
    if kind == "ghz":
        u = _gate(H, [0], n)
        for q in range(n - 1):
            u = _gate(CX, [q, q + 1], n) @ u
        return u
    if kind == "cluster":
        u = local_operator(H, n)
        for q in range(n - 1):
            u = _gate(CZ, [q, q + 1], n) @ u
        return u
    raise ValueError(f"cqdt: state must be one of ghz, cluster; got {kind!r}")


def amplitude_unitary(x: np.ndarray) -> np.ndarray:
    """A real orthogonal U with U|0> = x / ||x|| (Householder reflection): amplitude encoding (Eq. 12)."""
    x = np.asarray(x, dtype=float)
    norm = np.linalg.norm(x)
    x = np.full(len(x), 1 / np.sqrt(len(x))) if norm == 0 else x / norm
    e0 = np.zeros(len(x))
    e0[0] = 1.0
    v = e0 - x
    if np.linalg.norm(v) < 1e-12:
        return np.eye(len(x), dtype=complex)
    v /= np.linalg.norm(v)
    return (np.eye(len(x)) - 2 * np.outer(v, v)).astype(complex)


def fidelity(psi: np.ndarray, rho: np.ndarray) -> float:
    """Squared Uhlmann fidelity with a pure reference: <psi|rho|psi> (Eq. A22)."""
    return float(np.real(psi.conj() @ rho @ psi))


def entropy_bits(rho: np.ndarray) -> float:
    lam = np.linalg.eigvalsh(rho)
    lam = lam[lam > 1e-14]
    return float(-(lam * np.log2(lam)).sum())


def trace_distance(psi: np.ndarray, rho: np.ndarray) -> float:
    return float(0.5 * np.abs(np.linalg.eigvalsh(np.outer(psi, psi.conj()) - rho)).sum())


def observables(psi: np.ndarray, rho: np.ndarray) -> tuple[float, float, float]:
    """(F, S, D) of rho against the pure reference psi."""
    return fidelity(psi, rho), entropy_bits(rho), trace_distance(psi, rho)
