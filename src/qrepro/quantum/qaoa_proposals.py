"""Agent-proposal QAOA of paper 004 (spec 2.3): one qubit per UAV ("agent i commits to its proposed candidate"),
H(x) = -sum_i w_i x_i + sum_{i<j} P_ij x_i x_j with GP-UCB weights and a proximity penalty; p layers, COBYLA on a
sampled objective, final shots give per-agent marginals q_i and the modal bitstring z*.

Simulated with a numpy statevector over the precomputed diagonal (verified against qiskit-aer: fidelity and trace
distance in the tests); ``aer_state`` builds the same circuit with RZ / RZZ / RX for that check."""

from __future__ import annotations

import time

import numpy as np
from scipy.optimize import minimize

NORMS = ("softmax", "minmax")


def candidate_grid(side_m: float, k: int = 8) -> np.ndarray:
    """Centres of the k x k uniform coarse grid (paper: M = 64)."""
    c = (np.arange(k) + 0.5) * side_m / k
    return np.stack(np.meshgrid(c, c, indexing="ij"), -1).reshape(-1, 2)


def candidate_weights(mu, sd, kappa_ucb: float = 1.0, alpha_h: float = 1.0, tau: float = 0.5,
                      norm: str = "softmax") -> np.ndarray:
    """UCB U = mu + kappa sd, normalised to (0, alpha_h]: max-shifted softmax (default) or min-max."""
    if norm not in NORMS:
        raise ValueError(f"qaoa.norm must be one of {', '.join(NORMS)}; got {norm!r}")
    u = np.asarray(mu) + kappa_ucb * np.asarray(sd)
    if norm == "softmax":
        return alpha_h * np.exp((u - u.max()) / tau)
    span = u.max() - u.min()
    return alpha_h * ((u - u.min()) / span if span > 0 else np.ones_like(u))


def propose(positions_m, candidates_m, weights, radius_m: float = 300.0) -> np.ndarray:
    """Each agent's best-weighted candidate within ``radius_m`` (ties: the nearer); the nearest if none is in range."""
    d = np.linalg.norm(np.asarray(positions_m)[:, None, :] - candidates_m[None], axis=-1)
    score = np.where(d <= radius_m, weights[None, :], -np.inf)
    score = score - 1e-9 * d                                     # tie-break towards the nearer candidate
    best = score.argmax(1)
    none = ~np.isfinite(score.max(1))
    best[none] = d[none].argmin(1)
    return best


def energies(w: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """H(x) for every bitstring, little-endian (bit i = agent i): -w.x + sum_{i<j} P_ij x_i x_j."""
    n = len(w)
    x = ((np.arange(2 ** n)[:, None] >> np.arange(n)) & 1).astype(float)
    return -x @ w + 0.5 * np.einsum("bi,ij,bj->b", x, penalty, x)


def proposal_hamiltonian(weights_sel, cand_xy_sel, lam_pen: float, d_min_m: float) -> tuple[np.ndarray, np.ndarray]:
    """(w, P) with P_ij = lam_pen where the proposals lie closer than d_min (a shared candidate included)."""
    d = np.linalg.norm(cand_xy_sel[:, None] - cand_xy_sel[None], axis=-1)
    p = np.where(d < d_min_m, lam_pen, 0.0)
    np.fill_diagonal(p, 0.0)
    return np.asarray(weights_sel, float), p


def statevector(e_scaled: np.ndarray, gammas, betas) -> np.ndarray:
    n = int(np.log2(len(e_scaled)))
    psi = np.full(len(e_scaled), 2 ** (-n / 2), dtype=complex)
    for g, b in zip(gammas, betas):
        psi = psi * np.exp(-1j * g * e_scaled)
        c, s = np.cos(b), -1j * np.sin(b)
        t = psi.reshape((2,) * n)
        for ax in range(n):
            a0, a1 = np.take(t, 0, axis=ax), np.take(t, 1, axis=ax)
            t = np.stack([c * a0 + s * a1, s * a0 + c * a1], axis=ax)
        psi = t.reshape(-1)
    return psi


def aer_state(w, penalty, scale: float, gammas, betas) -> np.ndarray:
    """The same QAOA as a qiskit circuit (H, RZ/RZZ cost from x = (1 - Z)/2, RX(2 beta)) on AerSimulator."""
    from qiskit import QuantumCircuit, transpile
    from qiskit_aer import AerSimulator

    n = len(w)
    qc = QuantumCircuit(n)
    qc.h(range(n))
    for g, b in zip(gammas, betas):
        for i in range(n):       # -w_i x_i + sum_j P_ij x_i x_j / 2 -> Z_i coefficient (w_i - sum_j P_ij / 2) / 2
            qc.rz(2 * g * (w[i] - penalty[i].sum() / 2) / 2 / scale, i)
        for i in range(n):
            for j in range(i + 1, n):
                if penalty[i, j]:
                    qc.rzz(2 * g * penalty[i, j] / 4 / scale, i, j)
        qc.rx(2 * b, range(n))
    qc.save_statevector()
    sim = AerSimulator(method="statevector")
    return np.asarray(sim.run(transpile(qc, sim)).result().get_statevector())


def solve(w, penalty, p: int = 3, shots: int = 512, final_shots: int = 1024, maxiter: int = 100,
          seed: int = 0, init=None) -> dict:
    """COBYLA on the mean sampled cost (shots per evaluation), linear-ramp start; marginals, z*, diagnostics."""
    t0 = time.perf_counter()
    e = energies(w, penalty)
    scale = float(np.abs(e).max()) or 1.0
    es = e / scale
    rng = np.random.default_rng(seed)

    def sample(theta, k):
        probs = np.abs(statevector(es, theta[:p], theta[p:])) ** 2
        return rng.choice(len(es), size=k, p=probs / probs.sum()), probs

    ramp = np.arange(1, p + 1) / p
    x0 = np.concatenate([0.75 * ramp, 0.75 * (1 - ramp)]) if init is None else np.asarray(init)
    res = minimize(lambda th: float(es[sample(th, shots)[0]].mean()), x0, method="COBYLA",
                   options={"maxiter": maxiter, "rhobeg": 0.5})
    idx, probs = sample(res.x, final_shots)
    n = len(w)
    bits = (idx[:, None] >> np.arange(n)) & 1
    counts = np.bincount(idx, minlength=len(e))
    top = np.flatnonzero(counts == counts.max())
    z_star = int(top[np.argmin(e[top])])
    feasible = (((bits[:, :, None] & bits[:, None, :]) * (penalty > 0)).sum((1, 2)) == 0)
    h_min = e.min()
    return {"q": bits.mean(0), "z_star": z_star, "z_star_bits": ((z_star >> np.arange(n)) & 1),
            "angles": res.x, "n_evals": int(res.nfev), "approx_ratio": float(probs @ e / h_min) if h_min < 0 else np.nan,
            "p_opt": float(probs[e == h_min].sum()), "feasible_frac": float(feasible.mean()),
            "entropy_bits": float(-(probs[probs > 0] * np.log2(probs[probs > 0])).sum()),
            "wall_s": time.perf_counter() - t0}
