"""`qrepro bench against REV`: this checkout's code and a git revision's on the default tier's largest training
workloads (each paper's ``bench.AGAINST``: the QI-MARL learners, the SB3 agents, the benchmark paper's DDQN),
timed at the same moment (one process each, one per core, so the host's load hits both alike: run one after the
other, the same pair differs by up to 30% between minutes), with whether the two compute the same numbers. The
before/after table of speed work, and the check that a speed-up left the results alone.

This file is also the worker: each tree runs its own copy as a script (:data:`WORKER_PATHS`), which imports that
tree's ``qrepro``, so a revision from before a module moved measures its own code."""

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

# where a tree keeps this worker: here, and (revisions before the per-paper layout) src/qrepro/bench_against.py
WORKER_PATHS = ("src/qrepro/bench/against.py", "src/qrepro/bench_against.py")


def kinds() -> dict:
    """Per workload kind, the bench module of the paper that declares it (``AGAINST``), in registry order."""
    from importlib.util import find_spec

    from qrepro.registry import PAPERS

    found = {}
    for paper in PAPERS:
        if find_spec(f"qrepro.papers.{paper.key}.bench") is not None:
            module = paper.hook("bench")
            if hasattr(module, "AGAINST"):
                found[module.AGAINST["kind"]] = module
    return found


def workloads() -> tuple[tuple[str, str], ...]:
    """Every (kind, name) workload the papers declare."""
    return tuple((kind, name) for kind, module in kinds().items() for name in module.AGAINST["names"])


def select(names) -> tuple[tuple[str, str], ...]:
    """The workloads ``names`` pick, in :func:`workloads` order: a kind (all of it) or one
    workload as ``kind/name`` (e.g. ``ddqn/Q10-4``); every workload when ``names`` is empty. A speed change to one
    learner is checked on its own workloads, not all thirteen."""
    every = workloads()
    if not names:
        return every
    known = {k for k, _ in every} | {f"{k}/{n}" for k, n in every}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise SystemExit(f"bench against --workloads: unknown {', '.join(map(repr, unknown))}; choose kinds "
                         f"{', '.join(sorted({k for k, _ in every}))} or workloads "
                         f"{', '.join(f'{k}/{n}' for k, n in every)}")
    return tuple(w for w in every if w[0] in names or f"{w[0]}/{w[1]}" in names)


def cpu_per_unit(unit, warmup: int, timed: int) -> tuple[float, list]:
    """Call ``unit`` warmup + timed times: (CPU seconds per timed call, every call's return value)."""
    out = [unit() for _ in range(warmup)]
    t0 = time.process_time()
    out += [unit() for _ in range(timed)]
    return (time.process_time() - t0) / timed, out


def fingerprint(*arrays) -> str:
    h = hashlib.sha256()
    for a in arrays:
        h.update(a)
    return h.hexdigest()[:16]


@contextlib.contextmanager
def worktree(root: Path, rev: str):
    """A detached git worktree of ``rev`` (removed afterwards); a clear error when ``rev`` names no commit."""
    found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd=root,
                           capture_output=True, text=True)
    if found.returncode != 0:
        raise SystemExit(f"bench against: {rev!r} is not a commit of {root} (a hash, tag or branch)")
    with tempfile.TemporaryDirectory(prefix="qrepro-against-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree), found.stdout.strip()], cwd=root,
                       check=True)
        try:
            yield tree
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=root, check=False)


def _start(tree: Path, kind: str, name: str, sizes: tuple[int, int], data_dir: Path) -> subprocess.Popen:
    """The tree's own worker on one thread; -P keeps the worker's folder (qrepro's own modules) off sys.path."""
    worker = next((tree / p for p in WORKER_PATHS if (tree / p).exists()), None)
    if worker is None:
        raise SystemExit(f"bench against: {tree} has no worker at {' or '.join(WORKER_PATHS)}")
    env = {**os.environ, "PYTHONPATH": str(tree / "src"), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    return subprocess.Popen([sys.executable, "-P", str(worker), kind, name, *map(str, sizes), str(data_dir)],
                            cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _result(proc: subprocess.Popen, what: str) -> dict:
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"bench against: {what} failed (exit {proc.returncode}):\n{err[-3000:]}")
    return json.loads(out.strip().splitlines()[-1])


def against(rev: str, rounds: int = 3, chosen=None, root: Path | None = None, sizes: dict | None = None):
    """Each workload ``rounds`` times, old and new code at once; returns the table it prints: median seconds per
    unit, the median ratio new / old with its range, whether the numbers are the same, and what the ratios
    imply for the default tier's CPU-hours (results/costs.csv). ``chosen``: the (kind, name) workloads (default:
    all); ``sizes``: (warm-up, timed) units per kind instead of each paper's ``AGAINST["sizes"]``."""
    import pandas as pd

    from ..config import REPO_ROOT
    from ..publication.plan import Costs

    root, spec = Path(root or REPO_ROOT), kinds()
    chosen = workloads() if chosen is None else chosen
    data_dir = root / "data/adapshare"
    if not (data_dir / "manifest.json").exists():
        skipped = sorted({k for k, _ in chosen if spec[k].AGAINST.get("needs_data")})
        if skipped:
            print(f"bench against: {', '.join(skipped)} workloads skipped: no {data_dir} (snakemake "
                  "data/adapshare/manifest.json --cores 1 fetches it)", flush=True)
        chosen = [w for w in chosen if w[0] not in skipped]
    found = {w: [] for w in chosen}
    with worktree(root, rev) as old:
        for r in range(rounds):
            for kind, name in chosen:
                size = (sizes or {}).get(kind, spec[kind].AGAINST["sizes"])
                pair = [_start(tree, kind, name, size, data_dir) for tree in (old, root)]
                found[(kind, name)].append([_result(p, f"{kind} {name} at {tag}")
                                            for p, tag in zip(pair, (rev, "this checkout"))])
                o, n = found[(kind, name)][-1]
                print(f"round {r + 1}/{rounds} {kind} {name}: {rev} {o['cpu_s'] * 1e3:.1f} ms, "
                      f"this checkout {n['cpu_s'] * 1e3:.1f} ms per {spec[kind].AGAINST['unit']}", flush=True)
    rows = []
    for (kind, name), pairs in found.items():
        ratios = [n["cpu_s"] / o["cpu_s"] for o, n in pairs]
        rows.append({"workload": f"{kind} {name}", "unit": spec[kind].AGAINST["unit"],
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
            for rule, cls in spec[kind].priced_rows(name):
                hit = (costs.rule == rule) & ((costs.cost_class == cls) if cls else True)
                before, after = before + cpu[hit].sum(), after + cpu[hit].sum() * r.ratio
        print(f"default tier (results/costs.csv): the measured workloads stand for {before / 3600:.2f} of "
              f"{cpu.sum() / 3600:.2f} CPU-h; at these ratios {before / 3600:.2f} -> {after / 3600:.2f}, the tier "
              f"{cpu.sum() / 3600:.2f} -> {(cpu.sum() - before + after) / 3600:.2f} CPU-h")
    return table


if __name__ == "__main__":
    kind, name, warmup, timed, data_dir = sys.argv[1:]
    print(json.dumps(kinds()[kind].measure(name, int(warmup), int(timed), data_dir)))
