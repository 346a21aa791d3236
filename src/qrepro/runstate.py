"""The run-state contract every resumable run follows (every paper, the sensitivity sweeps included).

Why: a killed run must resume from its last checkpoint with exactly the numbers an uninterrupted run gives, and
only then. State written under another config (a params change between the kill and the rerun) or a damaged
file (truncated, edited, unreadable by this code) is moved aside with a warning naming it, and the run starts
afresh: never resumed, never a dead end that needs a human.

One format: a header line with the config hash, the payload's length and sha256, then the pickled payload,
written atomically (``io.atomic_path``). The state of a run that writes ``<dir>/<name>.<ext>`` lives beside it as
``<dir>/_<name>.state`` (:meth:`RunState.beside`), outside what Snakemake and DVC declare.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import time
from pathlib import Path

from .io import atomic_path, config_hash

log = logging.getLogger("qrepro.runstate")
MAGIC = b"qrepro-runstate 1\n"


class RunState:
    """The resume state of one run, bound to the hash of the config that writes it."""

    def __init__(self, path, config: dict):
        self.path = Path(path)
        self.config_hash = config_hash(config)

    @classmethod
    def beside(cls, output, config: dict) -> "RunState":
        """State of the run whose (first) declared output is ``output``: ``<dir>/_<stem>.state``."""
        output = Path(output)
        return cls(output.with_name(f"_{output.stem}.state"), config)

    def load(self):
        """The payload saved by this config, or None: no state, or state moved aside (other config, damaged)."""
        if not self.path.exists():
            return None
        try:
            header, payload = self._read()
        except Exception as err:  # noqa: BLE001 - any failure to read back the state means: do not resume it
            self._move_aside("unreadable", f"cannot be read back ({type(err).__name__}: {err})")
            return None
        if header["config_hash"] != self.config_hash:
            self._move_aside("other-config", f"was written by config {header['config_hash']}, this run's config is "
                                             f"{self.config_hash}")
            return None
        return payload

    def save(self, payload) -> None:
        body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        header = {"config_hash": self.config_hash, "bytes": len(body), "sha256": hashlib.sha256(body).hexdigest(),
                  "written": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
        with atomic_path(self.path) as tmp:
            with open(tmp, "wb") as f:
                f.write(MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n" + body)

    def clear(self) -> None:
        """Drop the state once the run's outputs are written."""
        self.path.unlink(missing_ok=True)

    def _read(self) -> tuple[dict, object]:
        raw = self.path.read_bytes()
        if not raw.startswith(MAGIC):
            raise ValueError("not a qrepro run-state file")
        line, _, body = raw[len(MAGIC):].partition(b"\n")
        header = json.loads(line)
        if len(body) != header["bytes"] or hashlib.sha256(body).hexdigest() != header["sha256"]:
            raise ValueError(f"payload is {len(body)} bytes, the header promises {header['bytes']} with another "
                             "checksum (truncated or edited)")
        return header, pickle.loads(body)

    def _move_aside(self, reason: str, why: str) -> Path:
        aside = self.path.with_name(f"{self.path.name}.{reason}-{time.strftime('%Y%m%dT%H%M%S')}")
        self.path.rename(aside)
        log.warning("resume state %s %s: moved to %s, starting afresh", self.path, why, aside.name)
        return aside
