"""Our simulators (eager torch, compiled kernel) vs PennyLane default.qubit (values + gradients) and qiskit-aer
(values)."""

import math

import numpy as np
import pytest
import torch

from qrepro.quantum import Circuit, Parity, TorchCircuit
from qrepro.quantum.ansatz import iqp_crot_circuit, raw_vqc_circuit, reuploading_circuit
from qrepro.quantum.backends import simulator
from qrepro.quantum.kernel import _CHUNK, KernelCircuit, _Program, _runs
from qrepro.quantum.reference import pennylane_qnode, qiskit_expectations


def all_gates_circuit(n=4) -> Circuit:
    c = Circuit(n)
    for q in range(n):
        c.add("H", q)
        c.add("RX", q, [c.new_input()])
    c.add("CRot", (0, 2), [c.new_weight() for _ in range(3)])
    c.add("CZ", (1, 3))
    for q in range(n):
        c.add("RY", q, [c.new_weight()])
        c.add("RZ", q, [c.new_input()])
    c.add("CNOT", (3, 0))
    c.add("CRot", (2, 1), [c.new_input(), c.new_weight(), c.new_input()])
    c.rot_layer()
    c.cnot_ring()
    c.add("RY", 0, [c.new_input()])   # one layer mixing a per-sample and a shared angle of one gate type
    c.add("RY", 1, [c.new_weight()])
    c.measure_all("XYZ")
    c.measure_parity()
    c.observables.append(Parity((3, 0, 2)))
    return c


def random_args(c, batch=5, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = (torch.rand(batch, c.n_inputs, generator=g, dtype=torch.float64) * 2 - 1) * math.pi
    w = (torch.rand(c.n_weights, generator=g, dtype=torch.float64) * 2 - 1) * math.pi
    return x.requires_grad_(), w.requires_grad_()


SIMULATORS = {"torch": lambda c: TorchCircuit(c, dtype=torch.float64),
              "torch-unfused": lambda c: TorchCircuit(c, dtype=torch.float64, fuse=False),
              "kernel": lambda c: KernelCircuit(c, torch.float64)}


@pytest.mark.parametrize("sim", list(SIMULATORS))
@pytest.mark.parametrize("make", [all_gates_circuit, lambda: reuploading_circuit(6, 2),
                                  lambda: reuploading_circuit(9, 1),
                                  lambda: iqp_crot_circuit(3, 2), lambda: iqp_crot_circuit(9, 2), raw_vqc_circuit,
                                  lambda: raw_vqc_circuit(5, 2)])
def test_values_and_gradients_match_pennylane(make, sim):
    c = make()
    x, w = random_args(c)
    ours = SIMULATORS[sim](c)(x, w)
    ref = pennylane_qnode(c)(x, w)
    assert ours.shape == (5, len(c.observables))
    assert torch.allclose(ours, ref, atol=1e-6)
    probe = torch.randn(ours.shape, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    g_ours = torch.autograd.grad((ours * probe).sum(), (x, w), allow_unused=True)
    g_ref = torch.autograd.grad((ref * probe).sum(), (x, w), allow_unused=True)
    for a, b in zip(g_ours, g_ref):
        if a is None or b is None or a.numel() == 0:  # a circuit without weights (IQP): no weight gradient
            assert (a is None or a.numel() == 0) and (b is None or not b.any())
            continue
        assert torch.allclose(a, b, atol=1e-6)


@pytest.mark.parametrize("sim", ["torch", "kernel"])
@pytest.mark.parametrize("method", ["aer", "quantum_info"])
def test_forward_matches_qiskit(method, sim):
    c = all_gates_circuit()
    x, w = random_args(c, batch=3, seed=2)
    ours = SIMULATORS[sim](c)(x, w).detach().numpy()
    ref = qiskit_expectations(c, x.detach().numpy(), w.detach().numpy(), method=method)
    np.testing.assert_allclose(ours, ref, atol=1e-6)


@pytest.mark.parametrize("cls", [TorchCircuit, KernelCircuit])
def test_float32_path_close_to_float64(cls):
    c = reuploading_circuit(6, 2)
    x, w = random_args(c, batch=8)
    lo = cls(c, torch.float32)(x.float(), w.float())
    hi = cls(c, torch.float64)(x, w)
    assert lo.dtype == torch.float32
    assert torch.allclose(lo.double(), hi, atol=1e-5)


def test_kernel_float32_gradients_at_qrlbench_size():
    """The size the DDQN trains (Q10-4, float32): kernel gradients vs the eager torch autograd path."""
    c = iqp_crot_circuit(10, 4)
    x, _ = random_args(c, batch=7)
    x32 = x.detach().float().requires_grad_()
    probe = torch.randn(7, 10, generator=torch.Generator().manual_seed(3))
    (g_k,) = torch.autograd.grad((KernelCircuit(c)(x32) * probe).sum(), x32)
    (g_t,) = torch.autograd.grad((TorchCircuit(c, dtype=torch.float64)(x) * probe.double()).sum(), x)
    assert torch.allclose(g_k.double(), g_t, atol=2e-5)


def test_kernel_is_deterministic_and_batch_independent():
    """Same inputs, same bits; a sample's output does not depend on what else is in the batch."""
    c = iqp_crot_circuit(6, 3)
    x = torch.rand(9, c.n_inputs, generator=torch.Generator().manual_seed(4))
    k = KernelCircuit(c)
    a, b = k(x), k(x)
    assert torch.equal(a, b)
    assert torch.equal(k(x[3:4]), a[3:4])


def test_kernel_program_folds_leading_h_and_pairs_later_h():
    """IQP: the first H layer becomes the uniform initial state; later H layers run two wires per pass."""
    c = iqp_crot_circuit(10, 4)
    prog = _Program(c)
    np.testing.assert_allclose(prog.init, np.full(1024, 1 / 32))
    names = [n for n in prog.codes.tolist()]
    assert names.count(8) == 15 and names.count(0) == 0   # 3 layers x 5 two-wire H passes, no single H left
    assert len(prog.codes) == 40 + 15


def test_row_runs_by_hand():
    """3 qubits (wire 0 = bit 2). RX on wire 1 updates rows with bit 1 clear: 0, 1, 4, 5 = runs of 2 at 0, 4.
    CRot(2 -> 0) updates rows with bit 2 clear and bit 0 set: 1, 3 = runs of 1. H on wires 0 and 2 together:
    rows with bits 2 and 0 clear: 0, 2."""
    run, starts = _runs(3, [1], [])
    assert (run, starts.tolist()) == (2, [0, 4])
    run, starts = _runs(3, [2], [0])
    assert (run, starts.tolist()) == (1, [1, 3])
    run, starts = _runs(3, [2, 0], [])
    assert (run, starts.tolist()) == (1, [0, 2])
    run, starts = _runs(3, [], [2])          # one-wire Z on wire 0: rows 4..7 in one run
    assert (run, starts.tolist()) == (4, [4])


@pytest.mark.parametrize("batch", [1, 3, _CHUNK // 2 + 1])
@pytest.mark.parametrize("make", [lambda: iqp_crot_circuit(6, 2), lambda: reuploading_circuit(5, 1), all_gates_circuit])
def test_kernel_matches_eager_path_at_every_chunk_shape(make, batch):
    """Chunks of rows depend on the batch (one row per chunk once 2 B > _CHUNK): values and gradients must not."""
    c = make()
    x, w = random_args(c, batch=batch, seed=5)
    ours, ref = KernelCircuit(c, torch.float64)(x, w), TorchCircuit(c, dtype=torch.float64)(x, w)
    assert torch.allclose(ours, ref, atol=1e-10)
    probe = torch.randn(ours.shape, generator=torch.Generator().manual_seed(6), dtype=torch.float64)
    for a, b in zip(torch.autograd.grad((ours * probe).sum(), (x, w), allow_unused=True),
                    torch.autograd.grad((ref * probe).sum(), (x, w), allow_unused=True)):
        if a is not None and b is not None:
            assert torch.allclose(a, b, atol=1e-10)


def test_kernel_gradients_flow_through_the_model_layers():
    """The VQC inside a model: parameter gradients from the kernel equal those of the eager path."""
    from qrepro.papers.qrlbench.models import build_model

    grads = {}
    for backend in ("kernel", "torch"):
        torch.manual_seed(0)
        model = build_model("Q4-2", 3, backend=backend).double()
        model.body._run = simulator(model.body.circuit, backend, torch.float64)
        model(torch.rand(5, 3, generator=torch.Generator().manual_seed(1), dtype=torch.float64)).sum().backward()
        grads[backend] = [p.grad.clone() for p in model.parameters()]
    for a, b in zip(grads["kernel"], grads["torch"]):
        assert torch.allclose(a, b, atol=1e-10)


def test_unknown_backend_is_named():
    with pytest.raises(ValueError, match=r"qrlbench.quantum_backend must be one of \('kernel', 'torch', 'pennylane'\)"):
        simulator(iqp_crot_circuit(2, 1), "qulacs", param="qrlbench.quantum_backend")


def test_analytic_single_qubit_and_bell():
    c = Circuit(1)
    c.add("RX", 0, [c.new_input()])
    c.measure_all("XYZ")
    theta = torch.tensor([[0.3], [1.2]], dtype=torch.float64)
    out = TorchCircuit(c, dtype=torch.float64)(theta)
    expected = torch.stack([torch.zeros(2), -torch.sin(theta[:, 0]), torch.cos(theta[:, 0])], 1)
    assert torch.allclose(out, expected.double(), atol=1e-12)
    bell = Circuit(2)
    bell.add("H", 0)
    bell.add("CNOT", (0, 1))
    sv = TorchCircuit(bell, dtype=torch.float64).statevector(None, None)
    assert torch.allclose(sv.abs() ** 2, torch.tensor([[0.5, 0, 0, 0.5]], dtype=torch.float64))


def test_fused_cnot_ring_is_a_cyclic_permutation():
    c = Circuit(3)
    c.cnot_ring()
    sim = TorchCircuit(c)
    assert [k for k, _ in sim.plan] == ["perm"]  # three CNOTs fused into one gather
    # |100> -> CNOT(0,1) |110> -> CNOT(1,2) |111> -> CNOT(2,0) |011>
    psi = torch.zeros(1, 8, dtype=torch.complex64)
    psi[0, 4] = 1
    assert psi[:, sim.plan[0][1]].abs().argmax().item() == 0b011


@pytest.mark.parametrize("bad", [("FOO", (0,), ()), ("RX", (0,), ()), ("CNOT", (0,), ())])
def test_ir_rejects_bad_ops(bad):
    c = Circuit(2)
    with pytest.raises(ValueError):
        c.add(*bad)


@pytest.mark.parametrize("cls", [TorchCircuit, KernelCircuit])
def test_bad_input_shapes(cls):
    c = reuploading_circuit(2, 1)
    sim = cls(c)
    with pytest.raises(ValueError, match=r"inputs must have shape \(B, 2\)"):
        sim(torch.zeros(3, 5), torch.zeros(c.n_weights))
    with pytest.raises(ValueError, match="weights must have shape"):
        sim(torch.zeros(3, 2), torch.zeros(1))


@pytest.mark.parametrize("sim", list(SIMULATORS))
def test_parity_of_a_product_state_is_the_product_of_cosines(sim):
    """RY(theta_q)|0> per qubit: <Z_q> = cos theta_q, so <Z...Z> over a subset is the product of its cosines;
    H on every qubit gives parity 0 and P(even) = 1/2."""
    c = Circuit(4)
    for q in range(4):
        c.add("RY", q, [c.new_input()])
    c.measure_parity()
    c.measure_parity((1, 3))
    theta = torch.tensor([[0.3, 1.1, -0.7, 2.0], [0.0, 0.0, 0.0, 0.0]], dtype=torch.float64)
    out = SIMULATORS[sim](c)(theta, torch.zeros(0, dtype=torch.float64))
    cos = torch.cos(theta)
    torch.testing.assert_close(out, torch.stack([cos.prod(1), cos[:, 1] * cos[:, 3]], 1))
    h = Circuit(4)
    for q in range(4):
        h.add("H", q)
    h.measure_parity()
    assert abs(float(SIMULATORS[sim](h)(torch.zeros(1, 0, dtype=torch.float64)))) < 1e-12


def test_parity_needs_distinct_wires_in_range():
    with pytest.raises(ValueError, match="distinct wires"):
        Parity((1, 1))
    with pytest.raises(ValueError, match="out of range for 4 qubits"):
        Circuit(4).measure_parity((0, 4))
