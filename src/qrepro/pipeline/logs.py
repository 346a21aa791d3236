"""Logging for Snakemake scripts: everything (warnings, progress lines) to the rule's log file and stderr."""

from __future__ import annotations

import logging
import sys
import warnings


def to_file(path: str) -> None:
    handlers = [logging.FileHandler(path, mode="w"), logging.StreamHandler(sys.stderr)]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s",
                        handlers=handlers, force=True)
    logging.captureWarnings(True)
    for noisy in ("qiskit", "stevedore"):          # per-pass transpiler timings would drown the progress lines
        logging.getLogger(noisy).setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="pulp")
