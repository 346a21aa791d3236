"""Metrics of paper 003 from a shot sample (spec 3) and from exact output distributions (our additions)."""

from __future__ import annotations

import math

import numpy as np

from .problem import Instance


def sample_metrics(inst: Instance, x: np.ndarray, lam: float | None = None, capacities=None,
                   weights: np.ndarray | None = None) -> dict:
    """Feasibility ratio, best feasible conflict (None when no shot is feasible), mean conflict, mean optimiser
    cost (C + lam * penalty when ``lam`` is given), deviation; node/channel feasibility for the dual variant."""
    w = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    w = w / w.sum()
    conf, feas = inst.conflicts(x), inst.feasible(x)
    out = {"feas_ratio": float(w @ feas), "best_conflict": int(conf[feas].min()) if feas.any() else None,
           "avg_conflict": float(w @ conf), "deviation": float(w @ inst.deviation(x))}
    out["avg_cost"] = out["avg_conflict"] + (float(lam * (w @ inst.penalty(x))) if lam is not None else 0.0)
    if capacities is not None:
        out["node_feas"] = out["feas_ratio"]
        out["chan_feas"] = float(w @ (np.asarray(x).sum(-2) == np.asarray(capacities)).all(-1))
    return out


def shots_to_optimum(p_opt: float, delta: float = 0.05) -> float:
    """S_delta = ceil(ln delta / ln(1 - P(opt))): shots to see an optimum with probability 1 - delta."""
    if p_opt <= 0:
        return math.inf
    if p_opt >= 1:
        return 1.0
    return float(math.ceil(math.log(delta) / math.log1p(-p_opt)))


def exact_metrics(probs: np.ndarray, conflicts: np.ndarray, feasible: np.ndarray, opt: int, c_max: int,
                  deviation: np.ndarray | None = None, delta: float = 0.05) -> dict:
    """P(feasible), P(opt), <C | feasible>, approximation ratios and S_delta of an exact distribution."""
    p_feas = float(probs[feasible].sum())
    p_opt = float(probs[feasible & (conflicts == opt)].sum())
    mean_c = float(probs[feasible] @ conflicts[feasible] / p_feas) if p_feas > 0 else math.nan
    out = {"p_feas": p_feas, "p_opt": p_opt, "exp_conflict_feasible": mean_c,
           "approx_ratio": mean_c / opt if opt > 0 else math.nan,
           "normalised_ratio": (c_max - mean_c) / (c_max - opt) if c_max > opt else math.nan,
           "shots_to_opt": shots_to_optimum(p_opt, delta)}
    if deviation is not None:
        out["exp_deviation"] = float(probs @ deviation)
    return out


def tvd(p: dict, q: dict) -> float:
    """Total-variation distance between two distributions given as {outcome: probability}."""
    keys = set(p) | set(q)
    return 0.5 * sum(abs(p.get(k, 0.0) - q.get(k, 0.0)) for k in keys)


def hellinger_fidelity(p: dict, q: dict) -> float:
    """(sum sqrt(p q))^2, qiskit's Hellinger fidelity between output distributions."""
    return float(sum(math.sqrt(p[k] * q[k]) for k in set(p) & set(q)) ** 2)
