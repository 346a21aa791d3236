"""Paper 003 simulators: our subspace / register-GEMM simulators against qiskit, and the spec's exact values."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector
from qiskit_aer import AerSimulator

from qrepro.papers.dickeqaoa import circuits as qc
from qrepro.papers.dickeqaoa.metrics import exact_metrics, hellinger_fidelity, sample_metrics, shots_to_optimum, tvd
from qrepro.papers.dickeqaoa.problem import CAPACITIES, cbrs_instance, indices_from_configs
from qrepro.papers.dickeqaoa.qaoa import ConfinedQAOA, DualQAOA, PenaltyQAOA, xy_register_unitary
from qrepro.papers.dickeqaoa.solvers import brute_force

THETA = ([0.7, 1.9], [0.4, 2.3])     # p = 2


@pytest.mark.parametrize("k, support", [(1, [0b001, 0b010, 0b100]), (2, [0b011, 0b101, 0b110])])
def test_w3_dicke_preparation(k, support):
    circ = QuantumCircuit(3)
    qc.dicke_w3(circ, 0, 1, 2, k)
    expected = np.zeros(8)
    expected[support] = 1 / np.sqrt(3)
    assert np.allclose(Statevector(circ).data, expected, atol=1e-12)   # real, positive, no global phase


@pytest.mark.parametrize("mode", ["trotter", "exact"])
def test_confined_simulator_equals_qiskit_statevector(mode):
    inst = cbrs_instance(4)
    sim = ConfinedQAOA(inst, mode)
    ref = Statevector(qc.confined_circuit(inst, *THETA, xy_mode=mode)).data
    assert np.abs(sim.embed(sim.state(*THETA)) - ref).max() < 1e-10


@pytest.mark.parametrize("n", [4, 5])     # 15 qubits: the blocked mixer's tiles over the qubits above 12
def test_penalty_simulator_equals_qiskit_statevector(n):
    inst = cbrs_instance(n)
    ref = Statevector(qc.penalty_circuit(inst, *THETA, lam=5.0)).data
    assert np.abs(PenaltyQAOA(inst, 5.0).state(*THETA) - ref).max() < 1e-10


def test_dual_simulator_equals_aer_with_unitary_gates():
    inst = cbrs_instance(4)
    sim = DualQAOA(inst, (2, 2, 2))
    circ = qc.dual_circuit(inst, (2, 2, 2), 0.9, 1.2)
    circ.save_statevector()
    sv = np.asarray(AerSimulator(method="statevector").run(circ).result().get_statevector())
    ours = np.zeros_like(sv)
    ours[indices_from_configs(sim.configs)] = sim.state(0.9, 1.2)
    assert np.abs(ours - sv).max() < 1e-10


def test_xy_trotter_differs_from_exact_but_both_preserve_weight():
    t, e = xy_register_unitary(3, 0.8, "trotter"), xy_register_unitary(3, 0.8, "exact")
    weight = np.array([bin(s).count("1") for s in range(8)])
    for u in (t, e):
        assert np.allclose(u.conj().T @ u, np.eye(8))
        assert np.allclose(u[weight[:, None] != weight[None, :]], 0)
    assert np.abs(t - e).max() > 1e-2
    with pytest.raises(ValueError, match="xy_mode must be one of trotter, exact"):
        xy_register_unitary(3, 0.8, "cyclic")


def test_known_expectations_from_the_spec():
    inst8 = cbrs_instance(8)
    conf = ConfinedQAOA(inst8)
    assert conf.probs(0.0, 0.0) @ conf.cost == pytest.approx(19 / 3)              # uniform Dicke: 6.333
    assert conf.probs(5.462, 0.255) @ conf.cost == pytest.approx(4.2577, abs=2e-4)  # p = 1 optimum (spec E2)
    for n, level in ((6, 36.0), (7, 41.75)):                                        # uniform |+>: E[C + 5 pen]
        pen = PenaltyQAOA(cbrs_instance(n), 5.0)
        c, p = pen.energies()
        probs = pen.probs(0.0, 0.0)
        assert probs @ (c + 5 * p) == pytest.approx(level)
        assert probs @ pen.deviation == pytest.approx(0.75 * n)                    # 0.75 per node


def test_dual_landscape_matches_spec_table_and_ignores_gamma():
    inst = cbrs_instance(8)
    betas = np.linspace(0, np.pi, 9)
    spec = {"trotter_lex": [9.000, 5.910, 6.333, 7.047, 7.000, 7.114, 5.848, 5.666, 9.000],
            "exact": [9, 6.31, 6.02, 5.86, 5.85, 5.99, 6.11, 5.93, 5.95]}
    for mode, values in spec.items():
        sim = DualQAOA(inst, CAPACITIES, mode)
        got = [sim.probs(0.0, b) @ sim.cost for b in betas]
        assert np.allclose(got, values, atol=6e-3), mode
        assert np.allclose(sim.probs(2.1, 0.7), sim.probs(0.0, 0.7))               # gamma is a global phase
    assert DualQAOA(inst, CAPACITIES).components() == 1


def test_sample_metrics_hand_example():
    inst = cbrs_instance(4)             # k = [2, 1, 2, 1]; edges ring + (0, 2), (1, 3)
    good = np.array([[1, 1, 0], [0, 0, 1], [1, 0, 1], [0, 1, 0]])    # feasible
    bad = np.array([[1, 1, 1], [0, 0, 0], [1, 0, 1], [0, 1, 0]])     # node 0 weight 3, node 1 weight 0
    m = sample_metrics(inst, np.stack([good, good, bad]), lam=5.0)
    c_good, c_bad = int(inst.conflicts(good)), int(inst.conflicts(bad))
    assert m["feas_ratio"] == pytest.approx(2 / 3) and m["best_conflict"] == c_good
    assert m["deviation"] == pytest.approx(2 / 3)                     # (0 + 0 + 2) / 3
    assert m["avg_cost"] == pytest.approx((2 * c_good + c_bad + 5 * 2) / 3)
    assert sample_metrics(inst, bad[None])["best_conflict"] is None


def test_distribution_metrics():
    assert shots_to_optimum(0.03) == 99                                # ceil(ln 0.05 / ln 0.97) = ceil(98.4)
    assert shots_to_optimum(0.0) == np.inf and shots_to_optimum(1.0) == 1
    assert tvd({0: 0.5, 1: 0.5}, {0: 1.0}) == pytest.approx(0.5)
    assert hellinger_fidelity({0: 0.5, 1: 0.5}, {0: 0.5, 1: 0.5}) == pytest.approx(1.0)
    inst = cbrs_instance(5)
    conf = ConfinedQAOA(inst)
    bf = brute_force(inst)
    m = exact_metrics(conf.probs(0.0, 0.0), conf.cost, np.ones(243, bool), bf["opt"], bf["c_max"])
    assert m["p_opt"] == pytest.approx(6 / 243) and m["exp_conflict_feasible"] == pytest.approx(bf["mean"])


def test_noise_scopes_gate_counts_and_errors():
    inst = cbrs_instance(5)
    prop, std = qc.confined_circuit(inst, 0.74, 6.04), qc.penalty_circuit(inst, 6.18, 0.37)
    assert qc.prepare(prop, "cx_only").count_ops()["cx"] == 50          # spec E4: 50 CX, standard none
    assert "cx" not in qc.prepare(std, "cx_only").count_ops()
    assert qc.prepare(prop, "transpiled_all").count_ops()["cx"] == 112
    assert qc.noise_model("logical", 0.0) is None
    assert set(qc.noise_model("transpiled_all", 0.01).noise_instructions) == {"rz", "sx", "x", "cx"}
    with pytest.raises(ValueError, match="noise scope must be one of transpiled_all, logical, cx_only"):
        qc.noise_model("all", 0.01)
