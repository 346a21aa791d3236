"""The run ledger (logs/runs.jsonl): when each Snakemake run started and succeeded, at which tier and commit, on
which CPU model, and which code files changed since a commit.

Why: published results must say which commit produced them and how long the run took, across every sitting; and on
which CPU model, since seeded training is bit-identical on one model but not across models (MKL picks its matrix
kernels by instruction set, and RL amplifies the last-bit differences into different runs)."""

from __future__ import annotations

import platform
from pathlib import Path

from .gitinfo import CODE_PATHS, code_version, git

def cpu_model() -> str:
    """This machine's CPU model name (/proc/cpuinfo)."""
    for line in Path("/proc/cpuinfo").read_text().splitlines() if Path("/proc/cpuinfo").exists() else []:
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


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
