"""A peer simulator that cannot be installed beside this project's pins, run in its own Python environment for
``qrepro bench peers`` (:mod:`qrepro.bench.peers` starts it there and talks to it over stdin / stdout).

It is a script for another interpreter: it imports only the standard library, numpy, torch and the peer, never
``qrepro``. One JSON request per line, one JSON reply per line:
  {"op": "build", "peer": ..., "circuit": {"n_qubits", "ops": [[name, wires, [[kind, index], ...]], ...],
   "observables": [[basis, wires], ...]}}  -> {"ok": true}
  {"op": "run", "x": (B, n_in), "w": (n_w,)}  -> {"values", "gx", "gw"}: values and the gradients of their sum
  {"op": "time", "x", "w", "min_seconds", "max_reps"} -> {"seconds": mean forward + backward after a warm-up call,
   over calls until min_seconds have passed (at least one: some peers take minutes a call)}
A failure replies {"error": traceback}. Angles follow the project's circuit IR (qrepro.quantum.circuit): wire 0 is
the most significant qubit; Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi); CRot is Rot on the target. They
enter as float32 tensors, both peers' default precision.
"""

from __future__ import annotations

import json
import sys
import time
import traceback

import numpy as np
import torch


def _angle(x, w, ref):
    kind, index = ref
    return x[:, index] if kind == "in" else w[index].expand(x.shape[0])


def torchquantum(spec: dict):
    """torchquantum 0.1.x: a batched QuantumDevice (complex64), its functional gates with per-sample angles,
    ``measurement.expval`` for each Pauli basis (X and Y on a copy of the state: expval rotates it in place)."""
    import torchquantum as tq
    import torchquantum.functional as tqf

    n = spec["n_qubits"]
    gates = {"H": tqf.h, "RX": tqf.rx, "RY": tqf.ry, "RZ": tqf.rz, "Rot": tqf.rot, "CNOT": tqf.cnot, "CZ": tqf.cz,
             "CRot": tqf.crot}
    paulis = {"X": tq.PauliX, "Y": tq.PauliY, "Z": tq.PauliZ}

    def model(x, w):
        dev = tq.QuantumDevice(n_wires=n, bsz=x.shape[0])
        for name, wires, refs in spec["ops"]:
            wires = wires[0] if len(wires) == 1 else list(wires)
            if refs:
                angles = torch.stack([_angle(x, w, r) for r in refs], -1)
                gates[name](dev, wires=wires, params=angles)
            else:
                gates[name](dev, wires=wires)
        out = {}
        for basis in sorted({b for b, _ in spec["observables"]}):
            wires = sorted({ws[0] for b, ws in spec["observables"] if b == basis})
            state = dev if basis == "Z" else tq.QuantumDevice(n_wires=n, bsz=x.shape[0])
            if basis != "Z":
                state.clone_states(dev.states)
            vals = tq.measurement.expval(state, wires, [paulis[basis]()] * len(wires))
            out.update({(basis, q): vals[:, k] for k, q in enumerate(wires)})
        return torch.stack([out[(b, ws[0])] for b, ws in spec["observables"]], -1), w

    return model


def qiskit_torch_module(spec: dict):
    """qiskit-torch-module 1.x: the circuit as a qiskit QuantumCircuit (wire w on qubit w, CRot as CRZ CRY CRZ),
    inputs as its encoding parameters (with their gradients), weights as its trainable parameter set, one thread.
    It needs at least one trainable parameter: a circuit without weights gets RZ on |0> of qubit 0 first, which
    changes only the global phase."""
    from qiskit.circuit import ParameterVector, QuantumCircuit
    from qiskit.quantum_info import SparsePauliOp
    from qiskit_torch_module import QuantumModule

    n, n_in, n_w = spec["n_qubits"], spec["n_inputs"], spec["n_weights"]
    xs, ws = ParameterVector("x", n_in), ParameterVector("w", max(n_w, 1))
    qc = QuantumCircuit(n)
    if n_w == 0:
        qc.rz(ws[0], 0)
    for name, wires, refs in spec["ops"]:
        a = [xs[i] if kind == "in" else ws[i] for kind, i in refs]
        if name == "H":
            qc.h(wires[0])
        elif name in ("RX", "RY", "RZ"):
            getattr(qc, name.lower())(a[0], wires[0])
        elif name == "Rot":
            qc.rz(a[0], wires[0])
            qc.ry(a[1], wires[0])
            qc.rz(a[2], wires[0])
        elif name == "CNOT":
            qc.cx(*wires)
        elif name == "CZ":
            qc.cz(*wires)
        elif name == "CRot":
            qc.crz(a[0], *wires)
            qc.cry(a[1], *wires)
            qc.crz(a[2], *wires)
        else:
            raise ValueError(f"qiskit-torch-module adapter: no mapping for gate {name}")
    observables = [SparsePauliOp.from_sparse_list([(basis * len(wires), list(wires), 1.0)], num_qubits=n)
                   for basis, wires in spec["observables"]]
    module = QuantumModule(qc, encoding_params=list(xs), variational_params=list(ws),
                           variational_params_initial=[0.0] * len(ws), observables=observables,
                           num_threads_forward=1, num_threads_backward=1, encoding_gradients_flag=True)
    weights = module._trainable_parameters[0]

    def model(x, w):
        with torch.no_grad():
            weights.copy_(w if n_w else torch.zeros(1))
        weights.grad = None
        return module(x), (weights if n_w else None)

    return model


PEERS = {"torchquantum": torchquantum, "qiskit-torch-module": qiskit_torch_module}


class Worker:
    """The built peer circuit, answering run and time requests; float32 in, as both peers default to. A peer's
    model returns (values, the tensor its weight gradient lands on, or None when the circuit has no weights)."""

    def __init__(self):
        self.model = None

    def _call(self, x, w):
        x = torch.tensor(x, dtype=torch.float32, requires_grad=True)
        w = torch.tensor(w, dtype=torch.float32, requires_grad=True)
        values, weights = self.model(x, w)
        values.sum().backward()
        gw = weights.grad if weights is not None and weights.grad is not None else torch.zeros_like(w)
        gx = x.grad if x.grad is not None else torch.zeros_like(x)
        return values.detach().numpy(), gx.numpy(), gw.numpy()

    def handle(self, req: dict) -> dict:
        if req["op"] == "build":
            torch.set_num_threads(1)
            self.model = PEERS[req["peer"]](req["circuit"])
            return {"ok": True}
        x, w = np.asarray(req["x"], float), np.asarray(req["w"], float)
        if req["op"] == "run":
            v, gx, gw = self._call(x, w)
            return {"values": v.tolist(), "gx": gx.tolist(), "gw": gw.tolist()}
        if req["op"] == "time":                              # as qrepro.bench._time, but one call may do
            self._call(x, w)                                 # warm-up
            reps, t0 = 0, time.perf_counter()
            while reps < req["max_reps"] and (reps < 1 or time.perf_counter() - t0 < req["min_seconds"]):
                self._call(x, w)
                reps += 1
            return {"seconds": (time.perf_counter() - t0) / reps}
        raise ValueError(f"unknown op {req['op']!r}")


def main() -> None:
    worker = Worker()
    for line in sys.stdin:
        req = json.loads(line)
        if req["op"] == "quit":
            break
        try:
            reply = worker.handle(req)
        except Exception:  # noqa: BLE001 - every failure goes back to the bench, which reports it
            reply = {"error": traceback.format_exc()}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
