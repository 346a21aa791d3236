"""CQDT physics checks P1-P6 (spec 5) against qiskit.quantum_info, and the per-stage latency benchmark with
qiskit-aer (Table 14, Fig. 13, scaling claim C16)."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pandera.pandas as pa
import torch
from qiskit import QuantumCircuit, transpile
from qiskit.circuit.library import StatePreparation
from qiskit.quantum_info import DensityMatrix, Kraus, Statevector, entropy, state_fidelity
from qiskit_aer import AerSimulator
from qiskit_aer.noise import amplitude_damping_error, pauli_error

from . import density as dm
from .env import LoopConfig, preprocess, telemetry
from .reinforce import LinearSoftmaxPolicy

CHECK_SCHEMA = pa.DataFrameSchema({
    "check": pa.Column(str), "detail": pa.Column(str), "value": pa.Column(float), "tolerance": pa.Column(float),
    "passed": pa.Column(bool)}, coerce=True, strict=True, name="cqdt_physics")
LATENCY_SCHEMA = pa.DataFrameSchema({
    "n": pa.Column(int), "stage": pa.Column(str), "rep": pa.Column(int), "ms": pa.Column(float, pa.Check.ge(0))},
    coerce=True, strict=True, name="cqdt_latency")
STAGES = ("initialisation", "entanglement", "noise injection", "measurement", "RL inference")


def physics_checks() -> pd.DataFrame:
    rows = []

    def add(check, detail, value, tol):
        rows.append({"check": check, "detail": detail, "value": float(value), "tolerance": tol, "passed": value <= tol})

    ghz = dm.entangler("ghz", 3)[:, 0]
    rho = np.outer(ghz, ghz.conj())
    for p in (0.05, 0.1, 0.3, 0.5):
        f = dm.fidelity(ghz, dm.apply_iid(rho, dm.phase_flip(p), 3))
        add("P1 GHZ3 phase flip: F = (1 + (1-2p)^3) / 2", f"p={p}", abs(f - 0.5 * (1 + (1 - 2 * p) ** 3)), 1e-10)
        f = dm.fidelity(ghz, dm.apply_iid(rho, dm.bit_flip(p), 3))
        add("P2 GHZ3 bit flip: F = (1-p)^3 + p^3", f"p={p}", abs(f - ((1 - p) ** 3 + p ** 3)), 1e-10)
        a19 = 0.5 * ((1 - p) ** 3 + p ** 3) + 1.5 * p * (1 - p) ** 2
        add("P2 paper eq. A19 disagrees (erratum)", f"p={p}: A19 = {a19:.4f}, F = {f:.4f}", -abs(a19 - f), -1e-3)
    worst = 0.0
    for kraus in (dm.bit_flip(0.3), dm.phase_flip(0.3), dm.amplitude_damping(0.3), dm.depolarizing(0.2)):
        worst = max(worst, np.abs(sum(e.conj().T @ e for e in kraus) - np.eye(2)).max())
    add("P3 Kraus sets are trace preserving", "BF, PF, AD, DEP", worst, 1e-12)
    seq = dm.apply_iid(dm.apply_iid(rho, dm.bit_flip(0.1), 3), dm.amplitude_damping(0.15), 3)
    ref = DensityMatrix(rho)
    for q in range(3):
        ref = ref.evolve(Kraus(dm.bit_flip(0.1)), [q])
    for q in range(3):
        ref = ref.evolve(Kraus(dm.amplitude_damping(0.15)), [q])
    add("P3 composite BF then AD equals qiskit DensityMatrix.evolve", "S8, GHZ3", np.abs(seq - ref.data).max(), 1e-12)
    add("P3 observables equal qiskit state_fidelity / entropy", "S8, GHZ3",
        max(abs(dm.fidelity(ghz, seq) - state_fidelity(Statevector(ghz), ref)),
            abs(dm.entropy_bits(seq) - entropy(ref, base=2))), 1e-10)
    rng = np.random.default_rng(0)
    viol = 0.0
    for _ in range(200):
        psi = rng.normal(size=8) + 1j * rng.normal(size=8)
        psi /= np.linalg.norm(psi)
        r = dm.apply_iid(np.outer(psi, psi.conj()), dm.amplitude_damping(rng.uniform(0, 0.5)), 3)
        r = dm.apply_iid(r, dm.bit_flip(rng.uniform(0, 0.5)), 3)
        f, s, d = dm.observables(psi, r)
        viol = max(viol, (1 - f) - d, d - np.sqrt(1 - f), -s, s - 3)
    add("P4 1 - F <= D <= sqrt(1 - F), 0 <= S <= n", "200 random pure states, BF + AD", viol, 1e-9)
    g = 1 - np.exp(-np.array([0.05, 0.7]))
    add("P5 gamma(dt/T1) over [0.05, 0.7] spans [0.0488, 0.5034]", f"{g[0]:.4f}-{g[1]:.4f}",
        np.abs(g - [0.0488, 0.5034]).max(), 5e-5)
    qc = QuantumCircuit(3)
    qc.h(range(3))
    qc.cz(0, 1)
    qc.cz(1, 2)
    bits = [[(j >> q) & 1 for q in range(3)] for j in range(8)]
    a16 = np.array([(-1) ** (b[0] * b[1] + b[1] * b[2]) for b in bits]) / 2 ** 1.5
    add("P6 cluster circuit (eq. A18) equals eq. A16", "qiskit Statevector",
        max(np.abs(Statevector(qc).data - a16).max(), np.abs(dm.entangler("cluster", 3)[:, 0] - a16).max()), 1e-12)
    return CHECK_SCHEMA.validate(pd.DataFrame(rows))


def stage_latency(ns, reps: int, shots: int, seed: int, loop: dict, state: str = "ghz") -> pd.DataFrame:
    """Wall time per loop stage with qiskit-aer (density matrix, ``shots`` measurements) on one thread:
    state-preparation synthesis, entangler + ideal reference, noise instructions, Aer run + F/S/D, policy."""
    rng = np.random.default_rng(seed)
    sim = AerSimulator(method="density_matrix", max_parallel_threads=1)
    policy = LinearSoftmaxPolicy()
    rows = []
    for n in ns:
        cfg = LoopConfig.from_params(loop, state, reps, n=max(n, 3), encoding="encoded")
        x = preprocess(telemetry(cfg, dict.fromkeys(("pf", "bf", "dep", "ad"), 0.0), rng), cfg.clip)
        for rep in range(reps):
            amp = np.zeros(2 ** n)
            amp[:8] = x[rep]
            times = {}
            t = time.perf_counter()
            qc = QuantumCircuit(n)
            qc.append(StatePreparation(amp / np.linalg.norm(amp)), range(n))
            qc = transpile(qc, sim)                          # synthesis of the amplitude-encoding circuit
            times["initialisation"] = time.perf_counter() - t
            t = time.perf_counter()
            if state == "ghz":
                qc.h(0)
                for q in range(n - 1):
                    qc.cx(q, q + 1)
            else:
                qc.h(range(n))
                for q in range(n - 1):
                    qc.cz(q, q + 1)
            psi = Statevector(qc).data                   # the ideal pure reference
            times["entanglement"] = time.perf_counter() - t
            t = time.perf_counter()
            for q in range(n):
                qc.append(pauli_error([("X", 0.1), ("I", 0.9)]).to_instruction(), [q])
                qc.append(amplitude_damping_error(0.1).to_instruction(), [q])
            qc.save_density_matrix(label="rho")
            qc.measure_all()
            times["noise injection"] = time.perf_counter() - t
            t = time.perf_counter()
            res = sim.run(qc, shots=shots, seed_simulator=seed + rep).result().data()   # all gates Aer-native
            obs = dm.observables(psi, np.asarray(res["rho"]))
            times["measurement"] = time.perf_counter() - t
            t = time.perf_counter()
            with torch.no_grad():
                policy(torch.tensor([obs], dtype=torch.float32)).sample()
            times["RL inference"] = time.perf_counter() - t
            rows += [{"n": n, "stage": s, "rep": rep, "ms": 1e3 * times[s]} for s in STAGES]
    return LATENCY_SCHEMA.validate(pd.DataFrame(rows))
