"""`qrepro compare REV`: this checkout's results against those committed at git revision REV, side by side: the
verdict of every claim, and whether each DVC-tracked table holds the same numbers, timing columns aside.

Why: a speed-up must keep the verdicts, with identical numbers where the arithmetic did not change and numbers
within seed noise where it did. This names the claims and tables that moved, so the change can be judged."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pandas as pd
import yaml

from .gitinfo import git
from .metrics.claims import read_claims
from .publish import PAPERS

# wall-clock columns, which differ between any two runs: s, ms, *_s, *_ms, *seconds, *s_per_*, and ratios of costs
TIMING = re.compile(r"(^|_)(s|ms)$|seconds$|(^|_)s_per_|^cost_ratio$")


def _committed(root: Path, rev: str, path: str) -> str | None:
    return git(root, "show", f"{rev}:{path}")


def claims_at(root: Path, rev: str | None, paper: str) -> pd.DataFrame | None:
    """results/<paper>/claims.csv at ``rev`` (None: the working tree); None where it does not exist."""
    path = f"results/{paper}/claims.csv"
    if rev is None:
        return read_claims(root / path) if (root / path).exists() else None
    text = _committed(root, rev, path)
    return read_claims(io.StringIO(text)) if text else None


def verdict_changes(root: Path, rev: str) -> tuple[dict[str, int], pd.DataFrame]:
    """Claims compared per paper, and one row per claim whose verdict differs between ``rev`` and now."""
    counts, rows = {}, []
    for paper in PAPERS:
        then, now = claims_at(root, rev, paper), claims_at(root, None, paper)
        if then is None or now is None:
            continue
        both = then.merge(now, on=["config", "claim"], suffixes=("_then", "_now"))   # a claim per config
        counts[paper] = len(both)
        for _, r in both[both["verdict_then"] != both["verdict_now"]].iterrows():
            rows.append({"paper": paper, "config": r["config"], "claim": r["claim"], "then": r["verdict_then"],
                         "now": r["verdict_now"], "ours_then": r["ours_then"], "ours_now": r["ours_now"]})
    return counts, pd.DataFrame(rows, columns=["paper", "config", "claim", "then", "now", "ours_then", "ours_now"])


def cache_file(root: Path, md5: str) -> Path:
    """A DVC 3 cache object."""
    return root / ".dvc/cache/files/md5" / md5[:2] / md5[2:]


def tracked_tables(root: Path, lock_text: str) -> dict[str, str]:
    """Every CSV a dvc.lock names as an output (inside tracked folders too): path -> md5 of its content."""
    files = {}
    for stage in (yaml.safe_load(lock_text) or {}).get("stages", {}).values():
        for out in stage.get("outs", []):
            md5, path = out.get("md5", ""), out["path"]
            if md5.endswith(".dir"):
                listing = cache_file(root, md5)
                entries = json.loads(listing.read_text()) if listing.exists() else []
                files.update({f"{path}/{e['relpath']}": e["md5"] for e in entries})
            else:
                files[path] = md5
    return {p: h for p, h in files.items() if p.endswith(".csv")}


def same_numbers(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Same columns and, timing columns aside, the same values."""
    if list(a.columns) != list(b.columns) or len(a) != len(b):
        return False
    keep = [c for c in a.columns if not TIMING.search(c.lower())]
    return a[keep].equals(b[keep])


def table_changes(root: Path, rev: str) -> pd.DataFrame:
    """Per CSV tracked at ``rev`` that exists in the working tree: identical, the same numbers timing aside, or
    different numbers. The old file: the DVC cache object ``rev``'s dvc.lock names, or the file committed at ``rev``
    (outputs kept in git); "not in cache" where neither is there (``dvc pull`` fetches it)."""
    then_lock = _committed(root, rev, "dvc.lock")
    then = tracked_tables(root, then_lock) if then_lock else {}
    rows = []
    for path in sorted(p for p in then if (root / p).exists()):
        obj = cache_file(root, then[path])
        old_text = obj.read_text() if obj.exists() else _committed(root, rev, path)
        if old_text is None:
            status = "not in cache"
        elif old_text.rstrip("\n") == (root / path).read_text().rstrip("\n"):
            status = "identical"                      # (git show's text comes without its final newline)
        else:
            same = same_numbers(pd.read_csv(io.StringIO(old_text)), pd.read_csv(root / path))
            status = "same numbers, timing aside" if same else "numbers differ"
        rows.append({"paper": path.split("/")[1].removesuffix(".csv"), "path": path, "status": status})
    return pd.DataFrame(rows, columns=["paper", "path", "status"])


def machines(root: Path, rev: str) -> str | None:
    """A line naming both publications' CPU models when they differ, since that alone moves seeded numbers."""
    then, now = _committed(root, rev, "results/manifest.json"), root / "results/manifest.json"
    if then is None or not now.exists():
        return None
    a, b = json.loads(then).get("cpu_model"), json.loads(now.read_text()).get("cpu_model")
    if a == b:
        return None
    return (f"CPU model: {a} -> {b}. Seeded torch training is bit-identical on one CPU model, not across models "
            "(MKL picks its matrix kernels by instruction set), so the trained models' numbers may differ within "
            "seed noise with no code change")


def report(root: Path, rev: str, listed: int = 6) -> tuple[str, bool]:
    """The comparison as text, and whether any verdict changed."""
    commit = git(root, "rev-parse", "--short=12", rev)
    if commit is None:
        raise SystemExit(f"qrepro compare: {rev!r} is not a git revision of this repository")
    counts, changed = verdict_changes(root, rev)
    machine = machines(root, rev)
    lines = [f"the results in this working tree vs those at {rev} ({commit}): its claims tables and the outputs "
             "its dvc.lock names (DVC cache, or git for outputs kept there)", *([machine] if machine else []), "",
             "verdicts:"]
    for paper, n in counts.items():
        moved = changed[changed.paper == paper]
        lines.append(f"  {paper}: {n} claims, {len(moved)} changed")
        for _, r in moved.iterrows():
            lines += [f"    {r.claim}: {r.then} -> {r.now} ({r.config})", f"      then: {r.ours_then}",
                      f"      now:  {r.ours_now}"]
    tables = table_changes(root, rev)
    lines += ["", "tracked tables (timing columns aside):"]
    for paper, group in tables.groupby("paper", sort=False):
        tally = group.status.value_counts()
        lines.append(f"  {paper}: " + ", ".join(f"{n} {s}" for s, n in tally.items()))
        differ = group[group.status == "numbers differ"].path.tolist()
        lines += [f"    {p}" for p in differ[:listed]] + ([f"    ... {len(differ) - listed} more"]
                                                          if len(differ) > listed else [])
    return "\n".join(lines), not changed.empty
