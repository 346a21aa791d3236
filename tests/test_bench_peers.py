"""Peer simulators of `qrepro bench --peers`: each adapter reproduces our kernel's values and gradients on the same
circuit (the bench's precondition for timing it); peers that are not installed are skipped with the reason."""

import importlib

import pytest

from qrepro import bench_peers as bp
from qrepro.quantum.ansatz import iqp_crot_circuit, raw_vqc_circuit, reuploading_circuit

CIRCUITS = [reuploading_circuit(3, 1), iqp_crot_circuit(4, 2), raw_vqc_circuit(4, 1)]


@pytest.mark.parametrize("label", list(bp.PEERS))
def test_peer_agrees_with_the_kernel(label):
    module, build = bp.PEERS[label]
    try:
        importlib.import_module(module)
    except ImportError as err:
        pytest.skip(f"{label} not installed ({err}); pip install -c requirements.txt -r requirements-bench.txt")
    tol = 1e-4 if "tensorcircuit" in label else 1e-6
    for c in CIRCUITS:
        assert bp.agreement(build(c), bp.kernel_reference(c), c) <= tol, (label, c.n_qubits)


def test_a_peer_that_gets_the_circuit_wrong_is_caught():
    c = reuploading_circuit(3, 1)
    good = bp.pennylane(c)
    flipped = lambda x, w: tuple(-a for a in good(x, w))  # noqa: E731
    assert bp.agreement(flipped, bp.kernel_reference(c), c) > 1e-2


def test_unavailable_peers_come_with_a_reason():
    ok, skipped = bp.available()
    assert "PennyLane default.qubit (backprop)" in ok              # a project dependency
    assert set(skipped) | set(ok) >= set(bp.PEERS) | set(bp.PROBES)
    assert all(why for why in skipped.values())


def test_traffic_model_counts_the_program_passes():
    import torch

    from qrepro.bench import state_traffic
    from qrepro.quantum.kernel import KernelCircuit

    c = iqp_crot_circuit(4, 1)                 # leading H layer folded in; 4 CRots, each on a quarter of the rows
    k = KernelCircuit(c, torch.float32)
    state = 8 * 2 ** 4
    assert state_traffic(k, 1) == 3 * (2 * 4 * (2 ** 4 // 2) * 8 + state * (1 + 4))
