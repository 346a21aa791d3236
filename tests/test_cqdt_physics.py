"""CQDT density-matrix kernel: closed forms (P1, P2), qiskit cross-checks, bounds (P4), spec sanity values."""

import numpy as np
import pytest
from qiskit.quantum_info import DensityMatrix, Kraus, Statevector, entropy, state_fidelity

from conftest import loop_config

from qrepro.papers.cqdt import density as dm
from qrepro.papers.cqdt.checks import physics_checks
from qrepro.papers.cqdt.env import _actions, _noise


def _state(kind):
    psi = dm.entangler(kind, 3)[:, 0]
    return psi, np.outer(psi, psi.conj())


def test_physics_checks_all_pass():
    table = physics_checks()
    assert table.passed.all(), table[~table.passed]
    assert {c.split()[0] for c in table.check} == {"P1", "P2", "P3", "P4", "P5", "P6"}


@pytest.mark.parametrize("kraus", [dm.amplitude_damping(0.27), dm.depolarizing(0.2), dm.bit_flip(0.1)])
@pytest.mark.parametrize("qubit", [0, 1, 2])
def test_single_qubit_channel_matches_qiskit_on_an_asymmetric_state(kraus, qubit):
    rng = np.random.default_rng(qubit)
    psi = rng.normal(size=8) + 1j * rng.normal(size=8)
    psi /= np.linalg.norm(psi)
    rho = np.outer(psi, psi.conj())
    ours = dm.apply_1q(rho, kraus, qubit, 3)
    ref = DensityMatrix(rho).evolve(Kraus(kraus), [qubit])
    assert np.abs(ours - ref.data).max() < 1e-12
    assert dm.entropy_bits(ours) == pytest.approx(entropy(ref, base=2), abs=1e-10)
    assert dm.fidelity(psi, ours) == pytest.approx(state_fidelity(ref, Statevector(psi)), abs=1e-10)


def test_depolarizing_is_the_paper_p_over_3_form():
    _, rho = _state("ghz")
    one = dm.apply_1q(rho, dm.depolarizing(0.3), 0, 3)
    expected = 0.7 * rho + 0.1 * sum(dm._gate(p, [0], 3) @ rho @ dm._gate(p, [0], 3).conj().T
                                     for p in (dm.X, dm.Y, dm.Z))
    assert np.allclose(one, expected)


# spec 2.4 (no action, exact) and the Table 13 setting p = gamma = 0.3
@pytest.mark.parametrize("kind, attack, fsd", [
    ("ghz", {"bf": 0.15, "ad": 0.15}, (0.508, 2.140, 0.503)),
    ("cluster", {"bf": 0.15, "ad": 0.15}, (0.519, 1.941, 0.486)),
    ("ghz", {"bf": 0.05, "ad": 0.05}, (0.797, 1.179, 0.208)), ("ghz", {"bf": 0.3}, (0.370, 1.949, 0.630)),
    ("ghz", {"pf": 0.3}, (0.532, 0.997, 0.468)), ("ghz", {"ad": 0.3}, (0.635, 1.707, 0.426)),
    ("ghz", {"dep": 0.3}, (0.368, 2.693, 0.632)), ("cluster", {"pf": 0.3}, (0.343, 2.644, 0.657))])
def test_no_action_observables_match_the_spec(kind, attack, fsd):
    psi, rho = _state(kind)
    noisy = _noise(rho, 3, {}, attack)
    assert np.allclose(dm.observables(psi, noisy), fsd, atol=1.5e-3)


def test_defence_actions():
    psi, rho = _state("ghz")
    v = dm.entangler("ghz", 3)
    bf = _noise(rho, 3, {}, {"bf": 0.15})
    (same, entrec, pc), success = _actions(v, bf, 3, gamma_hat=0.0)
    assert np.allclose(same, bf) and np.allclose(pc, bf) and success == pytest.approx(1.0)   # pcollapse(0) = I
    assert dm.fidelity(psi, entrec) == pytest.approx(1.0)           # pure bit flips are fully corrected on GHZ
    s1 = _noise(rho, 3, {}, {"bf": 0.05, "ad": 0.05})
    assert np.allclose(dm.observables(psi, _actions(v, s1, 3, 0.05)[0][1]), (0.963, 0.225, 0.045), atol=1.5e-3)
    no_jump = dm.apply_iid(rho, dm.amplitude_damping(0.2)[:1], 3)          # the E0 branch only (unnormalised)
    (_, _, pc), success = _actions(v, no_jump / np.trace(no_jump), 3, gamma_hat=0.2)
    assert 0 < success < 1 and np.allclose(pc, rho)                          # M_r E0 is proportional to I
    for state in (entrec, pc):
        f, s, d = dm.observables(psi, state)
        assert 1 - f - 1e-9 <= d <= np.sqrt(max(0.0, 1 - f)) + 1e-9 and -1e-9 <= s <= 3


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="bit-flip p must lie in"):
        dm.bit_flip(1.5)
    with pytest.raises(ValueError, match="state must be one of ghz, cluster"):
        loop_config(state="w")
    with pytest.raises(ValueError, match="encoding must be one of encoded, probe"):
        loop_config(encoding="basis")
