"""Rerun triggers that travel with the data: each job stamps what made its outputs, and a Snakemake run rebuilds its
own provenance records from the stamps where it has none.

Why: Snakemake decides that a job must rerun because its params (our ``code`` digest among them) or its input
files changed by comparing them with records it keeps in ``.snakemake/metadata``. DVC does not carry that folder, and
a SLURM job that finishes after its driver was killed never gets a record. A clone that pulled the results, or a run
resumed after such a kill, would then see no record, take every output as current, and never rerun a job whose
params or code changed: a result that does not match its stated settings.

So every job writes, when it succeeds, a stamp under ``results/.provenance/<rule>/`` (a DVC output of its stage):
its rule, outputs, inputs (with the checksums of small ones), log files and params, as Snakemake records them. At
the start of a run (``common.smk``), :func:`restore` writes Snakemake's record for every existing output whose
stamp is newer than its record (or that has none), and lifts the "incomplete" mark of a job that finished after its
driver died, so Snakemake applies its own rerun rules as in the clone that ran the job. The record format is
Snakemake's (``snakemake.persistence``, pinned with snakemake 9.27), checked by a test against the records Snakemake
writes itself.
"""

from __future__ import annotations

import hashlib
import json
import os
from base64 import urlsafe_b64encode
from pathlib import Path

ROOT = Path("results/.provenance")            # relative to the run's working directory, beside its results
RECORD_FORMAT_VERSION = 6                      # snakemake.persistence.RECORD_FORMAT_VERSION (snakemake 9.27)
MAX_CHECKSUM_BYTES = 50_000_000                # the profiles' max-checksum-file-size (Snakemake's default: 1 MB)


def job_name(wildcards: dict) -> str:
    """A stamp's file name: the job's wildcards, ``key=value`` joined by commas (``all`` for a rule without)."""
    return ",".join(f"{k}={v}" for k, v in sorted(wildcards.items())).replace("/", "%2F") or "all"


def _checksum(path: str) -> str | None:
    p = Path(path)
    if not p.is_file() or p.stat().st_size > MAX_CHECKSUM_BYTES:
        return None
    return "sha256:" + hashlib.sha256(p.read_bytes()).hexdigest()


def stamp(rule: str, wildcards: dict, output, input, log, params) -> dict:
    """What Snakemake records of a finished job, from the job's own view (``snakemake.rule``, ``.input``, ...): the
    params as the sorted reprs of their values, the input and log paths sorted, small inputs' checksums."""
    inputs = sorted(str(f) for f in input)
    checksums = {f: c for f in inputs if (c := _checksum(f)) is not None}
    return {"rule": rule, "wildcards": dict(wildcards), "output": [str(f) for f in output], "input": inputs,
            "log": sorted(str(f) for f in log), "params": sorted(repr(v) for v in params),
            "input_checksums": checksums}


def write(smk) -> Path:
    """Stamp the job a Snakemake script runs (its ``snakemake`` object), atomically."""
    from .io import write_json

    record = stamp(smk.rule, dict(smk.wildcards.items()), smk.output, smk.input, smk.log, smk.params)
    path = ROOT / smk.rule / f"{job_name(record['wildcards'])}.json"
    write_json(path, record)
    return path


def record_path(folder: Path, output: str) -> Path:
    """Where Snakemake keeps the record (or the incomplete mark) of ``output`` in ``folder``
    (snakemake.persistence.file: urlsafe base64 of the path, in parts of at most 254 characters, all but the last
    prefixed with @)."""
    b64 = urlsafe_b64encode(output.encode()).decode()
    parts = [b64[i:i + 254] for i in range(0, len(b64), 254)]
    return Path(folder, *(["@" + s for s in parts[:-1]] + [parts[-1]]))


def restore(persistence: Path, root: Path = ROOT) -> int:
    """Write Snakemake's record (under ``persistence``, its ``.snakemake`` folder) of every existing output whose
    stamp (under ``root``) is newer than its record or that has none, and clear the output's "incomplete" mark when
    the stamp is newer than the mark: a stamp is written only once its job succeeded, so a SLURM job that finished
    after its driver was killed is not rerun. Returns how many records were written. Run before the DAG is built."""
    written = 0
    for path in sorted(Path(root).glob("*/*.json")):
        try:
            s = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            continue                                   # a stamp cut short by a kill: the job reruns if it must
        stamped = path.stat().st_mtime
        for out in s["output"]:
            if not Path(out).exists():
                continue
            mark = record_path(Path(persistence, "incomplete"), out)
            if mark.exists() and mark.stat().st_mtime <= stamped:
                mark.unlink()
            target = record_path(Path(persistence, "metadata"), out)
            if target.exists() and target.stat().st_mtime >= stamped:
                continue
            record = {"rule": s["rule"], "input": s["input"], "log": s["log"], "shellcmd": None,
                      "params": s["params"], "code": None, "record_format_version": RECORD_FORMAT_VERSION,
                      "conda_env": None, "container_img_url": None,
                      "software_stack_hash": hashlib.md5(usedforsecurity=False).hexdigest(), "job_hash": None,
                      "starttime": stamped, "endtime": Path(out).stat().st_mtime, "incomplete": False,
                      "external_jobid": None, "input_checksums": s["input_checksums"]}
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".tmp")
            tmp.write_text(json.dumps(record))
            os.replace(tmp, target)
            written += 1
    return written
