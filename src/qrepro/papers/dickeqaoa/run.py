"""Paper 003 runs: COBYLA-optimised p-layer QAOA (proposed vs penalty) per N x seed, with eval-level resume,
plus the deterministic classical baselines and the search-space table."""

from __future__ import annotations

import logging
import time

import numpy as np
import pandas as pd
import pandera.pandas as pa
from scipy.optimize import minimize

from ...io import write_csv, write_json
from ...progress import Progress
from ...runstate import RunState
from .metrics import exact_metrics, sample_metrics
from .problem import cbrs_instance, search_space
from .qaoa import ConfinedQAOA, PenaltyQAOA
from .solvers import brute_force, greedy, ilp

log = logging.getLogger("qrepro.dickeqaoa")
ANSATZE = ("proposed", "standard")
OBJECTIVES = ("sampled", "exact")

RUN_SCHEMA = pa.DataFrameSchema({
    "variant": pa.Column(str), "ansatz": pa.Column(str, pa.Check.isin(ANSATZE)), "N": pa.Column(int),
    "seed": pa.Column(int), "feas_ratio": pa.Column(float, pa.Check.in_range(0, 1)),
    "best_conflict": pa.Column(float, nullable=True), "history_best_conflict": pa.Column(float, nullable=True),
    "ilp_opt": pa.Column(int), "greedy": pa.Column(int), "gap": pa.Column(float, nullable=True),
    "avg_cost": pa.Column(float), "avg_conflict": pa.Column(float), "deviation": pa.Column(float, pa.Check.ge(0)),
    "p_feas": pa.Column(float), "p_opt": pa.Column(float), "exp_conflict_feasible": pa.Column(float, nullable=True),
    "shots_to_opt": pa.Column(float), "gamma": pa.Column(float), "beta": pa.Column(float),
    "n_evals": pa.Column(int), "wall_s": pa.Column(float),
}, coerce=True, strict=False, name="dickeqaoa_runs")

TRACE_SCHEMA = pa.DataFrameSchema({
    "eval": pa.Column(int, pa.Check.ge(1)), "gamma": pa.Column(float), "beta": pa.Column(float),
    "objective": pa.Column(float), "exact_objective": pa.Column(float),
}, coerce=True, strict=True, name="dickeqaoa_trace")

BASELINE_SCHEMA = pa.DataFrameSchema({
    "N": pa.Column(int), "qubits": pa.Column(int), "edges": pa.Column(int), "feasible_states": pa.Column(int),
    "ilp_opt": pa.Column(int), "bruteforce_opt": pa.Column(int), "n_optimal": pa.Column(int),
    "c_max": pa.Column(int), "mean_conflict": pa.Column(float), "greedy": pa.Column(int),
    "greedy_feasible": pa.Column(bool), "total_states": pa.Column(float), "feasible_fraction": pa.Column(float),
    "reduction_factor": pa.Column(float),
}, coerce=True, strict=True, name="dickeqaoa_baselines")


def instance(cfg: dict, n: int):
    """The CBRS instance of size n from the problem parameters (m, demands, chords)."""
    return cbrs_instance(n, cfg["m"], tuple(cfg["demands"]), tuple(map(tuple, cfg["chords"])))


def baselines(cfg: dict, ns) -> pd.DataFrame:
    """ILP (pulp/CBC), brute force over F and greedy per N: deterministic, no seeds."""
    rows = []
    for n in ns:
        inst = instance(cfg, n)
        opt, _ = ilp(inst)
        bf, g = brute_force(inst), greedy(inst)
        rows.append({"N": n, "qubits": inst.n_qubits, "edges": len(inst.edges), "feasible_states": inst.n_feasible,
                     "ilp_opt": opt, "bruteforce_opt": bf["opt"], "n_optimal": bf["n_opt"], "c_max": bf["c_max"],
                     "mean_conflict": bf["mean"], "greedy": int(inst.conflicts(g)),
                     "greedy_feasible": bool(inst.feasible(g)), **search_space(inst)})
    return BASELINE_SCHEMA.validate(pd.DataFrame(rows))


class _Objective:
    """The optimiser's objective with per-evaluation shot streams, so a resumed run replays identical numbers."""

    def __init__(self, sim, energy, inst, lam, run: dict, cache: list, save):
        self.sim, self.energy, self.inst, self.lam, self.run = sim, energy, inst, lam, run
        self.cache, self.save, self.trace, self.p = cache, save, [], run["p"]
        self.history_best = None
        self.progress = Progress(run["maxiter"], f"{run['ansatz']} N={run['N']} seed={run['seed']}", log, 0.1,
                                 start=len(cache))

    def __call__(self, theta):
        e = len(self.trace)
        theta = [float(t) for t in theta]
        if e < len(self.cache) and np.allclose(self.cache[e]["theta"], theta, rtol=0, atol=1e-12):
            row = self.cache[e]
        else:
            probs = self.sim.probs(theta[:self.p], theta[self.p:])
            exact = float(probs @ self.energy)
            best = None
            if self.run["objective"] == "sampled":
                rng = np.random.default_rng([self.run["seed"], 1, e])
                m = sample_metrics(self.inst, self.sim.sample(probs, self.run["shots"], rng), self.lam)
                value, best = m["avg_cost"], m["best_conflict"]
            else:
                value = exact
            row = {"theta": theta, "objective": value, "exact_objective": exact, "best": best}
            self.cache.append(row)
            self.save(self.cache)
        if row["best"] is not None:
            self.history_best = row["best"] if self.history_best is None else min(self.history_best, row["best"])
        self.trace.append({"eval": e + 1, "gamma": theta[0], "beta": theta[self.p], "objective": row["objective"],
                           "exact_objective": row["exact_objective"]})
        self.progress.update(e + 1)
        return row["objective"]


def optimise_run(cfg: dict, run: dict, *, record, trace) -> dict:
    """One COBYLA optimisation (spec 2.5) and its final shot sample, written as the run ``record`` (JSON) and the
    COBYLA ``trace``; resumes from its cached evaluations.

    ``run``: ansatz, N, seed, p, shots, maxiter, init_high, objective, xy_mode, rhobeg, variant."""
    if run["ansatz"] not in ANSATZE:
        raise ValueError(f"dickeqaoa: ansatz must be one of {', '.join(ANSATZE)}; got {run['ansatz']!r}")
    if run["objective"] not in OBJECTIVES:
        raise ValueError(f"dickeqaoa: objective must be one of {', '.join(OBJECTIVES)}; got {run['objective']!r}")
    t0 = time.time()
    inst, lam, p = instance(cfg, run["N"]), float(cfg["lam"]), run["p"]
    bf, greedy_c = brute_force(inst), int(inst.conflicts(greedy(inst)))
    if run["ansatz"] == "proposed":
        sim = ConfinedQAOA(inst, run["xy_mode"])
        conflicts, feasible, dev = sim.cost, np.ones(len(sim.cost), bool), np.zeros(len(sim.cost))
        energy, cost_lam = sim.cost, None
    else:
        sim = PenaltyQAOA(inst, lam)
        conflicts, pen = sim.energies()
        feasible, dev = pen == 0, sim.deviation
        energy, cost_lam = (conflicts + lam * pen).astype(float), lam
    state = RunState.beside(record, {"cfg": cfg, "run": run})
    cache = state.load() or []
    if cache:
        log.info("resuming from %d cached evaluations", len(cache))
    obj = _Objective(sim, energy, inst, cost_lam, run, cache, state.save)
    x0 = np.random.default_rng(run["seed"]).uniform(0, run["init_high"], 2 * p)   # same x0 for both ansaetze
    res = minimize(obj, x0, method="COBYLA", options={"maxiter": run["maxiter"], "rhobeg": run["rhobeg"]})
    theta = res.x
    probs = sim.probs(theta[:p], theta[p:])
    final = sample_metrics(inst, sim.sample(probs, run["shots"], np.random.default_rng([run["seed"], 2])), cost_lam)
    exact = exact_metrics(probs, conflicts, feasible, bf["opt"], bf["c_max"], dev)
    best = final["best_conflict"]
    result = {**run, **final, **exact, "ilp_opt": bf["opt"], "greedy": greedy_c,
              "gap": None if best is None else best - bf["opt"],
              "history_best_conflict": obj.history_best, "gamma": float(theta[0]) % (2 * np.pi),
              "beta": float(theta[p]) % (2 * np.pi), "n_evals": len(obj.trace), "wall_s": time.time() - t0}
    write_csv(trace, TRACE_SCHEMA.validate(pd.DataFrame(obj.trace)))
    write_json(record, result)
    state.clear()
    log.info("done: feas %.3f best %s (ILP %d, greedy %d) in %.1fs", final["feas_ratio"], best, bf["opt"],
             greedy_c, result["wall_s"])
    return result


def exact_optimum(sim, energy: np.ndarray, grid: int = 40) -> tuple[float, float, float]:
    """Global p = 1 optimum of the exact expectation: grid over [0, 2 pi)^2, then Nelder-Mead."""
    from .qaoa import grid_argmin
    f = lambda g, b: float(sim.probs(g, b) @ energy)  # noqa: E731
    g0, b0 = grid_argmin(f, n=grid)
    res = minimize(lambda t: f(*t), [g0, b0], method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-10})
    return float(res.x[0]) % (2 * np.pi), float(res.x[1]) % (2 * np.pi), float(res.fun)
