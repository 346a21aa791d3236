"""The simulators a user would pick instead of ours, behind one interface for ``qrepro bench peers``: each runs a
:class:`~qrepro.quantum.circuit.Circuit` on a batch, forward and backward, and returns (values (B, n_obs),
d sum / d inputs (B, n_in), d sum / d weights (n_w,)) in float64 numpy. Each is checked to agree with our kernel
on the same circuit before it is timed; a peer that is not installed is skipped with the reason.

Peers (each in its own default precision, as a user would run it): PennyLane default.qubit with backprop,
PennyLane lightning.qubit with adjoint gradients, qulacs (backprop over a ParametricQuantumCircuit, one sample at a
time: qulacs has no batch axis), tensorcircuit-ng on jax (jit + vmap over the batch), in this process; torchquantum
(qiskit < 1) and qiskit-torch-module (Python 3.12, torch 2.2), which cannot be installed beside this project's pins,
each in its own environment under ``.peers/`` (:data:`ISOLATED`, built by ``qrepro bench setup-peers``), driven
through :mod:`qrepro.peer_worker`.
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Callable

import numpy as np
import torch

from ..config import REPO_ROOT
from ..quantum.circuit import Circuit, Parity

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
    from ..quantum.reference import pennylane_qnode

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
# agreement tolerance of the float32 (complex64) peers; the others compute in float64 and must agree to 1e-6
TOLERANCE = {"tensorcircuit-ng (jax jit+vmap)": 1e-4, "torchquantum": 1e-4, "qiskit-torch-module": 1e-4}
# each in .peers/<name>, built from requirements-peers/<name>.txt (its first line names the Python)
ISOLATED = ("torchquantum", "qiskit-torch-module")
PEERS_DIR = REPO_ROOT / ".peers"


def _env_python(name: str) -> Path:
    return PEERS_DIR / name / "bin" / "python"


def available() -> tuple[dict, dict]:
    """({peer label: builder}, {peer label: why skipped})."""
    ok, skipped = {}, {}
    for label, (module, build) in PEERS.items():
        try:
            importlib.import_module(module)
            ok[label] = build
        except Exception as err:  # noqa: BLE001 - any import failure means: not available here
            skipped[label] = f"{type(err).__name__}: {err}".splitlines()[0]
    for name in ISOLATED:
        if _env_python(name).exists():
            ok[name] = lambda circuit, name=name: IsolatedPeer(name, circuit)
        else:
            skipped[name] = (f"needs its own environment (.peers/{name}, see requirements-peers/{name}.txt): "
                              f"build it with `qrepro bench setup-peers`")
    return ok, skipped


def _python_for(version: str) -> str | None:
    """An interpreter of ``version`` (e.g. "3.12") that runs: on PATH, else pyenv's (a pyenv shim on PATH is there
    even when that version is not selected, and then fails)."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for cand in [shutil.which(f"python{version}")] + sorted(map(str, pyenv.glob(f"{version}.*/bin/python{version}"))):
        if cand and subprocess.run([cand, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                   capture_output=True, text=True).stdout.strip() == version:
            return cand
    return None


def setup_environments() -> dict[str, str]:
    """Build each isolated peer's environment from its pinned list (``pip install --no-deps``: the list is complete,
    and the peers' own metadata asks for packages they do not need to run a circuit). Returns {name: outcome}."""
    outcome = {}
    for name in ISOLATED:
        reqs = REPO_ROOT / "requirements-peers" / f"{name}.txt"
        version = reqs.read_text().splitlines()[0].removeprefix("# python").strip()
        python = _python_for(version)
        if python is None:
            outcome[name] = f"skipped: no Python {version} found (looked for python{version} on PATH and in pyenv)"
            continue
        env, partial = PEERS_DIR / name, PEERS_DIR / f"{name}.partial"
        print(f"{name}: building {partial.relative_to(REPO_ROOT)} with Python {version} from "
              f"{reqs.relative_to(REPO_ROOT)} (a few minutes: a CUDA build of torch)", flush=True)
        done = subprocess.run([python, "-m", "venv", "--clear", str(partial)], capture_output=True, text=True)
        if done.returncode == 0:
            done = subprocess.run([str(partial / "bin" / "python"), "-m", "pip", "install", "-q", "--no-deps", "-r",
                                   str(reqs)], capture_output=True, text=True)
        if done.returncode:
            shutil.rmtree(partial, ignore_errors=True)
            outcome[name] = "failed: " + (done.stderr.strip().splitlines() or ["pip failed"])[-1]
            continue
        if env.exists():
            shutil.rmtree(env)
        partial.rename(env)             # only a complete environment is ever at .peers/<name>, where the bench looks
        outcome[name] = f"built with Python {version}: {env.relative_to(REPO_ROOT)}"
    return outcome


def circuit_spec(circuit: Circuit) -> dict:
    """The circuit IR as plain JSON for :mod:`qrepro.peer_worker`."""
    obs = []
    for o in circuit.observables:
        if isinstance(o, Parity):
            raise ValueError("isolated peers: no adapter for Parity observables")
        obs.append([o.basis, list(o.wires)])
    return {"n_qubits": circuit.n_qubits, "n_inputs": circuit.n_inputs, "n_weights": circuit.n_weights,
            "ops": [[op.name, list(op.wires), [[p.kind, p.index] for p in op.params]] for op in circuit.ops],
            "observables": obs}


class IsolatedPeer:
    """A Runner backed by a :mod:`qrepro.peer_worker` process in the peer's own environment, one thread. The
    worker times itself (:meth:`seconds`), so the pipe's cost is not charged to the peer."""

    def __init__(self, name: str, circuit: Circuit):
        env = {**os.environ, "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
               "PYTHONWARNINGS": "ignore"}
        env.pop("PYTHONPATH", None)                          # the peer's own packages only
        self.proc = subprocess.Popen([str(_env_python(name)), str(Path(__file__).with_name("peer_worker.py"))],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        try:
            self._ask({"op": "build", "peer": name, "circuit": circuit_spec(circuit)})
        except Exception:
            self.proc.kill()
            raise

    def _ask(self, request: dict) -> dict:
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"peer worker exited (code {self.proc.wait()})")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError("peer worker failed:\n" + reply["error"])
        return reply

    def __call__(self, x: np.ndarray, w: np.ndarray):
        r = self._ask({"op": "run", "x": x.tolist(), "w": w.tolist()})
        return tuple(np.asarray(r[k], float).reshape(shape) for k, shape in
                     (("values", (len(x), -1)), ("gx", x.shape), ("gw", w.shape)))

    def seconds(self, x: np.ndarray, w: np.ndarray, min_seconds: float, max_reps: int) -> float:
        return self._ask({"op": "time", "x": x.tolist(), "w": w.tolist(), "min_seconds": min_seconds,
                          "max_reps": max_reps})["seconds"]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


def kernel_reference(circuit: Circuit) -> Runner:
    """Our kernel in float64: the values and gradients every peer must reproduce."""
    from ..quantum.kernel import KernelCircuit

    return _torch_runner(KernelCircuit(circuit, torch.float64))


def agreement(peer: Runner, reference: Runner, circuit: Circuit, batch: int = 3, seed: int = 0) -> float:
    """Largest absolute difference of values and gradients between ``peer`` and ``reference`` on a random batch."""
    rng = np.random.default_rng(seed)
    x, w = rng.uniform(-np.pi, np.pi, (batch, circuit.n_inputs)), rng.uniform(-np.pi, np.pi, circuit.n_weights)
    return max(float(np.abs(a - b).max()) for a, b in zip(peer(x, w), reference(x, w)) if a.size)
