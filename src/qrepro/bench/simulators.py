"""Side-by-side timing of our simulators (compiled kernel, eager torch) vs PennyLane default.qubit (backprop), and
(`qrepro bench peers`) of the kernel against every peer simulator a user would pick (:mod:`.peers`), one thread. Prints
forward+backward milliseconds per call and the ratios, measured in the same run.
"""

from __future__ import annotations

import time

import torch

from ..quantum import TorchCircuit
from ..quantum.ansatz import iqp_crot_circuit, reuploading_circuit
from ..quantum.kernel import KernelCircuit
from ..quantum.reference import pennylane_qnode

# (label, builder, qubits, layers): the QSAC actor's re-uploading circuit and the benchmark paper's IQP / CRot
# circuit at Q10-4 and Q14-4
CIRCUITS = [("reuploading 6q-2l", reuploading_circuit, 6, 2), ("iqp 10q-4l", iqp_crot_circuit, 10, 4),
            ("iqp 14q-4l", iqp_crot_circuit, 14, 4)]


def _time(fn, min_seconds: float, max_reps: int) -> float:
    fn()  # warm-up
    reps, t0 = 0, time.perf_counter()
    while reps < max_reps and (reps < 2 or time.perf_counter() - t0 < min_seconds):
        fn()
        reps += 1
    return (time.perf_counter() - t0) / reps


def fwd_bwd(run, circuit, batch: int, dtype=torch.float64):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(batch, circuit.n_inputs, generator=g, dtype=dtype).requires_grad_()
    w = torch.rand(circuit.n_weights, generator=g, dtype=dtype).requires_grad_()

    def step():
        out = run(x, w)
        out.sum().backward()

    return step


# buffer sizes that sit in this core's L2 (512 KB on Zen 3), in L3 (32 MB) and only in DRAM
CACHE_LEVELS = {"L2": 256 * 2 ** 10, "L3": 8 * 2 ** 20, "DRAM": 256 * 2 ** 20}


def roofline() -> tuple[float, dict[str, float]]:
    """This core's float32 matrix-product rate (flops/s) and copy bandwidth (bytes/s) at each cache level, measured
    in the run that uses them, so that a kernel's time is judged against the same host's ceilings."""
    return sgemm_rate(), {level: copy_bandwidth(size) for level, size in CACHE_LEVELS.items()}


def run_bench(batches=(1, 32, 64), circuits=CIRCUITS, min_seconds: float = 1.0, skip_pennylane_above: int = 14):
    """float32 (what the models train with) for our two simulators; PennyLane runs float64 as it does by default.
    Each kernel line adds the rate of its gate passes (:func:`gate_flops`) as a share of the matrix-product rate and
    its memory traffic (:func:`state_traffic`) as a share of the L2, L3 and DRAM copy bandwidth, all measured in
    the same run (:func:`roofline`): whether a circuit is bound by arithmetic or by memory."""
    torch.set_num_threads(1)
    rows, (peak, bandwidth) = [], roofline()
    print(f"this core, one thread: float32 matrix product {peak / 1e9:.0f} GFLOP/s; copy bandwidth "
          + ", ".join(f"{level} {bw / 1e9:.0f} GB/s" for level, bw in bandwidth.items()), flush=True)
    for label, build, n, layers in circuits:
        c = build(n, layers)
        kernel, eager = KernelCircuit(c, torch.float32), TorchCircuit(c, dtype=torch.float32)
        pl = pennylane_qnode(c) if n <= skip_pennylane_above else None
        for b in batches:
            tk = _time(fwd_bwd(kernel, c, b, torch.float32), min_seconds, 500)
            tt = _time(fwd_bwd(eager, c, b, torch.float32), min_seconds, 200)
            tpl = _time(fwd_bwd(pl, c, b), min_seconds, 20) if pl else float("nan")
            share = sum(gate_flops(kernel, b)) / tk / peak
            traffic = {level: state_traffic(kernel, b) / tk / bw for level, bw in bandwidth.items()}
            rows.append((label, b, tpl * 1e3, tt * 1e3, tk * 1e3, tpl / tt, tpl / tk, share, traffic))
            print(f"{label:18s} batch {b:3d}: PennyLane {tpl * 1e3:9.2f} ms | torch {tt * 1e3:8.2f} ms "
                  f"({tpl / tt:6.1f}x) | kernel {tk * 1e3:8.2f} ms ({tpl / tk:6.1f}x; {share:.0%} of the "
                  "matrix-product rate, " + ", ".join(f"{v:.0%} of {k}" for k, v in traffic.items())
                  + " bandwidth)", flush=True)
    return rows


def copy_bandwidth(nbytes: int, min_seconds: float = 0.3) -> float:
    """Bytes per second of a compiled ``y += x`` over float32 buffers of ``nbytes`` each (two reads, one write
    counted): how fast a state of that size can be streamed from the cache level it fits in, one thread."""
    import numpy as np
    from numba import njit

    @njit(cache=True, fastmath=True)
    def accumulate(x, y, reps):
        for _ in range(reps):
            for i in range(x.size):
                y[i] += x[i]

    x = np.full(max(1, nbytes // 4), 1e-7, np.float32)
    y = np.zeros_like(x)
    accumulate(x, y, 1)
    reps = max(1, int(2e8 // x.size))
    t = _time(lambda: accumulate(x, y, reps), min_seconds, 20)
    return 3 * x.nbytes * reps / t


def pass_rows(prog):
    """Per gate pass of a compiled program, the rows it starts from (a pair per row for a one-wire gate, a group
    of four for the two-wire H x H): its runs' length x their number. The traffic and flop models count these."""
    import numpy as np

    return prog.run_len * np.diff(prog.run_off)


def state_traffic(kernel: KernelCircuit, batch: int) -> float:
    """Bytes a forward + backward moves under a simple traffic model of the compiled program: each pass reads and
    writes the amplitudes of the rows it updates and their partners (float32 re + im per sample), the initial
    state is written and each observable reads the state once; the adjoint backward moves twice the forward's
    (it un-computes the state and the adjoint state in one pass per gate)."""
    import numpy as np

    from ..quantum.kernel import _HH

    prog = kernel.prog
    touched = (pass_rows(prog) * np.where(prog.codes == _HH, 4, 2)).sum()
    forward = 8 * batch * (2 * touched + 2 ** prog.n * (1 + len(kernel.circuit.observables)))
    return 3.0 * forward


def sgemm_rate(n: int = 256, min_seconds: float = 0.3) -> float:
    """Flops per second of an n x n float32 matrix product on one thread (torch's BLAS, operands in cache): what
    this core's vector units sustain under a tuned library, the ceiling for any compute-bound kernel here."""
    a, b = torch.rand(n, n), torch.rand(n, n)
    return 2 * n ** 3 / _time(lambda: torch.mm(a, b), min_seconds, 100_000)


def gate_flops(kernel: KernelCircuit, batch: int) -> tuple[float, float]:
    """Floating-point operations (forward, adjoint backward) of the compiled program's gate passes: a lower bound
    on the kernel's work (angle tables, observables and the adjoint seed left out). Per sample, an SU(2) gate
    (every rotation, a CRot's target block) costs 28 per pair of rows it updates (four real outputs of four
    products and three sums), H 8 per pair, the two-wire H x H 24 per four rows, CNOT / CZ none. The backward
    un-computes the state and the adjoint state (twice the forward's work) and, for an SU(2) gate, adds 24 per
    pair for its three gradient terms."""
    import numpy as np

    from ..quantum.kernel import _CNOT, _CZ, _H, _HH

    rows, codes = pass_rows(kernel.prog), kernel.prog.codes
    fwd = np.select([codes == _HH, codes == _H, (codes == _CNOT) | (codes == _CZ)], [24, 8, 0], 28)
    bwd = 2 * fwd + np.where(fwd == 28, 24, 0)
    return float(batch * (rows * fwd).sum()), float(batch * (rows * bwd).sum())


def peer_bench(batches=(1, 32, 64), circuits=CIRCUITS, min_seconds: float = 1.0) -> list[tuple]:
    """Our kernel against every peer a user would pick (qrepro.bench_peers), one thread, in one run: each peer is
    checked against the kernel on the circuit first (values and gradients), then timed forward + backward; prints
    each peer's time over the kernel's, and the kernel's share of the copy bandwidth at its state size."""
    import numpy as np

    from . import peers as bp

    torch.set_num_threads(1)
    peers, skipped = bp.available()
    for label, why in skipped.items():
        print(f"skipped {label}: {why}", flush=True)
    rows = []
    for label, build, n, layers in circuits:
        c = build(n, layers)
        kernel, reference = KernelCircuit(c, torch.float32), bp.kernel_reference(c)
        ready, built = {}, []
        for peer, make in peers.items():
            try:
                run = make(c)
                built.append(run)
                gap = bp.agreement(run, reference, c)
            except RuntimeError as err:                     # an isolated peer's worker failed: say so, go on
                print(f"{label:20s} {peer:38s} skipped: {str(err).strip().splitlines()[-1]}", flush=True)
                continue
            tol = bp.TOLERANCE.get(peer, 1e-6)
            print(f"{label:20s} {peer:38s} agrees with the kernel to {gap:.1e} (tol {tol:g})", flush=True)
            if gap <= tol:
                ready[peer] = run
        for b in batches:
            rng = np.random.default_rng(b)
            x, w = rng.uniform(-np.pi, np.pi, (b, c.n_inputs)), rng.uniform(-np.pi, np.pi, c.n_weights)
            tk = _time(fwd_bwd(kernel, c, b, torch.float32), min_seconds, 500)
            share = state_traffic(kernel, b) / tk / copy_bandwidth(8 * 2 ** n * b)
            line = f"{label:20s} batch {b:3d}: kernel {tk * 1e3:8.3f} ms ({share:.0%} of copy bandwidth)"
            for peer, run in ready.items():
                tp = (run.seconds(x, w, min_seconds, 50) if isinstance(run, bp.IsolatedPeer) else
                      _time(lambda: run(x, w), min_seconds, 50))
                rows.append((label, b, peer, tp * 1e3, tk * 1e3, tp / tk))
                line += f" | {peer.split(' (')[0]} {tp / tk:.0f}x"
            print(line, flush=True)
        for run in built:
            if isinstance(run, bp.IsolatedPeer):
                run.close()
    behind = [r for r in rows if r[5] <= 1]
    print("kernel ahead of every peer on every circuit and batch" if not behind else
          "kernel NOT ahead: " + "; ".join(f"{r[0]} batch {r[1]} {r[2]} {r[5]:.2f}x" for r in behind), flush=True)
    return rows
