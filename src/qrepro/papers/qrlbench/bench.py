"""Paper 001's benchmarks: a full DDQN epoch of a classical and a hybrid model side by side, the hybrid's split into
kernel work and the rest (`qrepro bench ddqn`), and the DDQN training workloads of `qrepro bench against`."""

from __future__ import annotations

import time

import torch

from ...bench.simulators import _time, fwd_bwd, gate_flops, sgemm_rate
from ...quantum.kernel import KernelCircuit

# `qrepro bench against`: workload kind, its models, (warm-up, timed) epochs, the unit timed
AGAINST = {"kind": "ddqn", "names": ("C64-2", "Q10-4"), "sizes": (1, 3), "unit": "epoch"}


def priced_rows(name: str) -> list[tuple[str, str | None]]:
    """The (rule, cost class) rows of results/costs.csv a workload's ratio prices."""
    return [("qrlbench_train", f"ddqn/{name}")]


def measure(name: str, warmup: int, timed: int, data_dir: str) -> dict:
    """CPU seconds per DDQN epoch of model ``name`` on the shared episode tables a pipeline run reads, and a
    fingerprint of its validation values and Q-network weights (run inside either tree by `qrepro bench against`)."""
    import tempfile
    from pathlib import Path

    import numpy as np
    import torch

    from qrepro.bench.against import cpu_per_unit, fingerprint
    from qrepro.config import REPO_ROOT, load_params
    from qrepro.papers.qrlbench.config import run_config
    from qrepro.papers.qrlbench.env import named_layout
    from qrepro.papers.qrlbench.run import make_trainer, write_tables

    torch.set_num_threads(1)
    run_cfg = {**run_config(load_params(REPO_ROOT / "params.yaml"), name), "epochs": warmup + timed}
    antennas = named_layout(run_cfg["env"]["layout"], run_cfg["env"]["d_min"])
    with tempfile.TemporaryDirectory() as tmp:
        write_tables(run_cfg, 0, antennas, Path(tmp) / "tables.npz")
        run = make_trainer(run_cfg, 0, antennas, Path(tmp) / "tables.npz")
        cpu, values = cpu_per_unit(run.run_epoch, warmup, timed)
    weights = [v.numpy().tobytes() for v in run.q.state_dict().values()]
    return {"cpu_s": cpu, "fingerprint": fingerprint(np.array(values).tobytes(), *weights)}


def ddqn_epoch_bench(models=("C64-2", "Q10-4", "Q14-4"), epochs: int = 5, within: float = 1.5) -> dict[str, float]:
    """Seconds per full DDQN epoch (2000 interactions, 200 updates, 100 validation episodes), one thread.
    The models' epochs alternate (so machine load hits both alike) after an untimed warm-up forward/backward
    (JIT compilation); the median epoch time is reported. A hybrid model's epoch is then split into its kernel
    work (:func:`ddqn_epoch_kernel`) and the rest, with how much faster the kernel would have to get for the epoch
    to take at most ``within`` x the first model's, and the most its arithmetic allows."""
    import statistics

    from ...config import REPO_ROOT, load_params
    from .config import run_config
    from .ddqn import DDQN
    from .models import HybridVQC, build_model
    from .run import ddqn_config

    torch.set_num_threads(1)
    cfg = load_params(REPO_ROOT / "params.yaml", {"tier": "default"})
    agents, times = {}, {m: [] for m in models}
    for m in models:
        torch.manual_seed(0)
        agents[m] = DDQN(build_model(m, 3), ddqn_config(run_config(cfg, m)), seed=0)
        agents[m].q(torch.rand(4, 3)).sum().backward()
    for _ in range(epochs):
        for m in models:
            t0 = time.perf_counter()
            agents[m].run_epoch()
            times[m].append(time.perf_counter() - t0)
    out = {m: statistics.median(ts) for m, ts in times.items()}
    tier = cfg["qrlbench"]["tiers"]["default"]
    for m in models:
        run_h = out[m] * tier["epochs"] / 3600
        print(f"DDQN epoch {m:7s}: {out[m]:7.2f} s (median of {epochs}); a default-tier run ({tier['epochs']} epochs) "
              f"{run_h:.2f} CPU-h, its {tier['seeds']} seeds {run_h * tier['seeds']:.1f} CPU-h "
              f"({run_h * tier['seeds'] / 2:.1f} h on 2 cores)", flush=True)
    base = out[models[0]]
    for m in models[1:]:
        print(f"{m} / {models[0]} epoch time: {out[m] / base:.1f}x", flush=True)
        if isinstance(agents[m].q, HybridVQC):
            kernel_s, flops = ddqn_epoch_kernel(agents[m].q.body._run, agents[m].cfg)
            rest, need = out[m] - kernel_s, kernel_speedup_needed(base, out[m], kernel_s, within)
            floor = flops / sgemm_rate()
            print(f"{m} epoch: its kernel work {kernel_s:.2f} s (timed alone at the epoch's batch sizes), the rest "
                  f"{rest:.2f} s ({rest / base:.1f}x {models[0]}'s whole epoch)", flush=True)
            print(f"within {within}x of {models[0]} ({within * base:.2f} s) " + (
                f"needs that kernel work {need:.1f}x faster" if need < float("inf") else
                "is out of the kernel's reach: the rest alone takes longer") +
                f"; its gate passes at this core's matrix-product rate would take {floor:.2f} s, so the kernel "
                f"can get at most {kernel_s / floor:.1f}x faster", flush=True)
    return out


def ddqn_epoch_kernel(kernel: KernelCircuit, cfg) -> tuple[float, float]:
    """Seconds and gate-pass flops (:func:`gate_flops`) of the kernel's work in one DDQN epoch
    (papers.qrlbench.ddqn.DDQN.run_epoch), timed alone at the epoch's batch sizes: per collect step a forward on the
    training envs' observations and per update no-grad forwards of the online and the target net on s' and a
    forward + backward on the sampled batch; per validation step a forward on the validation envs."""
    collects = cfg.steps_per_epoch // cfg.n_train_envs
    updates = collects * max(1, round(0.1 * cfg.n_train_envs))        # as DDQN.run_epoch
    c = kernel.circuit

    def forward(b):
        x = torch.rand(b, c.n_inputs)
        with torch.no_grad():
            return _time(lambda: kernel(x, torch.zeros(0)), 0.3, 2000)

    calls = [(collects, cfg.n_train_envs), (2 * updates, cfg.batch_size), (cfg.horizon, cfg.n_val_envs)]
    seconds = sum(k * forward(b) for k, b in calls) + updates * _time(fwd_bwd(kernel, c, cfg.batch_size,
                                                                           torch.float32), 0.3, 2000)
    flops = sum(k * gate_flops(kernel, b)[0] for k, b in calls) + updates * sum(gate_flops(kernel, cfg.batch_size))
    return seconds, flops


def kernel_speedup_needed(base_s: float, hybrid_s: float, kernel_s: float, target: float) -> float:
    """How many times faster the kernel's ``kernel_s`` of a hybrid epoch of ``hybrid_s`` seconds must get for the
    epoch to take at most ``target`` x the classical one's ``base_s``; inf when the rest alone takes longer."""
    room = target * base_s - (hybrid_s - kernel_s)
    return kernel_s / room if room > 0 else float("inf")


def commands(sub) -> None:
    """`qrepro bench ddqn`."""
    d = sub.add_parser("ddqn", help="paper 001: full DDQN epochs of classical and hybrid models side by side, one "
                                    "thread, each hybrid's split into kernel work and the rest, and what a "
                                    "default-tier run of each costs")
    d.add_argument("--models", nargs="+", default=["C64-2", "Q10-4", "Q14-4"], help="the first is the baseline")
    d.add_argument("--epochs", type=int, default=5, help="timed epochs per model (the median is reported)")
    d.set_defaults(run=lambda args: ddqn_epoch_bench(tuple(args.models), args.epochs))
