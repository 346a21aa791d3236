"""A tiny circuit IR, so each VQC is declared once and every backend (torch, PennyLane, qiskit) runs the same thing.

An angle is either a per-sample *input* (column of an ``(B, n_inputs)`` tensor) or a shared *weight*
(entry of a flat ``(n_weights,)`` tensor). Wire 0 is the most significant qubit (PennyLane's convention).
"""

from __future__ import annotations

from dataclasses import dataclass, field

GATE_ARITY = {  # name -> (number of wires, number of angles)
    "H": (1, 0),
    "RX": (1, 1),
    "RY": (1, 1),
    "RZ": (1, 1),
    "Rot": (1, 3),
    "CNOT": (2, 0),
    "CZ": (2, 0),
    "CRot": (2, 3),
}
PAULIS = ("X", "Y", "Z")


@dataclass(frozen=True)
class Param:
    """Reference to an angle: ``kind`` is ``"in"`` (per-sample input) or ``"w"`` (shared weight)."""

    kind: str
    index: int

    def __post_init__(self):
        if self.kind not in ("in", "w"):
            raise ValueError(f"Param.kind must be 'in' or 'w', got {self.kind!r}")


@dataclass(frozen=True)
class Op:
    name: str
    wires: tuple[int, ...]
    params: tuple[Param, ...] = ()

    def __post_init__(self):
        if self.name not in GATE_ARITY:
            raise ValueError(f"unknown gate {self.name!r}; allowed: {sorted(GATE_ARITY)}")
        n_wires, n_params = GATE_ARITY[self.name]
        if len(self.wires) != n_wires or len(self.params) != n_params:
            raise ValueError(f"{self.name} takes {n_wires} wires and {n_params} angles, "
                             f"got {self.wires}, {self.params}")


@dataclass(frozen=True)
class Pauli:
    """Single-qubit Pauli expectation <P_wire>."""

    basis: str
    wire: int

    def __post_init__(self):
        if self.basis not in PAULIS:
            raise ValueError(f"Pauli basis must be one of {PAULIS}, got {self.basis!r}")

    @property
    def wires(self) -> tuple[int]:
        """The wires the observable acts on (one), as for :class:`Parity`."""
        return (self.wire,)


@dataclass(frozen=True)
class Parity:
    """Multi-qubit Z string <Z_w1 ... Z_wk>: P(even parity of those bits) - P(odd). Global-parity policies
    (spec 001 section 1.2) read action probabilities (1 +- <Parity>) / 2 from it."""

    wires: tuple[int, ...]
    basis = "Z"  # diagonal in the computational basis, like Pauli Z (a class constant, not a field)

    def __post_init__(self):
        if not self.wires or len(set(self.wires)) != len(self.wires):
            raise ValueError(f"Parity needs distinct wires, got {self.wires}")


def z_mask(obs, n_qubits: int) -> int:
    """Bit mask of the wires a diagonal observable (Pauli Z or Parity) multiplies: sign = (-1)^popcount(i & mask)."""
    return sum(1 << (n_qubits - 1 - w) for w in obs.wires)


@dataclass
class Circuit:
    n_qubits: int
    ops: list[Op] = field(default_factory=list)
    observables: list[Pauli | Parity] = field(default_factory=list)
    n_inputs: int = 0
    n_weights: int = 0

    def check_shapes(self, inputs, weights) -> None:
        """Every backend takes inputs (B, n_inputs) and weights (n_weights,); say which shape was wrong."""
        if inputs.dim() != 2 or inputs.shape[1] != self.n_inputs:
            raise ValueError(f"inputs must have shape (B, {self.n_inputs}), got {tuple(inputs.shape)}")
        if weights.shape != (self.n_weights,):
            raise ValueError(f"weights must have shape ({self.n_weights},), got {tuple(weights.shape)}")

    # --- builders -------------------------------------------------------------------------------
    def new_input(self) -> Param:
        self.n_inputs += 1
        return Param("in", self.n_inputs - 1)

    def new_weight(self) -> Param:
        self.n_weights += 1
        return Param("w", self.n_weights - 1)

    def add(self, name: str, wires, params=()) -> None:
        wires = tuple(int(w) for w in (wires if isinstance(wires, (tuple, list)) else (wires,)))
        for w in wires:
            if not 0 <= w < self.n_qubits:
                raise ValueError(f"wire {w} out of range for {self.n_qubits} qubits")
        self.ops.append(Op(name, wires, tuple(params)))

    def rot_layer(self) -> None:
        """General single-qubit rotation Rot(phi, theta, omega) = RZ(omega) RY(theta) RZ(phi) on every wire."""
        for q in range(self.n_qubits):
            self.add("Rot", q, [self.new_weight() for _ in range(3)])

    def cnot_ring(self, rng: int = 1) -> None:
        """CNOT(q -> q+rng mod n) for q = 0..n-1, as in PennyLane's StronglyEntanglingLayers."""
        if self.n_qubits < 2:
            return
        for q in range(self.n_qubits):
            self.add("CNOT", (q, (q + rng) % self.n_qubits))

    def measure_parity(self, wires=None) -> None:
        """Add <Z...Z> over ``wires`` (all wires by default)."""
        wires = tuple(range(self.n_qubits)) if wires is None else tuple(int(w) for w in wires)
        if any(not 0 <= w < self.n_qubits for w in wires):
            raise ValueError(f"parity wires {wires} out of range for {self.n_qubits} qubits")
        self.observables.append(Parity(wires))

    def measure_all(self, bases="ZXY") -> None:
        for b in bases:
            self.observables.extend(Pauli(b, q) for q in range(self.n_qubits))
