"""The start of every Snakemake job: its rule log, the code it runs, and the stamp it leaves when it succeeds.

Why a log: on a cluster the rule's log is all a user gets of a failed job, so everything (warnings, progress lines,
the traceback of a failure) goes to the rule's log file and to stderr. Scripts call :func:`start_job` before
importing anything else, so that even an import error is logged.

Why the code check: each log opens with the code version the job ran (:data:`CODE_MARK` and JSON from
:func:`gitinfo.code_version` of the checkout whose workflow runs the job); publication dates every job by it. That
is only true when the job imports that checkout's own ``src/`` (the workflow puts it first on ``PYTHONPATH``), so a
job that would import another copy of qrepro (an editable install of another clone, say) stops with the two paths.

Why the stamp: :mod:`qrepro.stamps` (the rerun triggers that travel with the data)."""

from __future__ import annotations

import atexit
import json
import logging
import sys
import warnings
from pathlib import Path

from .gitinfo import code_version

log = logging.getLogger("qrepro")
CODE_MARK = "code version "


def checkout_of(script_dir) -> Path:
    """The checkout a workflow script belongs to: the first folder above it that holds the Snakefile."""
    here = Path(script_dir).resolve()
    return next((p for p in (here, *here.parents) if (p / "Snakefile").exists()), here)


def start_job(smk) -> None:
    """Log to the rule's log (``smk.log[0]``), refuse a qrepro that is not the checkout's own ``src/``, log the
    code version, and stamp the job's outputs once the script ends without an error."""
    to_file(smk.log[0])
    root = checkout_of(smk.scriptdir)
    here = Path(__file__).resolve().parents[1]
    if here != (root / "src").resolve():
        raise RuntimeError(f"this job imports qrepro from {here}, not from the checkout whose workflow runs it "
                           f"({root / 'src'}): its results would not match the code its log names. Run the workflow "
                           "from the checkout whose code you mean, without PYTHONPATH pointing elsewhere")
    log.info("%s%s", CODE_MARK, json.dumps(code_version(root)))

    def stamp_if_done():
        if not getattr(sys, "last_value", None) and not _failed:
            from .stamps import write

            write(smk)

    atexit.register(stamp_if_done)


_failed = []


def to_file(path: str) -> None:
    """Everything the job logs, warns or raises goes to ``path`` (the rule's log) and to stderr."""
    handlers = [logging.FileHandler(path, mode="w"), logging.StreamHandler(sys.stderr)]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        handlers=handlers, force=True)
    logging.captureWarnings(True)
    for noisy in ("qiskit", "stevedore"):          # per-pass transpiler timings would drown the progress lines
        logging.getLogger(noisy).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="pulp")
    sys.excepthook = _log_uncaught


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
    _failed.append(kind)
    log.critical("job failed: %s: %s", kind.__name__, err, exc_info=(kind, err, tb))
    logging.shutdown()
