"""Agent-proposal QAOA of paper 004 (spec 2.3): one qubit per UAV ("agent i commits to its proposed candidate"),
H(x) = -sum_i w_i x_i + sum_{i<j} P_ij x_i x_j with GP-UCB weights and a proximity penalty; p layers, COBYLA on a
sampled objective, final shots give per-agent marginals q_i and the modal bitstring z*. COBYLA runs as NLopt's C
port of Powell's code (default) or scipy's, a pure-Python port since scipy 1.16 that spends most of a solve on its
own bookkeeping here (:data:`OPTIMIZERS`).

Simulated with a numpy statevector over the precomputed diagonal (verified against qiskit-aer: fidelity and trace
distance in the tests); ``aer_state`` builds the same circuit with RZ / RZZ / RX for that check. The spec's control
experiment (E-ctrl) swaps the QAOA for an exact classical solver (``solve_exact``), random proposals
(``solve_random``) or simulated annealing (``solve_anneal``)."""

from __future__ import annotations

import time

import numpy as np
from numba import njit
from scipy.optimize import minimize

NORMS = ("softmax", "minmax")
OPTIMIZERS = ("nlopt", "scipy")
TOL = 1e-4      # COBYLA's final trust-region radius (scipy's default tol; NLopt's absolute x tolerance)


def candidate_grid(side_m: float, k: int = 8) -> np.ndarray:
    """Centres of the k x k uniform coarse grid (paper: M = 64)."""
    c = (np.arange(k) + 0.5) * side_m / k
    return np.stack(np.meshgrid(c, c, indexing="ij"), -1).reshape(-1, 2)


def candidate_weights(mu, sd, kappa_ucb: float = 1.0, alpha_h: float = 1.0, tau: float = 0.5,
                      norm: str = "softmax") -> np.ndarray:
    """UCB U = mu + kappa sd, normalised to (0, alpha_h]: max-shifted softmax (default) or min-max; along the last
    axis (one row per agent when every agent has its own map)."""
    if norm not in NORMS:
        raise ValueError(f"qaoa.norm must be one of {', '.join(NORMS)}; got {norm!r}")
    u = np.asarray(mu) + kappa_ucb * np.asarray(sd)
    hi, lo = u.max(-1, keepdims=True), u.min(-1, keepdims=True)
    if norm == "softmax":
        return alpha_h * np.exp((u - hi) / tau)
    span = hi - lo
    return alpha_h * np.where(span > 0, (u - lo) / np.where(span > 0, span, 1.0), 1.0)


def propose(positions_m, candidates_m, weights, radius_m: float = 300.0) -> np.ndarray:
    """Each agent's best-weighted candidate within ``radius_m`` (ties: the nearer); the nearest if none is in range.
    ``weights``: one row for the team, or one row per agent."""
    d = np.linalg.norm(np.asarray(positions_m)[:, None, :] - candidates_m[None], axis=-1)
    score = np.where(d <= radius_m, np.broadcast_to(weights, d.shape), -np.inf)
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


@njit(cache=True)
def _rx_every_qubit(psi: np.ndarray, out: np.ndarray, c: complex, s: complex, n: int) -> np.ndarray:
    """RX(2 beta) = [[c, s], [s, c]] on each of the n wires in turn (wire 0 = the most significant bit), from
    ``psi`` into ``out`` and back; returns the buffer that holds the result."""
    for ax in range(n):
        low = 1 << (n - 1 - ax)
        for base in range(0, len(psi), 2 * low):
            for k in range(base, base + low):
                a0, a1 = psi[k], psi[k + low]
                out[k] = c * a0 + s * a1
                out[k + low] = s * a0 + c * a1
        psi, out = out, psi
    return psi


def statevector(e_scaled: np.ndarray, gammas, betas) -> np.ndarray:
    """|+>^n, then per layer the diagonal cost phase and RX(2 beta) on every qubit. The mixer is a compiled loop
    doing the same complex arithmetic, in the same order, as numpy on the (2,)*n tensor axis by axis."""
    n = int(np.log2(len(e_scaled)))
    psi = np.full(len(e_scaled), 2 ** (-n / 2), dtype=complex)
    out = np.empty_like(psi)
    for g, b in zip(gammas, betas):
        psi = psi * np.exp(-1j * g * e_scaled)
        c, s = np.cos(b), -1j * np.sin(b)
        psi = _rx_every_qubit(psi, out, complex(c), complex(s), n)
        out = np.empty_like(psi)
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
          seed: int = 0, init=None, optimizer: str = "nlopt") -> dict:
    """COBYLA (at most ``maxiter`` evaluations, first step 0.5) on the mean sampled cost (shots per evaluation),
    from the linear ramp or ``init``; marginals, z*, diagnostics."""
    t0 = time.perf_counter()
    e = energies(w, penalty)
    scale = float(np.abs(e).max()) or 1.0
    es = e / scale
    rng = np.random.default_rng(seed)

    def sample(theta, k):
        probs = np.abs(statevector(es, theta[:p], theta[p:])) ** 2
        return rng.choice(len(es), size=k, p=probs / probs.sum()), probs

    ramp = np.arange(1, p + 1) / p
    x0 = np.concatenate([0.75 * ramp, 0.75 * (1 - ramp)]) if init is None else np.asarray(init, float)
    x, n_evals = cobyla(lambda th: float(es[sample(th, shots)[0]].mean()), x0, maxiter, optimizer)
    idx, probs = sample(x, final_shots)
    n = len(w)
    bits = (idx[:, None] >> np.arange(n)) & 1
    counts = np.bincount(idx, minlength=len(e))
    top = np.flatnonzero(counts == counts.max())
    z_star = int(top[np.argmin(e[top])])
    return {"q": bits.mean(0), "z_star": z_star, "z_star_bits": ((z_star >> np.arange(n)) & 1),
            "angles": x, "n_evals": n_evals, **_distribution_stats(e, probs),
            "feasible_frac": float(_feasible(bits, penalty).mean()), "wall_s": time.perf_counter() - t0}


def cobyla(f, x0: np.ndarray, maxiter: int, optimizer: str = "nlopt", rhobeg: float = 0.5) -> tuple[np.ndarray, int]:
    """Minimise ``f`` by COBYLA from ``x0``: (x, evaluations). NLopt returns the best point it evaluated, as
    scipy does; when it stops on round-off, that point is kept here too."""
    if optimizer == "scipy":
        res = minimize(f, x0, method="COBYLA", options={"maxiter": maxiter, "rhobeg": rhobeg, "tol": TOL})
        return res.x, int(res.nfev)
    if optimizer != "nlopt":
        raise ValueError(f"qimarl.qi.optimizer must be one of {', '.join(OPTIMIZERS)}; got {optimizer!r}")
    import nlopt

    best = {"f": np.inf, "x": x0, "n": 0}

    def objective(x, grad):
        best["n"] += 1
        v = f(x)
        if v < best["f"]:
            best.update(f=v, x=np.array(x))
        return v

    opt = nlopt.opt(nlopt.LN_COBYLA, len(x0))
    opt.set_min_objective(objective)
    opt.set_initial_step(rhobeg)
    opt.set_maxeval(maxiter)
    opt.set_xtol_abs(TOL)
    try:
        opt.optimize(x0)
    except nlopt.RoundoffLimited:
        pass
    return best["x"], best["n"]


def _feasible(bits: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """Per bitstring (rows of ``bits``): no penalised pair of agents both selected."""
    return ((bits[:, :, None] & bits[:, None, :]) * (penalty > 0)).sum((1, 2)) == 0


def _distribution_stats(e: np.ndarray, probs: np.ndarray) -> dict:
    """Approximation ratio, probability of the optimum and entropy (bits) of a distribution over bitstrings."""
    nz, h_min = probs[probs > 0], e.min()
    return {"approx_ratio": float(probs @ e / h_min) if h_min < 0 else np.nan,
            "p_opt": float(probs[e == h_min].sum()), "entropy_bits": float(-(nz * np.log2(nz)).sum())}


def _summary(e, penalty, probs: np.ndarray, z_star: int, t0: float) -> dict:
    """The diagnostics ``solve`` reports, from an exact distribution over bitstrings (controls: no shots)."""
    n = len(penalty)
    bits = (np.arange(len(e))[:, None] >> np.arange(n)) & 1
    return {"q": probs @ bits, "z_star": z_star, "z_star_bits": (z_star >> np.arange(n)) & 1, "angles": None,
            "n_evals": 0, **_distribution_stats(e, probs), "feasible_frac": float(probs @ _feasible(bits, penalty)),
            "wall_s": time.perf_counter() - t0}


def boltzmann(e: np.ndarray, entropy_bits: float) -> np.ndarray:
    """p(x) ~ exp(-E(x)/T) with T set by bisection (in log T) so that the entropy equals ``entropy_bits``
    (clipped to [0, n]): the classical counterpart of a QAOA output distribution at matched spread."""
    n = np.log2(len(e))
    target = float(np.clip(entropy_bits, 0.0, n))

    def dist(log_t):
        z = -(e - e.min()) / np.exp(log_t)
        p = np.exp(z - z.max())
        return p / p.sum()

    def ent(p):
        nz = p[p > 1e-300]
        return -(nz * np.log2(nz)).sum()

    lo, hi = -12.0, 12.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if ent(dist(mid)) < target else (lo, mid)
    return dist((lo + hi) / 2)


def solve_exact(w, penalty, entropy_bits: float) -> dict:
    """E-ctrl (a): the exact brute-force argmin as z*, marginals from the Boltzmann distribution at the given
    entropy (spec 5.1: "Boltzmann marginals at matched entropy"). Same output as :func:`solve`."""
    t0 = time.perf_counter()
    e = energies(w, penalty)
    return _summary(e, penalty, boltzmann(e, entropy_bits), int(np.argmin(e)), t0)


def solve_random(w, penalty, rng: np.random.Generator) -> dict:
    """E-ctrl (b): uniform-random proposals (every bitstring equally likely; z* drawn uniformly)."""
    t0 = time.perf_counter()
    probs = np.full(2 ** len(w), 2.0 ** -len(w))
    return _summary(energies(w, penalty), penalty, probs, int(rng.integers(len(probs))), t0)


def solve_anneal(w, penalty, rng: np.random.Generator, chains: int = 1024, t0: float = 10.0, cooling: float = 0.99,
                 iters: int = 1000) -> dict:
    """E-ctrl (c): simulated annealing, one Metropolis single-bit flip per chain and iteration at T = t0 cooling^k
    (the sibling repo's T0 = 10, 0.99, 1000 iterations). The chains' final states stand in for the QAOA's final
    shots (marginals q), and the lowest-energy final state is z*."""
    t_start = time.perf_counter()
    e = energies(w, penalty)
    n = len(w)
    state = rng.integers(2 ** n, size=chains)
    temps = t0 * cooling ** np.arange(iters)
    for temp, flip, u in zip(temps, rng.integers(n, size=(iters, chains)), rng.random((iters, chains))):
        new = state ^ (1 << flip)
        de = e[new] - e[state]
        state = np.where((de <= 0) | (u < np.exp(-np.maximum(de, 0) / temp)), new, state)
    probs = np.bincount(state, minlength=2 ** n) / chains
    return _summary(e, penalty, probs, int(state[np.argmin(e[state])]), t_start)


def clusters(positions_m, max_size: int, seed: int) -> list[np.ndarray]:
    """Spec 2.3 step 7 (N > 12): ceil(N / max_size) k-means clusters of the agents' positions (10 restarts); a
    cluster that still exceeds ``max_size`` is cut along its principal axis into equal chunks."""
    from sklearn.cluster import KMeans

    pos = np.asarray(positions_m, float)
    k = int(np.ceil(len(pos) / max_size))
    labels = KMeans(k, n_init=10, random_state=seed).fit_predict(pos)
    out = []
    for lab in range(k):
        idx = np.flatnonzero(labels == lab)
        if len(idx) <= max_size:
            out.append(idx)
            continue
        centred = pos[idx] - pos[idx].mean(0)
        axis = np.linalg.svd(centred, full_matrices=False)[2][0]
        order = idx[np.argsort(centred @ axis)]
        out.extend(np.array_split(order, int(np.ceil(len(idx) / max_size))))
    return [g for g in out if len(g)]
