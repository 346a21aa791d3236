"""NIST AdapShare LTE/NR PRB demand series (QSAC paper's data), imported with sha256 verification.

Import order: the configured ``source`` (an https URL of the upstream repo at a pinned commit, or a
local folder), then each ``fallback`` folder. Bytes are accepted only if their sha256 matches, so every
source yields identical data; the chosen source is recorded in a manifest.
"""

from __future__ import annotations

import hashlib
import logging
import urllib.error
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from ...io import write_bytes, write_json

log = logging.getLogger(__name__)

DEMAND_SCHEMA = pa.DataFrameSchema(
    {
        "t": pa.Column(int, pa.Check.ge(0), unique=True),
        "lte_prb": pa.Column(float, [pa.Check.gt(0), pa.Check.lt(200)]),
        "nr_prb": pa.Column(float, [pa.Check.gt(0), pa.Check.lt(200)]),
    },
    strict=True,
    coerce=True,
    name="demand",
)


class ChecksumError(RuntimeError):
    pass


def _read_source(source: str, name: str, timeout: float) -> bytes:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(f"{source.rstrip('/')}/{name}", timeout=timeout) as r:  # noqa: S310
            return r.read()
    return (Path(source) / name).read_bytes()


def import_files(files: dict[str, str], sources: list[str], dest: dict, manifest_path, timeout: float = 20.0) -> dict:
    """Copy each ``name -> sha256`` from the first source that yields the right bytes to ``dest[name]``; record
    where each came from in ``manifest_path``."""
    manifest, unreachable = {}, set()
    for name, digest in files.items():
        errors = []
        for src in sources:
            if src in unreachable:
                continue
            try:
                data = _read_source(src, name, timeout)
            except Exception as e:  # unreachable URL, missing file: try the next source
                errors.append(f"{src}: {type(e).__name__}: {e}")
                log.warning("%s: %s unavailable (%s), trying the next source", name, src, type(e).__name__)
                if src.startswith(("http://", "https://")) and not isinstance(e, urllib.error.HTTPError):
                    unreachable.add(src)  # no network: do not wait out the timeout once per file
                continue
            got = hashlib.sha256(data).hexdigest()
            if got != digest:
                errors.append(f"{src}: sha256 {got} != expected {digest}")
                continue
            write_bytes(dest[name], data)
            manifest[name] = {"source": src, "sha256": got, "bytes": len(data)}
            log.info("imported %s from %s", name, src)
            break
        else:
            raise ChecksumError(f"could not import {name} with sha256 {digest}; tried:\n  " + "\n  ".join(errors))
    write_json(manifest_path, manifest)
    return manifest


def resolve_sources(sources: list[str], root) -> list[str]:
    """URLs and absolute folders as they are; a relative folder relative to the checkout ``root`` (params.yaml's
    ``../shared/data/adapshare``), also when a run writes under ``tiers/<tier>/``."""
    return [s if s.startswith(("http://", "https://")) or Path(s).is_absolute() else str(Path(root) / s)
            for s in sources]


def changed_files(files: dict[str, str], folder) -> list[str]:
    """The imported files in ``folder`` whose bytes no longer have the sha256 ``files`` names, each described with
    the expected and the found digest; missing files (not imported yet) are not listed. The workflow checks this
    before any job runs, so an edited data file never reaches training."""
    out = []
    for name, digest in files.items():
        path = Path(folder) / name
        if path.exists() and (got := hashlib.sha256(path.read_bytes()).hexdigest()) != digest:
            out.append(f"{path}: sha256 {got}, expected {digest} (data.adapshare.files)")
    return out


def _nrb_column(path: Path) -> np.ndarray:
    if path.suffix == ".tsv":
        df = pd.read_csv(path, sep="\t", encoding="utf-8-sig")
    else:
        df = pd.read_excel(path)
    if "NRB" not in df.columns:
        raise ValueError(f"{path}: expected an 'NRB' column, found {list(df.columns)}")
    return df["NRB"].to_numpy(float)


def demand_table(lte_path, nr_path) -> pd.DataFrame:
    """Validated ``t, lte_prb, nr_prb`` table from one LTE and one NR file (tsv or xlsx, column NRB)."""
    lte, nr = _nrb_column(Path(lte_path)), _nrb_column(Path(nr_path))
    if len(lte) != len(nr):
        raise ValueError(f"LTE and NR series differ in length: {len(lte)} vs {len(nr)}")
    return DEMAND_SCHEMA.validate(pd.DataFrame({"t": np.arange(len(lte)), "lte_prb": lte, "nr_prb": nr}))
