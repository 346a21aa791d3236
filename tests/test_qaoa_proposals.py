"""Paper 004 agent-proposal QAOA: energies by hand, numpy statevector vs qiskit-aer, solver determinism."""

import numpy as np
import pytest

from qrepro.quantum.qaoa_proposals import (aer_state, candidate_grid, candidate_weights, energies, propose,
                                           proposal_hamiltonian, solve, statevector)


def _instance(n=6, seed=0):
    rng = np.random.default_rng(seed)
    cand = candidate_grid(1000.0)
    w_all = candidate_weights(rng.normal(size=64), rng.uniform(0, 1, 64))
    c = propose(rng.uniform(0, 1000, (n, 2)), cand, w_all)
    return proposal_hamiltonian(w_all[c], cand[c], lam_pen=2.0, d_min_m=200.0)


def test_candidates_weights_and_proposals():
    cand = candidate_grid(1000.0)
    assert cand.shape == (64, 2) and cand.min() == 62.5 and cand.max() == 937.5
    w = candidate_weights(np.array([0.0, 1.0]), np.array([1.0, 0.0]), kappa_ucb=2.0, tau=0.5)
    assert w.max() == 1.0 and w[1] == pytest.approx(np.exp(-2.0))          # U = (2, 1), shifted softmax
    assert np.allclose(candidate_weights(np.array([0.0, 1.0, 2.0]), np.zeros(3), norm="minmax"), [0, 0.5, 1])
    picks = propose(np.array([[62.5, 62.5]]), cand, np.arange(64.0), radius_m=130.0)
    assert picks[0] == 8                         # best of the 3 candidates within 130 m (indices 0, 1, 8)
    with pytest.raises(ValueError, match="qaoa.norm must be one of softmax, minmax"):
        candidate_weights(np.zeros(2), np.zeros(2), norm="rank")


def test_energies_by_hand():
    w = np.array([1.0, 0.5, 0.25])
    p = np.zeros((3, 3))
    p[0, 1] = p[1, 0] = 2.0
    e = energies(w, p)
    assert e[0b000] == 0 and e[0b001] == -1 and e[0b011] == pytest.approx(-1.5 + 2.0)
    assert e[0b111] == pytest.approx(-1.75 + 2.0) and e.argmin() == 0b101


def test_numpy_statevector_matches_aer():
    w, p = _instance(6)
    e = energies(w, p)
    scale = np.abs(e).max()
    g, b = [0.3, 0.9, 0.4], [0.7, 0.2, 0.5]
    ours, ref = statevector(e / scale, g, b), aer_state(w, p, scale, g, b)
    assert abs(np.vdot(ours, ref)) ** 2 >= 1 - 1e-10
    rho_a, rho_b = np.outer(ours, ours.conj()), np.outer(ref, ref.conj())
    assert 0.5 * np.abs(np.linalg.eigvalsh(rho_a - rho_b)).sum() <= 1e-6


def test_solver_is_seeded_and_beats_the_uniform_distribution():
    w, p = _instance(8, seed=1)
    a, b = solve(w, p, seed=4, maxiter=40), solve(w, p, seed=4, maxiter=40)
    assert np.array_equal(a["q"], b["q"]) and a["z_star"] == b["z_star"]
    e = energies(w, p)
    assert a["approx_ratio"] > e.mean() / e.min()
    assert ((0 <= a["q"]) & (a["q"] <= 1)).all() and 0 <= a["feasible_frac"] <= 1
    assert a["z_star_bits"].tolist() == [(a["z_star"] >> i) & 1 for i in range(8)]
