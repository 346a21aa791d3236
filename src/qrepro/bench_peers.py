"""The simulators a user would pick instead of ours, behind one interface for ``qrepro bench --peers``: each runs a
:class:`~qrepro.quantum.circuit.Circuit` on a batch, forward and backward, and returns (values (B, n_obs),
d sum / d inputs (B, n_in), d sum / d weights (n_w,)) in float64 numpy. Each is checked to agree with our kernel
on the same circuit before it is timed; a peer that cannot be imported is skipped with the reason.

Peers (each in its own default precision, as a user would run it): PennyLane default.qubit with backprop,
PennyLane lightning.qubit with adjoint gradients, qulacs (backprop over a ParametricQuantumCircuit, one sample at a
time: qulacs has no batch axis), tensorcircuit-ng on jax (jit + vmap over the batch). torchquantum 0.1.x and
qiskit-torch-module are probed too; they cannot be installed beside this project's pins (see :data:`PROBES`).
"""

from __future__ import annotations

import importlib
from typing import Callable

import numpy as np
import torch

from .quantum.circuit import Circuit, Parity

Runner = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]


def _angles(op, x: np.ndarray, w: np.ndarray) -> list:
    return [x[..., p.index] if p.kind == "in" else w[p.index] for p in op.params]


def _torch_runner(model) -> Runner:
    """A torch-differentiable circuit ``model(x, w)`` as a Runner: values and the gradients of their sum."""
    def run(x, w):
        xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        wt = torch.tensor(w, dtype=torch.float64, requires_grad=True)
        out = model(xt, wt)
        out.sum().backward()
        return out.detach().numpy(), xt.grad.numpy(), np.zeros_like(w) if wt.grad is None else wt.grad.numpy()

    return run


def pennylane(circuit: Circuit, device: str = "default.qubit", diff_method: str = "backprop") -> Runner:
    from .quantum.reference import pennylane_qnode

    return _torch_runner(pennylane_qnode(circuit, diff_method=diff_method, device=device))


def lightning(circuit: Circuit) -> Runner:
    return pennylane(circuit, "lightning.qubit", "adjoint")


def qulacs(circuit: Circuit) -> Runner:
    """Wire w -> qulacs qubit n-1-w (qulacs counts from the least significant bit). Qulacs rotations are
    exp(+i a P / 2), so every angle enters negated; CRot, which qulacs lacks, is controlled RZ, RY, RZ, each as
    R(a/2) CNOT R(-a/2) CNOT, so an angle's gradient sums its two half-angle gates'."""
    import qulacs as ql

    n = circuit.n_qubits
    q = lambda wire: n - 1 - wire  # noqa: E731
    pc = ql.ParametricQuantumCircuit(n)
    slots = []                          # per parametric gate: (op index, angle index, factor on the IR angle)
    single = {"RX": pc.add_parametric_RX_gate, "RY": pc.add_parametric_RY_gate, "RZ": pc.add_parametric_RZ_gate}
    for i, op in enumerate(circuit.ops):
        if op.name == "H":
            pc.add_H_gate(q(op.wires[0]))
        elif op.name == "CNOT":
            pc.add_CNOT_gate(q(op.wires[0]), q(op.wires[1]))
        elif op.name == "CZ":
            pc.add_CZ_gate(q(op.wires[0]), q(op.wires[1]))
        elif op.name in single:
            single[op.name](q(op.wires[0]), 0.0)
            slots.append((i, 0, -1.0))
        elif op.name == "Rot":                                   # RZ(omega) RY(theta) RZ(phi): phi acts first
            for k, gate in ((0, pc.add_parametric_RZ_gate), (1, pc.add_parametric_RY_gate),
                            (2, pc.add_parametric_RZ_gate)):
                gate(q(op.wires[0]), 0.0)
                slots.append((i, k, -1.0))
        elif op.name == "CRot":
            c, t = q(op.wires[0]), q(op.wires[1])
            for k, gate in ((0, pc.add_parametric_RZ_gate), (1, pc.add_parametric_RY_gate),
                            (2, pc.add_parametric_RZ_gate)):
                gate(t, 0.0)
                slots.append((i, k, -0.5))
                pc.add_CNOT_gate(c, t)
                gate(t, 0.0)
                slots.append((i, k, 0.5))
                pc.add_CNOT_gate(c, t)
        else:
            raise ValueError(f"qulacs adapter: no mapping for gate {op.name}")
    terms = [" ".join(f"{'Z' if isinstance(o, Parity) else o.basis} {q(wire)}" for wire in o.wires)
             for o in circuit.observables]
    observables, total = [], ql.Observable(n)
    for term in terms:
        ob = ql.Observable(n)
        ob.add_operator(1.0, term)
        observables.append(ob)
        total.add_operator(1.0, term)

    def run(x, w):
        B = len(x)
        vals, gx, gw = np.zeros((B, len(observables))), np.zeros_like(x, dtype=float), np.zeros(len(w))
        for b in range(B):
            for j, (i, k, f) in enumerate(slots):
                p = circuit.ops[i].params[k]
                pc.set_parameter(j, f * (x[b, p.index] if p.kind == "in" else w[p.index]))
            state = ql.QuantumState(n)
            pc.update_quantum_state(state)
            vals[b] = [ob.get_expectation_value(state) for ob in observables]
            grads = pc.backprop(total)
            for j, (i, k, f) in enumerate(slots):
                p = circuit.ops[i].params[k]
                if p.kind == "in":
                    gx[b, p.index] += f * grads[j]
                else:
                    gw[p.index] += f * grads[j]
        return vals, gx, gw

    return run


def tensorcircuit(circuit: Circuit) -> Runner:
    """tensorcircuit-ng on jax: one sample's circuit, ``vmap``-ed over the batch and ``jit``-compiled with its
    gradient (complex64, tensorcircuit's default). CRot enters as its 4 x 4 matrix."""
    import jax
    import jax.numpy as jnp
    import tensorcircuit as tc

    tc.set_backend("jax")
    tc.set_dtype("complex64")

    def rot(phi, theta, omega):
        c, s = jnp.cos(theta / 2), jnp.sin(theta / 2)
        return jnp.array([[jnp.exp(-0.5j * (phi + omega)) * c, -jnp.exp(0.5j * (phi - omega)) * s],
                          [jnp.exp(-0.5j * (phi - omega)) * s, jnp.exp(0.5j * (phi + omega)) * c]])

    def one(x, w):
        c = tc.Circuit(circuit.n_qubits)
        for op in circuit.ops:
            a = _angles(op, x, w)
            if op.name == "H":
                c.h(op.wires[0])
            elif op.name in ("RX", "RY", "RZ"):
                getattr(c, op.name.lower())(op.wires[0], theta=a[0])
            elif op.name == "Rot":
                c.rz(op.wires[0], theta=a[0])
                c.ry(op.wires[0], theta=a[1])
                c.rz(op.wires[0], theta=a[2])
            elif op.name == "CNOT":
                c.cnot(*op.wires)
            elif op.name == "CZ":
                c.cz(*op.wires)
            elif op.name == "CRot":
                m = jnp.zeros((4, 4), dtype=jnp.complex64).at[0, 0].set(1).at[1, 1].set(1)
                c.any(*op.wires, unitary=m.at[2:, 2:].set(rot(*a).astype(jnp.complex64)))
            else:
                raise ValueError(f"tensorcircuit adapter: no mapping for gate {op.name}")
        outs = []
        for o in circuit.observables:
            wires = list(o.wires)
            outs.append(c.expectation_ps(z=wires) if isinstance(o, Parity) or o.basis == "Z" else
                        c.expectation_ps(**{o.basis.lower(): wires}))
        return jnp.real(jnp.stack(outs))

    values = jax.jit(jax.vmap(one, in_axes=(0, None)))
    grads = jax.jit(jax.vmap(jax.grad(lambda x, w: one(x, w).sum(), argnums=(0, 1)), in_axes=(0, None)))

    def run(x, w):
        x32, w32 = jnp.asarray(x, jnp.float32), jnp.asarray(w, jnp.float32)
        v = values(x32, w32)
        gx, gw = grads(x32, w32)
        v.block_until_ready()
        gw.block_until_ready()
        return np.asarray(v, float), np.asarray(gx, float), np.asarray(gw, float).sum(0)

    return run


PEERS = {"PennyLane default.qubit (backprop)": ("pennylane", pennylane),
         "PennyLane lightning.qubit (adjoint)": ("pennylane_lightning", lightning),
         "qulacs": ("qulacs", qulacs), "tensorcircuit-ng (jax jit+vmap)": ("tensorcircuit", tensorcircuit)}
# probed so the bench says why they are absent: both pin an older stack than this project's
PROBES = {"torchquantum": "torchquantum", "qiskit-torch-module": "qiskit_torch_module"}


def available() -> tuple[dict, dict]:
    """({peer label: builder}, {peer label: why skipped})."""
    ok, skipped = {}, {}
    for label, (module, build) in PEERS.items():
        try:
            importlib.import_module(module)
            ok[label] = build
        except Exception as err:  # noqa: BLE001 - any import failure means: not available here
            skipped[label] = f"{type(err).__name__}: {err}".splitlines()[0]
    for label, module in PROBES.items():
        try:
            importlib.import_module(module)
            skipped[label] = "imports, but has no adapter here"
        except Exception as err:  # noqa: BLE001
            skipped[label] = f"cannot be imported beside this project's pins ({type(err).__name__}: " \
                             f"{str(err).splitlines()[0]})"
    return ok, skipped


def kernel_reference(circuit: Circuit) -> Runner:
    """Our kernel in float64: the values and gradients every peer must reproduce."""
    from .quantum.kernel import KernelCircuit

    return _torch_runner(KernelCircuit(circuit, torch.float64))


def agreement(peer: Runner, reference: Runner, circuit: Circuit, batch: int = 3, seed: int = 0) -> float:
    """Largest absolute difference of values and gradients between ``peer`` and ``reference`` on a random batch."""
    rng = np.random.default_rng(seed)
    x, w = rng.uniform(-np.pi, np.pi, (batch, circuit.n_inputs)), rng.uniform(-np.pi, np.pi, circuit.n_weights)
    return max(float(np.abs(a - b).max()) for a, b in zip(peer(x, w), reference(x, w)) if a.size)
