"""Which code made a set of results: the git commit, and whether the code that shapes results differed from it.

Why: published results must say which commit produced them, and a report built from a tree with uncommitted
changes to src/, workflow/ or params.yaml must say so rather than quote a commit it did not come from."""

from __future__ import annotations

import subprocess
from pathlib import Path

CODE_PATHS = ("src", "workflow", "Snakefile", "params.yaml")


def _git(root: Path, *args: str) -> str | None:
    try:
        r = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def code_version(root) -> dict:
    """{"commit": HEAD or "unknown" outside git, "dirty": uncommitted changes under CODE_PATHS}."""
    root = Path(root)
    commit = _git(root, "rev-parse", "HEAD")
    if commit is None:
        return {"commit": "unknown", "dirty": False}
    status = _git(root, "status", "--porcelain", "--untracked-files=no", "--", *CODE_PATHS)
    return {"commit": commit, "dirty": bool(status)}


def changed_since(root, commit: str) -> list[str]:
    """Files under CODE_PATHS that differ between ``commit`` and the working tree."""
    out = _git(Path(root), "diff", "--name-only", commit, "--", *CODE_PATHS)
    return out.splitlines() if out else []


def record_run(root, event: str, tier: str, cores: int | None = None) -> None:
    """Append one line to logs/runs.jsonl when a Snakemake run starts or succeeds (Snakefile onstart / onsuccess):
    the commit and tier it ran, and when, so a publication can state its commit and wall time."""
    import json
    import time

    log = Path(root) / "logs" / "runs.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    entry = {"event": event, "time": time.time(), "tier": tier, "cores": cores, **code_version(root)}
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
