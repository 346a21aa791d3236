"""Logging for Snakemake scripts: everything (warnings, progress lines, the traceback of a failure) goes to the
rule's log file and to stderr.

Why: on a cluster the rule's log is all a user gets of a failed job, so an uncaught exception must end up in it
with its traceback, not only on the job's stderr. Scripts call :func:`to_file` before importing anything else,
so that even an import error is logged.

Each log opens with the code version the job ran (:data:`CODE_MARK` and JSON from :func:`gitinfo.code_version`):
publication dates every job by it, which neither ``snakemake --touch`` nor a copied results folder can blur."""

from __future__ import annotations

import json
import logging
import sys
import warnings
from pathlib import Path

from .gitinfo import code_version

log = logging.getLogger("qrepro")
CODE_MARK = "code version "


def to_file(path: str) -> None:
    handlers = [logging.FileHandler(path, mode="w"), logging.StreamHandler(sys.stderr)]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        handlers=handlers, force=True)
    logging.captureWarnings(True)
    for noisy in ("qiskit", "stevedore"):          # per-pass transpiler timings would drown the progress lines
        logging.getLogger(noisy).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="pulp")
    sys.excepthook = _log_uncaught
    log.info("%s%s", CODE_MARK, json.dumps(code_version(Path.cwd())))


def logged_code_version(path) -> dict | None:
    """The code version a job's log opens with ({"commit", "dirty"}), or None for a log without one."""
    try:
        with open(path) as f:
            head = [next(f, "") for _ in range(5)]
    except OSError:
        return None
    for line in head:
        if CODE_MARK + "{" in line:
            return json.loads(line.split(CODE_MARK, 1)[1])
    return None


def _log_uncaught(kind, err, tb) -> None:
    """Write an uncaught exception with its traceback through logging (the rule log and stderr)."""
    log.critical("job failed: %s: %s", kind.__name__, err, exc_info=(kind, err, tb))
    logging.shutdown()
