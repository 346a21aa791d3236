"""Paper 003 experiments that run qiskit circuits: the depolarizing-noise sweep (Fig. 2b), the dual-constraint
landscape (Fig. 3) and the cross-simulator verification of our exact subspace simulators."""

from __future__ import annotations

import logging
import time

import numpy as np
import pandas as pd
import pandera.pandas as pa
from qiskit.quantum_info import Statevector
from qiskit_aer import AerSimulator

from ...io import write_csv
from ...runstate import RunState
from . import circuits as qc
from .metrics import exact_metrics, hellinger_fidelity, sample_metrics, tvd
from .problem import indices_from_configs
from .qaoa import ConfinedQAOA, DualQAOA, PenaltyQAOA
from .run import exact_optimum, instance
from .solvers import brute_force, greedy, ilp

log = logging.getLogger("qrepro.dickeqaoa")

NOISE_SCHEMA = pa.DataFrameSchema({
    "N": pa.Column(int), "ansatz": pa.Column(str), "scope": pa.Column(str, pa.Check.isin(qc.NOISE_SCOPES)),
    "p_err": pa.Column(float),
    "repeat": pa.Column(int), "shots": pa.Column(int), "deviation": pa.Column(float, pa.Check.ge(0)),
    "feas_ratio": pa.Column(float, pa.Check.in_range(0, 1)), "best_conflict": pa.Column(float, nullable=True),
    "avg_conflict": pa.Column(float), "tvd_ideal": pa.Column(float, pa.Check.in_range(0, 1)),
    "hellinger_fidelity": pa.Column(float, pa.Check.in_range(0, 1 + 1e-9)), "n_1q": pa.Column(int),
    "n_2q": pa.Column(int), "n_noisy": pa.Column(int), "wall_s": pa.Column(float),
}, coerce=True, strict=True, name="dickeqaoa_noise")

DUAL_SCHEMA = pa.DataFrameSchema({
    "gamma": pa.Column(float), "beta": pa.Column(float), "mean_conflict": pa.Column(float),
    "best_conflict": pa.Column(float, nullable=True), "node_feas": pa.Column(float, pa.Check.in_range(0, 1)),
    "chan_feas": pa.Column(float, pa.Check.in_range(0, 1)), "exact_mean_conflict": pa.Column(float),
    "p_le_opt": pa.Column(float), "p_below_greedy": pa.Column(float), "mode": pa.Column(str),
}, coerce=True, strict=True, name="dickeqaoa_dual")

VERIFY_SCHEMA = pa.DataFrameSchema({
    "check": pa.Column(str), "N": pa.Column(int), "detail": pa.Column(str), "value": pa.Column(float),
    "tolerance": pa.Column(float), "passed": pa.Column(bool),
}, coerce=True, strict=True, name="dickeqaoa_verification")


def _ideal(inst, ansatz: str, gamma: float, beta: float, lam: float) -> dict:
    """Exact output distribution {qiskit index: probability} of the noiseless circuit."""
    if ansatz == "proposed":
        sim = ConfinedQAOA(inst)
        return dict(zip(indices_from_configs(sim.configs).tolist(), sim.probs(gamma, beta)))
    probs = PenaltyQAOA(inst, lam).probs(gamma, beta)
    nz = np.flatnonzero(probs > 1e-15)
    return dict(zip(nz.tolist(), probs[nz]))


def noise_parameters(cfg: dict, n: int) -> dict:
    """Noiseless-optimised p = 1 parameters at the noise instance (spec E4): the exact global optimum of <C>
    (proposed) and of <C + lambda * penalty> (standard), with the ideal metrics they give."""
    inst, lam = instance(cfg, n), float(cfg["lam"])
    bf = brute_force(inst)
    out = {"N": n}
    conf = ConfinedQAOA(inst)
    g, b, val = exact_optimum(conf, conf.cost)
    out["proposed"] = {"gamma": g, "beta": b, "objective": val, **exact_metrics(
        conf.probs(g, b), conf.cost, np.ones(len(conf.cost), bool), bf["opt"], bf["c_max"], np.zeros(len(conf.cost)))}
    pen = PenaltyQAOA(inst, lam)
    c, p = pen.energies()
    g, b, val = exact_optimum(pen, (c + lam * p).astype(float), grid=32)
    out["standard"] = {"gamma": g, "beta": b, "objective": val, **exact_metrics(
        pen.probs(g, b), c, p == 0, bf["opt"], bf["c_max"], pen.deviation)}
    return out


def noise_run(cfg: dict, n: int, ansatz: str, scope: str, p_err: float, params: dict, repeats: int, shots: int,
              seed: int, out_csv, logical_gates=qc.LOGICAL_NOISY_GATES, simulator: str = "frames") -> pd.DataFrame:
    """Noisy trajectories of one (ansatz, scope, p_err) cell on ``simulator`` (frames | aer), ``repeats`` x
    ``shots``; each finished repeat is kept in the cell's run state so a killed sweep resumes where it stopped."""
    inst, lam = instance(cfg, n), float(cfg["lam"])
    gamma, beta = params[ansatz]["gamma"], params[ansatz]["beta"]
    prepared = qc.prepare(qc.sweep_circuit(inst, ansatz, scope, gamma, beta, lam), scope, seed)
    noise = qc.noise_model(scope, p_err, logical_gates)
    n_1q, n_2q, noisy = qc.gate_counts(prepared, noise)
    ideal = _ideal(inst, ansatz, gamma, beta, lam)
    state = RunState.beside(out_csv, {"cfg": cfg, "n": n, "ansatz": ansatz, "scope": scope, "p": p_err,
                                      "shots": shots, "seed": seed, "params": params[ansatz],
                                      "gates": list(logical_gates), "simulator": simulator})
    rows = state.load() or []
    for r in range(len(rows), repeats):
        t0 = time.time()
        sim_seed = int(np.random.SeedSequence([seed, r, round(p_err * 1e6), qc.NOISE_SCOPES.index(scope),
                                               ("proposed", "standard").index(ansatz)]).generate_state(1)[0])
        x, counts = qc.sample_noisy(simulator, prepared, inst, shots, sim_seed, noise, p_err)
        m = sample_metrics(inst, x, lam if ansatz == "standard" else None, weights=counts)
        emp = dict(zip(indices_from_configs(x).tolist(), counts / counts.sum()))
        rows.append({"N": n, "ansatz": ansatz, "scope": scope, "p_err": p_err, "repeat": r, "shots": shots,
                     "deviation": m["deviation"], "feas_ratio": m["feas_ratio"], "best_conflict": m["best_conflict"],
                     "avg_conflict": m["avg_conflict"], "tvd_ideal": tvd(emp, ideal),
                     "hellinger_fidelity": hellinger_fidelity(emp, ideal), "n_1q": n_1q,
                     "n_2q": n_2q, "n_noisy": noisy, "wall_s": time.time() - t0})
        state.save(rows)
        log.info("%s %s p=%.3f repeat %d/%d: deviation %.3f (%.0fs)", ansatz, scope, p_err, r + 1, repeats,
                 m["deviation"], rows[-1]["wall_s"])
    df = NOISE_SCHEMA.validate(pd.DataFrame(rows)[list(NOISE_SCHEMA.columns)])
    write_csv(out_csv, df)
    state.clear()
    return df


def dual_scan(cfg: dict, grid: int, shots: int, seed: int, mode: str, n: int = 8) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Fig. 3: (gamma, beta) in linspace(0, pi, grid)^2, sampled and exact metrics; plus a fine exact beta curve."""
    inst, caps = instance(cfg, n), cfg["capacities"]
    sim = DualQAOA(inst, caps, mode)
    opt, _ = ilp(inst, caps)
    greedy_c = int(inst.conflicts(greedy(inst)))
    rng = np.random.default_rng([seed, 3])
    rows = []
    for g in np.linspace(0, np.pi, grid):
        for b in np.linspace(0, np.pi, grid):
            probs = sim.probs(g, b)
            m = sample_metrics(inst, sim.sample(probs, shots, rng), capacities=caps)
            rows.append({"gamma": g, "beta": b, "mean_conflict": m["avg_conflict"], "best_conflict": m["best_conflict"],
                         "node_feas": m["node_feas"], "chan_feas": m["chan_feas"],
                         "exact_mean_conflict": float(probs @ sim.cost),
                         "p_le_opt": float(probs[sim.cost <= opt].sum()),
                         "p_below_greedy": float(probs[sim.cost < greedy_c].sum()), "mode": mode})
    curve = []
    for m in ("trotter_lex", "exact"):
        s = sim if m == mode else DualQAOA(inst, caps, m)
        curve += [{"mode": m, "beta": b, "exact_mean_conflict": float(s.probs(0.0, b) @ s.cost)}
                  for b in np.linspace(0, np.pi, 181)]
    info = pd.DataFrame(curve).assign(ilp_opt=opt, greedy=greedy_c, n_states=len(sim.cost),
                                      uniform_mean=float(sim.cost.mean()), x0_conflict=int(inst.conflicts(sim.x0)),
                                      components=sim.components())
    return DUAL_SCHEMA.validate(pd.DataFrame(rows)), info


def _null_tvd(probs: np.ndarray, shots: int, rng, draws: int = 200) -> float:
    """99th percentile of the TVD between exact probs and a multinomial sample of ``shots`` (a shot-noise bound)."""
    tv = [0.5 * np.abs(rng.multinomial(shots, probs) / shots - probs).sum() for _ in range(draws)]
    return float(np.quantile(tv, 0.99))


_CHECK_P = 0.03                                     # depolarizing strength of the frames-vs-Aer check


def _frames_vs_aer(inst, prepared, noise, shots: int, seed: int) -> float:
    """The larger |z| of the differences in mean deviation and mean conflicts between the Pauli-frame simulator's
    and Aer's shots of one noisy circuit (z: difference over its standard error from the two samples)."""
    samples = [qc.sample_noisy(sim, prepared, inst, shots, seed, noise, _CHECK_P) for sim in qc.NOISE_SIMULATORS]
    z = []
    for metric in (inst.deviation, inst.conflicts):
        means, variances = [], []
        for x, counts in samples:
            v, w = metric(x).astype(float), counts / counts.sum()
            means.append(w @ v)
            variances.append(w @ (v - w @ v) ** 2 / shots)
        z.append(abs(means[0] - means[1]) / max(np.sqrt(sum(variances)), 1e-12))
    return float(max(z))


def verify(cfg: dict, ns, sample_n: int, shots: int, dual: dict, seed: int) -> pd.DataFrame:
    """Our simulators against qiskit (spec 7 verification plan): amplitudes vs Statevector, Aer counts vs exact
    probabilities (TVD within the 99% shot-noise bound), the noise sweep's Pauli-frame simulator vs Aer's
    trajectories (same circuits and noise, every scope), dual subspace vs Aer statevector with UnitaryGates."""
    rows, lam = [], float(cfg["lam"])
    theta = ([0.7, 1.9], [0.4, 2.3])   # two layers: exercises the layer order, not only p = 1

    def add(check, n, detail, value, tol):
        rows.append({"check": check, "N": n, "detail": detail, "value": value, "tolerance": tol,
                     "passed": value <= tol})
        log.info("verify %s N=%d %s: %.3g (tol %.3g)", check, n, detail, value, tol)

    for n in ns:
        inst = instance(cfg, n)
        for mode in ("trotter", "exact"):
            sim = ConfinedQAOA(inst, mode)
            ref = Statevector(qc.confined_circuit(inst, *theta, xy_mode=mode)).data
            add("confined amplitudes vs qiskit Statevector", n, f"xy_mode={mode}, p=2",
                float(np.abs(sim.embed(sim.state(*theta)) - ref).max()), 1e-10)
        if inst.n_qubits <= 18:
            ref = Statevector(qc.penalty_circuit(inst, *theta, lam)).data
            add("penalty amplitudes vs qiskit Statevector", n, "p=2",
                float(np.abs(PenaltyQAOA(inst, lam).state(*theta) - ref).max()), 1e-10)
    inst = instance(cfg, sample_n)
    sim = ConfinedQAOA(inst)
    probs = sim.probs(0.7, 0.4)
    x, counts = qc.sample_aer(qc.confined_circuit(inst, 0.7, 0.4), inst, shots, seed)
    emp = np.zeros(len(probs))
    lookup = {k: i for i, k in enumerate(indices_from_configs(sim.configs).tolist())}
    for idx, cnt in zip(indices_from_configs(x).tolist(), counts):
        emp[lookup[idx]] += cnt / shots      # KeyError would mean Aer left F: the check itself fails loudly
    add("Aer shots vs confined probabilities (TVD)", sample_n, f"{shots} shots, 99% shot-noise bound",
        float(0.5 * np.abs(emp - probs).sum()), _null_tvd(probs, shots, np.random.default_rng(seed)))
    small = instance(cfg, min(ns))
    for scope in qc.NOISE_SCOPES:
        for ansatz in ("proposed", "standard"):
            circ = qc.sweep_circuit(small, ansatz, scope, 0.7, 0.4, lam)
            add("Pauli frames vs Aer trajectories (max |z|: mean deviation, conflicts)", small.n,
                f"{scope} {ansatz}, p={_CHECK_P}, {shots} shots each",
                _frames_vs_aer(small, qc.prepare(circ, scope, seed), qc.noise_model(scope, _CHECK_P), shots, seed), 4.0)
    dinst = instance(cfg, dual["N"])
    dsim = DualQAOA(dinst, dual["capacities"])
    full_index = indices_from_configs(dsim.configs)
    for b in (0.3, 1.2, 2.5):
        circ = qc.dual_circuit(dinst, dual["capacities"], 0.9, b)
        circ.save_statevector()
        sv = np.asarray(AerSimulator(method="statevector").run(circ).result().get_statevector())
        ours = np.zeros_like(sv)
        ours[full_index] = dsim.state(0.9, b)
        add("dual subspace vs Aer statevector (84 UnitaryGates at N=8)" if dual["N"] == 8 else
            "dual subspace vs Aer statevector (UnitaryGates)", dual["N"], f"beta={b}",
            float(np.abs(ours - sv).max()), 1e-10)
    return VERIFY_SCHEMA.validate(pd.DataFrame(rows))
