"""Logging for Snakemake scripts: everything (warnings, progress lines, the traceback of a failure) goes to the
rule's log file and to stderr.

Why: on a cluster the rule's log is all a user gets of a failed job, so an uncaught exception must end up in it
with its traceback, not only on the job's stderr. Scripts call :func:`to_file` before importing anything else,
so that even an import error is logged."""

from __future__ import annotations

import logging
import sys
import warnings

log = logging.getLogger("qrepro")


def to_file(path: str) -> None:
    handlers = [logging.FileHandler(path, mode="w"), logging.StreamHandler(sys.stderr)]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        handlers=handlers, force=True)
    logging.captureWarnings(True)
    for noisy in ("qiskit", "stevedore"):          # per-pass transpiler timings would drown the progress lines
        logging.getLogger(noisy).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="pulp")
    sys.excepthook = _log_uncaught


def _log_uncaught(kind, err, tb) -> None:
    """Write an uncaught exception with its traceback through logging (the rule log and stderr)."""
    log.critical("job failed: %s: %s", kind.__name__, err, exc_info=(kind, err, tb))
    logging.shutdown()
