"""`qrepro compare REV`: this checkout's results against those committed at git revision REV, side by side: the
verdict of every claim, whether each DVC-tracked table holds the same numbers, timing columns aside, and, for the
per-seed tables whose numbers moved, whether they moved beyond seed noise.

Why: a speed-up must keep the verdicts, with identical numbers where the arithmetic did not change and numbers
within seed noise where it did. This names the claims and tables that moved and tests the moves, so the change
can be judged."""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy import stats

from ..claims import read_claims
from ..gitinfo import git
from ..registry import KEYS, PAPERS
from ..stats import holm

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
    for paper in KEYS:
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


def tables_at(root: Path, rev: str) -> dict[str, str]:
    """:func:`tracked_tables` of the dvc.lock committed at ``rev`` (none where it has no dvc.lock)."""
    lock = _committed(root, rev, "dvc.lock")
    return tracked_tables(root, lock) if lock else {}


def _old_text(root: Path, rev: str, then: dict[str, str], path: str) -> str | None:
    """``path``'s text at ``rev``: the DVC cache object ``rev``'s dvc.lock names (md5 in ``then``), or the file
    committed at ``rev`` (outputs kept in git); None where neither is there."""
    obj = cache_file(root, then[path])
    return obj.read_text() if obj.exists() else _committed(root, rev, path)


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
    then = tables_at(root, rev)
    rows = []
    for path in sorted(p for p in then if (root / p).exists()):
        old_text = _old_text(root, rev, then, path)
        if old_text is None:
            status = "not in cache"
        elif old_text.rstrip("\n") == (root / path).read_text().rstrip("\n"):
            status = "identical"                      # (git show's text comes without its final newline)
        else:
            same = same_numbers(pd.read_csv(io.StringIO(old_text)), pd.read_csv(root / path))
            status = "same numbers, timing aside" if same else "numbers differ"
        rows.append({"paper": path.split("/")[1].removesuffix(".csv"), "path": path, "status": status})
    return pd.DataFrame(rows, columns=["paper", "path", "status"])


def per_seed_tables() -> dict[str, dict]:
    """The tables with one row per seed (or a curve per seed, read at its last point) and what a row is for: the
    runs a paper's claims are computed from (each paper's ``aggregate.PER_SEED``), so a move beyond seed noise here
    is a move in the science."""
    return {path: spec for paper in PAPERS for path, spec in paper.hook("aggregate").PER_SEED.items()}


def _per_seed(df: pd.DataFrame, by: list[str], last: str | None) -> pd.DataFrame:
    """One row per (group, seed): the row itself, or a curve's row at its largest ``last``."""
    if last is not None:
        df = df.sort_values(last).groupby([*by, "seed"], dropna=False).tail(1)
    return df


def _cell_tests(a: np.ndarray, b: np.ndarray) -> tuple[float, float, float]:
    """(Welch t, its two-sided p, the Brown-Forsythe p of the spreads) for one metric's seed values then (a) and
    now (b). Brown-Forsythe (Levene's test on deviations from the median), not the F-test of the variance ratio:
    the F-test assumes normal seeds, and on a bounded metric where one seed of five collapses (0.2 beside four
    of 1.0, against 1.0 to 0.96) it gives p 4e-5 for what one draw of a rare event explains (Brown-Forsythe:
    0.38). Both sides all equal: a difference is beyond noise (p 0) and the spread test has nothing to test. One
    side all equal (a censored e_conv, say) is tested: its deviations are all zero, the other side's are not."""
    if a.var(ddof=1) == 0 and b.var(ddof=1) == 0:
        return (np.inf, 0.0, np.nan) if a.mean() != b.mean() else (0.0, 1.0, np.nan)
    with warnings.catch_warnings():     # a side all equal makes scipy warn of precision loss; Welch's error
        warnings.simplefilter("ignore", RuntimeWarning)     # comes from the other side
        t, p = stats.ttest_ind(b, a, equal_var=False)
    return float(t), float(p), float(stats.levene(a, b, center="median").pvalue)


def seed_noise(then: pd.DataFrame, now: pd.DataFrame, by: list[str], last: str | None = None,
               alpha: float = 0.05) -> pd.DataFrame:
    """Per (group, metric) whose seed values moved: their mean and sd then and now, Welch's t on the means and
    Brown-Forsythe on the spreads, Holm-adjusted over the table's tests, and whether the move is beyond seed
    noise (an adjusted p below ``alpha``). Runs whose arithmetic changed diverge from their old trajectories, so
    the old and new seeds are two independent samples of the same distribution if nothing but rounding moved."""
    skip = {*by, "seed", *([last] if last else [])}
    metrics = [c for c in then.columns if c in now.columns and c not in skip and not TIMING.search(c.lower())
               and pd.api.types.is_numeric_dtype(then[c]) and not pd.api.types.is_bool_dtype(then[c])]
    a_all, b_all = _per_seed(then, by, last), _per_seed(now, by, last)
    rows = []
    for key, a_group in a_all.groupby(by, dropna=False):
        b_group = b_all.merge(pd.DataFrame([key], columns=by), on=by)
        for m in metrics:
            a, b = a_group[m].dropna().to_numpy(float), b_group[m].dropna().to_numpy(float)
            if len(a) < 2 or len(b) < 2 or np.array_equal(np.sort(a), np.sort(b)):
                continue
            t, p_mean, p_spread = _cell_tests(a, b)
            rows.append({**dict(zip(by, key)), "metric": m, "n_then": len(a), "n_now": len(b),
                         "mean_then": a.mean(), "sd_then": a.std(ddof=1), "mean_now": b.mean(),
                         "sd_now": b.std(ddof=1), "t": t, "p_mean": p_mean, "p_spread": p_spread})
    out = pd.DataFrame(rows)
    if out.empty:
        return out
    ps = np.concatenate([out.p_mean, out.p_spread.dropna()])
    adjusted = holm(ps)
    out["p_mean_holm"] = adjusted[:len(out)]
    out["p_spread_holm"] = np.nan
    out.loc[out.p_spread.notna(), "p_spread_holm"] = adjusted[len(out):]
    out["beyond_noise"] = (out.p_mean_holm < alpha) | (out.p_spread_holm < alpha)
    return out


def seed_noise_changes(root: Path, rev: str, tables: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """:func:`seed_noise` for every :func:`per_seed_tables` table that :func:`table_changes` (``tables``) found with
    different numbers between ``rev`` and now."""
    then = tables_at(root, rev)
    moved = set(tables.path[tables.status == "numbers differ"])
    out = {}
    per_seed = per_seed_tables()
    for path, spec in per_seed.items():
        if path not in moved:
            continue
        a, b = pd.read_csv(io.StringIO(_old_text(root, rev, then, path))), pd.read_csv(root / path)
        needed = {*spec["by"], "seed", *([spec["last"]] if "last" in spec else [])}
        if needed <= {*a.columns} & {*b.columns}:
            out[path] = seed_noise(a, b, spec["by"], spec.get("last"))
    return out


def _noise_lines(path: str, cells: pd.DataFrame, by: list[str], listed: int, alpha: float = 0.05) -> list[str]:
    """The table's tally (tests below ``alpha`` before adjustment against the number chance alone gives, then
    after Holm) and its cells with the smallest p."""
    if cells.empty:
        return [f"  {path}: no metric's seed values moved"]
    ps = np.concatenate([cells.p_mean, cells.p_spread.dropna()])
    seeds = sorted({*cells.n_then, *cells.n_now})
    lines = [f"  {path} (by {', '.join(by)}; {'/'.join(map(str, seeds))} seeds a side): {len(cells)} metric cells "
             f"moved; of {len(ps)} tests {(ps < alpha).sum()} have p < {alpha} ({alpha * len(ps):.1f} expected by "
             f"chance), {int(cells.beyond_noise.sum())} cells beyond seed noise after Holm"]
    fmt = lambda p, q: "-" if np.isnan(p) else f"{p:.2g} (Holm {q:.2g})"  # noqa: E731
    shown = cells.assign(p=cells[["p_mean", "p_spread"]].min(axis=1)).sort_values("p")
    for _, r in shown.head(listed).iterrows():
        group = "/".join(str(r[c]) for c in by)
        lines.append(f"    {r.metric:<16s} {group:<22s} {r.mean_then:9.4g} ± {r.sd_then:<8.3g} -> {r.mean_now:9.4g} ± "
                     f"{r.sd_now:<8.3g} p mean {fmt(r.p_mean, r.p_mean_holm)}, spread "
                     f"{fmt(r.p_spread, r.p_spread_holm)}")
    return lines


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
    noise = seed_noise_changes(root, rev, tables)
    if noise:
        lines += ["", "seed noise, per-seed tables whose numbers differ (each metric of each group: Welch's t on the "
                      "seed means, Brown-Forsythe on their spread; beyond noise: Holm-adjusted p < 0.05 over the "
                      "table; mean ± sd then -> now, the smallest p first):"]
        for path, cells in noise.items():
            lines += _noise_lines(path, cells, per_seed_tables()[path]["by"], listed)
    return "\n".join(lines), not changed.empty
