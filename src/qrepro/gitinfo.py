"""Which commit the code in a checkout is, and whether the code that shapes results differs from it.

Why a module of its own: every job logs its code version (qrepro.logs), so every stage depends on this file; the
run ledger and publication logic (provenance, publish) build on it without becoming a dependency of every job."""

from __future__ import annotations

import subprocess
from pathlib import Path

CODE_PATHS = ("src", "workflow", "Snakefile", "params.yaml")


def git(root: Path, *args: str) -> str | None:
    """``git args`` in ``root``: its stripped stdout, or None when git is missing, times out or fails."""
    try:
        r = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def code_version(root) -> dict:
    """{"commit": HEAD or "unknown" outside git, "dirty": uncommitted changes under CODE_PATHS}."""
    root = Path(root)
    commit = git(root, "rev-parse", "HEAD")
    if commit is None:
        return {"commit": "unknown", "dirty": False}
    status = git(root, "status", "--porcelain", "--untracked-files=no", "--", *CODE_PATHS)
    return {"commit": commit, "dirty": bool(status)}


def commit_date(root) -> str:
    """HEAD's commit date (YYYY-MM-DD): what a report made from that commit is dated by, so that rebuilding it
    another day gives the same bytes; today's date outside git."""
    import time

    return git(Path(root), "log", "-1", "--format=%cs", "HEAD") or time.strftime("%Y-%m-%d", time.gmtime())
