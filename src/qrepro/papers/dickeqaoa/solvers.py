"""Classical GMCP baselines: exact ILP (pulp/CBC), brute force over F, the DSATUR-like greedy, dual greedy fill."""

from __future__ import annotations

import itertools

import numpy as np
import pulp

from .problem import Instance


def ilp(inst: Instance, capacities=None) -> tuple[int, np.ndarray]:
    """Exact optimum of the soft-conflict ILP (spec 2.7: eq. 26 as written is infeasible, so conflicts are
    linearised with y_ijc >= x_ic + x_jc - 1). ``capacities`` adds the dual constraints sum_i x_ic = L_c."""
    prob = pulp.LpProblem("gmcp", pulp.LpMinimize)
    nodes, chans = range(inst.n), range(inst.m)
    x = {(i, c): pulp.LpVariable(f"x_{i}_{c}", cat="Binary") for i in nodes for c in chans}
    y = {(i, j, c): pulp.LpVariable(f"y_{i}_{j}_{c}", lowBound=0) for i, j in inst.edges for c in chans}
    prob += pulp.lpSum(y.values())
    for i in nodes:
        prob += pulp.lpSum(x[i, c] for c in chans) == inst.k[i]
    for i, j, c in y:
        prob += y[i, j, c] >= x[i, c] + x[j, c] - 1
    if capacities is not None:
        for c in chans:
            prob += pulp.lpSum(x[i, c] for i in nodes) == capacities[c]
    status = prob.solve(pulp.PULP_CBC_CMD(msg=False))
    if pulp.LpStatus[status] != "Optimal":
        raise RuntimeError(f"ILP not solved to optimality: {pulp.LpStatus[status]}")
    sol = np.array([[round(x[i, c].value()) for c in chans] for i in nodes], dtype=np.int8)
    return int(inst.conflicts(sol)), sol


def brute_force(inst: Instance, configs: np.ndarray | None = None) -> dict:
    """Exhaustive statistics of C over the feasible set (or over ``configs``)."""
    configs = inst.feasible_configs() if configs is None else configs
    c = inst.conflicts(configs)
    values, counts = np.unique(c, return_counts=True)
    return {"opt": int(c.min()), "n_opt": int((c == c.min()).sum()), "c_max": int(c.max()),
            "mean": float(c.mean()), "histogram": {int(v): int(n) for v, n in zip(values, counts)},
            "n_configs": int(len(c))}


def greedy(inst: Instance) -> np.ndarray:
    """Deterministic DSATUR-like multi-colouring (spec 2.6): node with largest residual demand (ties: higher degree,
    lower index) takes the least-conflicting unused channel (ties: lowest channel). Conflicts are accepted, so
    demands are always met."""
    residual = list(inst.k)
    x = np.zeros((inst.n, inst.m), dtype=np.int8)
    while sum(residual) > 0:
        i = max((i for i in range(inst.n) if residual[i] > 0), key=lambda i: (residual[i], inst.degree(i), -i))
        free = [c for c in range(inst.m) if not x[i, c]]
        c = min(free, key=lambda c: (sum(int(x[j, c]) for j in inst.neighbours(i)), c))
        x[i, c] = 1
        residual[i] -= 1
    return x


def greedy_fill(inst: Instance, capacities) -> np.ndarray:
    """Dual-constraint start X^0 (spec 2.8): nodes in order, channels in order, place a 1 while both the node's and
    the channel's residuals are positive. Not guaranteed to succeed in general (spec 6.12): raise if it does not."""
    rk, rl = list(inst.k), list(capacities)
    x = np.zeros((inst.n, inst.m), dtype=np.int8)
    for i in range(inst.n):
        for c in range(inst.m):
            if rk[i] > 0 and rl[c] > 0:
                x[i, c], rk[i], rl[c] = 1, rk[i] - 1, rl[c] - 1
    if any(rk) or any(rl):
        raise ValueError(f"greedy fill leaves residual demands {rk} / capacities {rl} for k={list(inst.k)}, "
                         f"L={list(capacities)}: choose capacities with a greedy-fillable start")
    return x


def dual_feasible_configs(inst: Instance, capacities) -> np.ndarray:
    """Every x with row sums k and column sums L, shape (D, n, m), in lexicographic order of F."""
    if sum(inst.k) != sum(capacities) or len(capacities) != inst.m:
        raise ValueError(f"dual capacities must have m={inst.m} entries summing to sum(k)={sum(inst.k)}, "
                         f"got {list(capacities)}")
    configs = inst.feasible_configs()
    keep = (configs.sum(1) == np.asarray(capacities)).all(-1)
    return configs[keep]


def plaquettes(n: int, m: int) -> list[tuple[int, int, int, int]]:
    """(i, j, c, c') with i < j, c < c' in lexicographic order (paper eq. 23: 84 for n=8, m=3)."""
    return [(i, j, c, d) for i, j in itertools.combinations(range(n), 2)
            for c, d in itertools.combinations(range(m), 2)]
