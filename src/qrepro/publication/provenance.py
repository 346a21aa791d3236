"""The run ledger (logs/runs.jsonl): when each Snakemake run started and succeeded, at which tier and commit, on
which CPU model, and which code files changed since a commit.

Why: published results must say which commit produced them and how long the run took, across every sitting; and on
which CPU model, since seeded training is bit-identical on one model but not across models (MKL picks its matrix
kernels by instruction set, and RL amplifies the last-bit differences into different runs)."""

from __future__ import annotations

import platform
from pathlib import Path

from ..gitinfo import CODE_PATHS, code_version, git


def cpu_model(cpuinfo: str | None = None) -> str:
    """This machine's CPU model (/proc/cpuinfo or ``cpuinfo``): its name, family and model numbers and widest vector
    instructions, e.g. "AMD EPYC (family 25 model 1, AVX2)". Virtual machines often name only the vendor line,
    and the instruction set is what MKL picks its kernels by (it moves seeded numbers and speed)."""
    if cpuinfo is None:
        path = Path("/proc/cpuinfo")
        cpuinfo = path.read_text() if path.exists() else ""
    first = {}
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        first.setdefault(key.strip(), value.strip())
    if "model name" not in first:
        return platform.processor() or "unknown"
    flags = set(first.get("flags", "").split())
    isa = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "no AVX2"
    return f"{first['model name']} (family {first.get('cpu family', '?')} model {first.get('model', '?')}, {isa})"


def changed_since(root, commit: str) -> list[str]:
    """Files under CODE_PATHS that differ between ``commit`` and the working tree."""
    out = git(Path(root), "diff", "--name-only", commit, "--", *CODE_PATHS)
    return out.splitlines() if out else []


def record_run(root, event: str, tier: str, cores: int | None = None) -> None:
    """Append one line to logs/runs.jsonl when a Snakemake run starts or succeeds (Snakefile onstart / onsuccess):
    the commit, tier and CPU model it ran on, and when, so a publication can state its commit, machine and wall
    time."""
    import json
    import time

    log = Path(root) / "logs" / "runs.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    entry = {"event": event, "time": time.time(), "tier": tier, "cores": cores, "cpu": cpu_model(),
             **code_version(root)}
    with open(log, "a") as f:
        f.write(json.dumps(entry) + "\n")


def run_sittings(root) -> list[dict]:
    """The logged runs: one dict per start, with its ``end`` when it succeeded (None when killed or failed)."""
    import json

    log = Path(root) / "logs" / "runs.jsonl"
    sittings = []
    for line in log.read_text().splitlines() if log.exists() else []:
        e = json.loads(line)
        if e["event"] == "start":
            sittings.append({**e, "end": None})
        elif e["event"] == "success" and sittings and sittings[-1]["end"] is None:
            sittings[-1]["end"] = e["time"]
    return sittings
