"""`qrepro bench --against REV`: this checkout's code and a git revision's on the default tier's largest training
workloads (QI-MARL, the SB3 agents, qrlbench's DDQN), timed at the same moment (one process each, one per core,
so the host's load hits both alike: run one after the other, the same pair differs by up to 30% between minutes),
with whether the two compute the same numbers. The before/after table of speed work, and the check that a
speed-up left the results alone.

This file is also the worker: run as a script inside either tree, it imports that tree's ``qrepro``."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# (kind, name): QI-MARL training episodes of a method, SB3 training steps of a QSAC model
WORKLOADS = (("qimarl", "qimarl"), ("qimarl", "qimarl_noshared"), ("qimarl", "ddpg"), ("qimarl", "icm"),
             ("qimarl", "rnd"), ("qimarl", "ppo"), ("qimarl", "iql"),
             ("sb3", "qsac"), ("sb3", "sac"), ("sb3", "td3"), ("sb3", "ddpg"), ("ddqn", "C64-2"), ("ddqn", "Q10-4"))
SIZES = {"qimarl": (6, 10), "sb3": (200, 1500), "ddqn": (1, 3)}     # (warm-up, timed) episodes, steps or epochs
UNIT = {"qimarl": "episode", "sb3": "step", "ddqn": "epoch"}
WALL_CLOCK = ("episode_time_s", "qaoa_time_s")      # logged columns that are never the same twice


def select(names) -> tuple[tuple[str, str], ...]:
    """The workloads ``names`` pick, in :data:`WORKLOADS` order: a kind (``qimarl``, ``sb3``, ``ddqn``: all of it) or
    one workload as ``kind/name`` (``qimarl/ppo``); every workload when ``names`` is empty. A speed change to one
    learner is checked on its own workloads, not all thirteen."""
    if not names:
        return WORKLOADS
    known = {k for k, _ in WORKLOADS} | {f"{k}/{n}" for k, n in WORKLOADS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"bench --workloads: unknown {', '.join(map(repr, unknown))}; choose kinds "
                         f"{', '.join(sorted({k for k, _ in WORKLOADS}))} or workloads "
                         f"{', '.join(f'{k}/{n}' for k, n in WORKLOADS)}")
    return tuple(w for w in WORKLOADS if w[0] in names or f"{w[0]}/{w[1]}" in names)


def priced_rows(kind: str, name: str) -> list[tuple[str, str | None]]:
    """The (rule, cost class) rows of results/costs.csv a workload's ratio prices (class None: every class):
    its own class; the QI-MARL sweep runs are all QI-MARL with one knob moved."""
    if kind == "sb3":
        return [("qsac_train", name)]
    if kind == "ddqn":
        return [("qrlbench_train", f"ddqn/{name}")]
    return [("qimarl_train", name)] + ([("qimarl_sweep_train", None)] if name == "qimarl" else [])


def qimarl_trainer(cfg: dict, method: str, seed: int = 0):
    """A QI-MARL learner at the default tier's settings, as a training run builds it (also the episode profile's of
    `qrepro bench --qimarl`); the tree whose ``qrepro`` is imported decides the code."""
    from qrepro.agents import mappo, qimarl
    from qrepro.envs import uav

    p = cfg["qimarl"]
    return qimarl.QIMARL(method, uav.UAVConfig(**p["env"]), seed, mappo.PPOConfig(),
                         qimarl.QIConfig.from_params(p["qi"]), p["oracle_every"],
                         total_episodes=p["tiers"]["default"]["episodes"])


def _cpu_per_unit(unit, warmup: int, timed: int) -> tuple[float, list]:
    """Call ``unit`` warmup + timed times: (CPU seconds per timed call, every call's return value)."""
    out = [unit() for _ in range(warmup)]
    t0 = time.process_time()
    out += [unit() for _ in range(timed)]
    return (time.process_time() - t0) / timed, out


def _fingerprint(*arrays) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(a)
    return h.hexdigest()[:16]


def measure(kind: str, name: str, warmup: int, timed: int, data_dir: str) -> dict:
    """CPU seconds per unit after ``warmup`` units, and a fingerprint of what the run computed (QI-MARL: every
    logged column but the wall-clock ones, and the learner's weights; SB3: the policy's weights; DDQN: the
    validation values and the Q-network's weights)."""
    import numpy as np
    import torch
    from qrepro.config import REPO_ROOT, load_params

    torch.set_num_threads(1)
    cfg = load_params(REPO_ROOT / "params.yaml")                  # the tree's own params, as its runs would read
    if kind == "qimarl":
        run = qimarl_trainer(cfg, name)
        cpu, _ = _cpu_per_unit(run.run_episode, warmup, timed)
        rows = json.dumps([{k: v for k, v in r.items() if k not in WALL_CLOCK} for r in run.rows]).encode()
        nets = [getattr(run.agent, a) for a in ("actor", "critic", "q") if hasattr(run.agent, a)]
        weights = [v.numpy().tobytes() for net in nets for v in net.state_dict().values()]
        return {"cpu_s": cpu, "fingerprint": _fingerprint(rows, *weights)}
    if kind == "ddqn":
        from qrepro.config import qrlbench_run_config
        from qrepro.envs.beam import named_layout
        from qrepro.pipeline.qrlbench import make_trainer, write_tables

        run_cfg = {**qrlbench_run_config(cfg, name), "epochs": warmup + timed}
        antennas = named_layout(run_cfg["env"]["layout"], run_cfg["env"]["d_min"])
        with tempfile.TemporaryDirectory() as tmp:           # the episode tables a pipeline run reads
            write_tables(run_cfg, 0, antennas, Path(tmp) / "tables.npz")
            run = make_trainer(run_cfg, 0, antennas, Path(tmp) / "tables.npz")
            cpu, values = _cpu_per_unit(run.run_epoch, warmup, timed)
        weights = [v.numpy().tobytes() for v in run.q.state_dict().values()]
        return {"cpu_s": cpu, "fingerprint": _fingerprint(np.array(values).tobytes(), *weights)}
    from qrepro.agents.sb3 import make_agent
    from qrepro.config import qsac_run_config
    from qrepro.pipeline.qsac import load_series, make_env

    files = cfg["data"]["adapshare"]
    table, _ = load_series(*([str(Path(data_dir) / files[split][net]) for net in ("lte", "nr")]
                             for split in ("train", "eval")))
    run_cfg = qsac_run_config(cfg, "nr60", name)
    agent = make_agent(name, make_env(table, run_cfg["env"], max_steps=1), run_cfg["agent"], run_cfg["quantum"], 0,
                       warmup + timed)
    agent.learn(warmup)
    t0 = time.process_time()
    agent.learn(timed, reset_num_timesteps=False)
    cpu = time.process_time() - t0
    return {"cpu_s": cpu / timed,
            "fingerprint": _fingerprint(*(v.numpy().tobytes() for v in agent.policy.state_dict().values()))}


@contextlib.contextmanager
def worktree(root: Path, rev: str):
    """A detached git worktree of ``rev`` (removed afterwards); a clear error when ``rev`` names no commit."""
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=root,
                           capture_output=True, text=True)
    if found.returncode != 0:
        raise SystemExit(f"bench --against: {rev!r} is not a commit of {root} (a hash, tag or branch)")
    with tempfile.TemporaryDirectory(prefix="qrepro-against-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree), found.stdout.strip()], cwd=root,
                       check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=root, check=False)


def _start(tree: Path, kind: str, name: str, sizes: tuple[int, int], data_dir: Path) -> subprocess.Popen:
    """The worker in ``tree`` on one thread; -P keeps this file's folder (qrepro's own modules) off sys.path."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-P", __file__, kind, name, *map(str, sizes), str(data_dir)], cwd=tree,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _result(proc: subprocess.Popen, what: str) -> dict:
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"bench --against: {what} failed (exit {proc.returncode}):\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def against(rev: str, rounds: int = 3, workloads=WORKLOADS, sizes=SIZES, root: Path | None = None):
    """Each workload ``rounds`` times, old and new code at once; returns the table it prints: median seconds per
    unit, the median ratio new / old with its range, whether the numbers are the same, and what the ratios
    imply for the default tier's CPU-hours (results/costs.csv)."""
    import pandas as pd

    from .config import REPO_ROOT
    from .plan import Costs

    root = Path(root or REPO_ROOT)
    data_dir = root / "data/adapshare"
    if not (data_dir / "manifest.json").exists():
        skipped = [w for w in workloads if w[0] == "sb3"]
        if skipped:
            print(f"bench --against: SB3 workloads skipped: no {data_dir} (snakemake data/adapshare/manifest.json "
                  "--cores 1 fetches it)", flush=True)
        workloads = [w for w in workloads if w[0] != "sb3"]
    found = {w: [] for w in workloads}
    with worktree(root, rev) as old:
        for r in range(rounds):
            for kind, name in workloads:
                pair = [_start(tree, kind, name, sizes[kind], data_dir) for tree in (old, root)]
                found[(kind, name)].append([_result(p, f"{kind} {name} at {tag}")
                                            for p, tag in zip(pair, (rev, "this checkout"))])
                o, n = found[(kind, name)][-1]
                print(f"round {r + 1}/{rounds} {kind} {name}: {rev} {o['cpu_s'] * 1e3:.1f} ms, "
                      f"this checkout {n['cpu_s'] * 1e3:.1f} ms per {UNIT[kind]}", flush=True)
    rows = []
    for (kind, name), pairs in found.items():
        ratios = [n["cpu_s"] / o["cpu_s"] for o, n in pairs]
        rows.append({"workload": f"{kind} {name}", "unit": UNIT[kind],
                     "old_ms": 1e3 * statistics.median(o["cpu_s"] for o, _ in pairs),
                     "new_ms": 1e3 * statistics.median(n["cpu_s"] for _, n in pairs),
                     "ratio": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
                     "same_numbers": all(o["fingerprint"] == n["fingerprint"] for o, n in pairs)})
    table = pd.DataFrame(rows)
    print(f"\n{rev} vs this checkout, CPU time per unit, median of {rounds} simultaneous pairs:")
    for r in table.itertuples():
        print(f"  {r.workload:22s} {r.old_ms:9.1f} -> {r.new_ms:9.1f} ms per {r.unit:7s} "
              f"{r.ratio:5.2f}x ({r.ratio_min:.2f}-{r.ratio_max:.2f})  "
              f"{'same numbers' if r.same_numbers else 'NUMBERS DIFFER'}")
    costs = Costs.load(root / "results/costs.csv").table
    if len(costs):
        cpu = costs.jobs * costs.units * costs.s_per_unit
        before = after = 0.0
        for (kind, name), r in zip(found, table.itertuples()):
            for rule, cls in priced_rows(kind, name):
                hit = (costs.rule == rule) & ((costs.cost_class == cls) if cls else True)
                before, after = before + cpu[hit].sum(), after + cpu[hit].sum() * r.ratio
        print(f"default tier (results/costs.csv): the measured workloads stand for {before / 3600:.2f} of "
              f"{cpu.sum() / 3600:.2f} CPU-h; at these ratios {before / 3600:.2f} -> {after / 3600:.2f}, the tier "
              f"{cpu.sum() / 3600:.2f} -> {(cpu.sum() - before + after) / 3600:.2f} CPU-h")
    return table


if __name__ == "__main__":
    kind, name, warmup, timed, data_dir = sys.argv[1:]
    print(json.dumps(measure(kind, name, int(warmup), int(timed), data_dir)))
