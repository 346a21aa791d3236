"""What a tier costs before it is run: jobs per paper and rule, CPU-hours and peak memory, estimated from the
benchmark files (Snakemake's ``benchmark:`` TSVs) of a measured run, and the per-job SLURM requests derived from
the same measurements.

Why wall seconds: every job runs one thread, so its wall time is the core time it holds (what a scheduler bills).
Snakemake's ``cpu_time`` column is sampled every 30 s and drops the rest of the job (here it read 40% of a 60 s
job), so it is not used.

Why one cost model: a job's cost is (its cost class's seconds per unit of work) x (its units of work at the tier),
e.g. a QSAC run costs ``s/step of its model x steps``, so a measurement at the default tier prices the paper tier.
:func:`work` is that model; ``results/costs.csv`` holds the measured per-unit costs (``qrepro plan --measure``
writes it from ``benchmarks/``); the rules' ``runtime`` / ``mem_mb`` and ``qrepro plan`` both read it.
"""

from __future__ import annotations

import functools
import math
import os
import re
import time
from importlib.util import find_spec
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..config import REPO_ROOT, tier_root
from ..registry import KEYS, paper

COSTS_CSV = REPO_ROOT / "results" / "costs.csv"
# SLURM requests from the measurements: wall time x RUNTIME_MARGIN plus RUNTIME_FLOOR_MIN (queueing jitter, a slower
# node, Python start-up), peak resident memory x MEM_MARGIN plus MEM_FLOOR_MB; each retry doubles both
RUNTIME_MARGIN, RUNTIME_FLOOR_MIN = 2.0, 5
MEM_MARGIN, MEM_FLOOR_MB = 1.5, 512


@functools.cache
def _rule_files(root: Path) -> dict[str, str]:
    return {m.group(1): f.stem for f in sorted((root / "workflow/rules").glob("*.smk"))
            for m in re.finditer(r"^rule (\w+):", f.read_text(), re.M)}


def paper_of(rule: str, root: Path = REPO_ROOT) -> str:
    """The rule file that defines ``rule`` (workflow/rules/<name>.smk): a paper, ``data`` or ``report``."""
    return _rule_files(Path(root))[rule]


def _costs_of(rule: str):
    """The ``costs`` module of the paper that defines ``rule``; None for the data and report rules and for a paper
    without one (each of its jobs is then one unit of its rule's class)."""
    key = _rule_files(REPO_ROOT).get(rule)
    if key not in KEYS or find_spec(f"qrepro.papers.{key}.costs") is None:
        return None
    return paper(key).hook("costs")


def work(rule: str, wc: dict, cfg: dict) -> tuple[str, float]:
    """(cost class, units of work) of one job, from its paper's ``costs.work``; a rule it does not price is one
    unit of its own class. Jobs of one class cost about the same per unit."""
    costs = _costs_of(rule)
    return (costs.work(rule, wc, cfg) if costs else None) or (rule, 1.0)


def _fallback_class(rule: str, cls: str, measured: pd.DataFrame) -> tuple[str, str | None, float, str]:
    """A measured (rule, class) that prices an unmeasured one, with the cost factor and how: from its paper's
    ``costs.fallback`` where it has one (a sweep run may be priced from another rule's runs)."""
    costs = _costs_of(rule)
    found = costs.fallback(rule, cls, measured) if costs and hasattr(costs, "fallback") else None
    return found or (rule, None, 1.0, "no measurement")


def measure(benchmarks: dict, cfg: dict) -> pd.DataFrame:
    """Per (rule, cost class): jobs measured, units per job, mean / max wall seconds per unit and max peak RSS,
    from ``benchmarks``: {(rule, wildcards tuple): benchmark TSV path}."""
    rows = []
    for (rule, wc), path in benchmarks.items():
        b = pd.read_csv(path, sep="\t")
        cls, units = work(rule, dict(wc), cfg)
        rows.append({"rule": rule, "cost_class": cls, "units": units, "s": float(b.s.max()),
                     "max_rss_mb": float(b.max_rss.max())})
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=["rule", "cost_class", "jobs", "units", "s_per_unit", "s_per_unit_max",
                                     "max_rss_mb"])
    df = df.assign(per=df.s / df.units)
    g = df.groupby(["rule", "cost_class"])
    return g.agg(jobs=("s", "size"), units=("units", "max"), s_per_unit=("per", "mean"),
                 s_per_unit_max=("per", "max"), max_rss_mb=("max_rss_mb", "max")).reset_index()


def add_classes(costs: pd.DataFrame, measured: pd.DataFrame) -> pd.DataFrame:
    """``costs`` plus the (rule, cost class) rows of ``measured`` it lacks; its own rows stay as they are."""
    have = set(zip(costs.rule, costs.cost_class))
    new = measured[[(r, c) not in have for r, c in zip(measured.rule, measured.cost_class)]]
    return pd.concat([costs, new], ignore_index=True).sort_values(["rule", "cost_class"], ignore_index=True)


class Costs:
    """The measured per-unit costs (``results/costs.csv``) and what they imply for one job."""

    def __init__(self, table: pd.DataFrame | None):
        self.table = table if table is not None else pd.DataFrame(columns=["rule", "cost_class"])
        self.index = {(r.rule, r.cost_class): r for r in self.table.itertuples()}

    @classmethod
    def load(cls, path=COSTS_CSV) -> "Costs":
        path = Path(path)
        return cls(pd.read_csv(path, keep_default_na=False) if path.exists() else None)

    def lookup(self, rule: str, wc: dict, cfg: dict):
        """(measured row or None, cost factor, units, how it was priced) of one job."""
        cls, units = work(rule, wc, cfg)
        if (rule, cls) in self.index:
            return self.index[(rule, cls)], 1.0, units, "measured"
        ref_rule, ref, factor, how = _fallback_class(rule, cls, self.table)
        return self.index.get((ref_rule, ref)), factor, units, how

    def cpu_s(self, rule: str, wc: dict, cfg: dict) -> float:
        """Core seconds one job is priced at: its class's mean seconds per unit x its units (NaN when unpriced)."""
        row, factor, units, _ = self.lookup(rule, wc, cfg)
        return math.nan if row is None else row.s_per_unit * factor * units

    def runtime_min(self, rule: str, wc: dict, cfg: dict, fallback: int, attempt: int = 1) -> int:
        """Minutes to request: the slowest measured job of the class per unit x units, with the margin."""
        row, factor, units, _ = self.lookup(rule, wc, cfg)
        if row is None:
            return fallback * attempt
        return attempt * max(RUNTIME_FLOOR_MIN, math.ceil(RUNTIME_MARGIN * row.s_per_unit_max * factor * units / 60)
                             + RUNTIME_FLOOR_MIN)

    def mem_mb(self, rule: str, wc: dict, cfg: dict, fallback: int, attempt: int = 1) -> int:
        """MB to request: the class's largest measured peak RSS with the margin (twice that when priced from
        another class: a bigger model's state is megabytes beside the ~300 MB of the runtime libraries)."""
        row, _, _, how = self.lookup(rule, wc, cfg)
        if row is None:
            return fallback * attempt
        peak = row.max_rss_mb * (1 if how == "measured" else 2)
        return attempt * int(math.ceil(MEM_MARGIN * peak + MEM_FLOOR_MB))


class Job(NamedTuple):
    """One job of a tier's DAG: its rule, wildcards, the benchmark and log files it writes (None when its rule
    declares none), and whether a run started now would execute it."""
    rule: str
    wildcards: dict
    benchmark: str | None
    log: str | None
    pending: bool = True

    @property
    def key(self) -> tuple:
        return self.rule, tuple(sorted(self.wildcards.items()))


def tier_jobs(tier_name: str, root: Path = REPO_ROOT, forceall: bool = True) -> list[Job]:
    """Every job of a full run of ``tier_name``, from Snakemake's DAG (nothing runs; no lock is taken). With
    ``forceall`` off, a job is ``pending`` only when a run started now would execute it (missing, incomplete or
    outdated outputs, as for a dry run), which includes the jobs a run in progress is executing. Its benchmark and
    log paths are relative to the tier's run folder (:func:`qrepro.config.tier_root`)."""
    from snakemake.api import SnakemakeApi
    from snakemake.settings.enums import RerunTrigger
    from snakemake.settings.types import ConfigSettings, DAGSettings, OutputSettings, ResourceSettings, StorageSettings

    # as the profiles set them: code changes reach jobs through their `code` param, not the script's file time
    RERUN_TRIGGERS = {RerunTrigger.MTIME, RerunTrigger.PARAMS, RerunTrigger.INPUT, RerunTrigger.SOFTWARE_ENV}

    cwd = os.getcwd()                       # the workflow moves into tiers/<tier>/ for a tier params.yaml does not set
    try:
        with SnakemakeApi(OutputSettings(quiet=None)) as api:
            wf = api.workflow(resource_settings=ResourceSettings(cores=1),
                              config_settings=ConfigSettings(config={"tier": tier_name}),
                              storage_settings=StorageSettings(), snakefile=root / "Snakefile", workdir=root)
            w = wf._workflow
            w.dag_settings = DAGSettings(forceall=forceall, rerun_triggers=RERUN_TRIGGERS)
            w._prepare_dag(forceall=forceall, ignore_incomplete=True, lock_warn_only=True, nolock=True)
            w._build_dag()
            return [Job(j.rule.name, dict(j.wildcards.items()), str(j.benchmark) if j.benchmark else None,
                        str(j.log[0]) if j.log else None, w.dag.needrun(j))
                    for j in w.dag.jobs if j.rule.name != "all"]
    finally:
        os.chdir(cwd)


def job_costs(tier_name: str, costs: Costs, cfg: dict, root: Path = REPO_ROOT) -> pd.DataFrame:
    """One row per job of the tier: paper, rule, estimated core seconds (NaN when unpriced), peak MB, how priced."""
    rows = []
    for job in tier_jobs(tier_name, root):
        row, _, _, how = costs.lookup(job.rule, job.wildcards, cfg)
        rows.append({"paper": paper_of(job.rule, root), "rule": job.rule,
                     "cpu_s": costs.cpu_s(job.rule, job.wildcards, cfg), "how": how,
                     "peak_mb": None if row is None else row.max_rss_mb * (1 if how == "measured" else 2)})
    return pd.DataFrame(rows, columns=["paper", "rule", "cpu_s", "how", "peak_mb"]).astype({"cpu_s": float,
                                                                                            "peak_mb": float})


def estimate(jobs: pd.DataFrame) -> pd.DataFrame:
    """One row per (paper, rule) of :func:`job_costs`: jobs, CPU-hours, peak memory (MB), how they were priced."""
    return jobs.groupby(["paper", "rule"]).agg(
        jobs=("rule", "size"), cpu_hours=("cpu_s", lambda s: s.sum(min_count=1) / 3600),
        peak_mb=("peak_mb", "max"), unmeasured=("cpu_s", lambda s: int(s.isna().sum())),
        priced=("how", lambda s: ", ".join(sorted(set(s))))).reset_index()


def makespan_s(seconds, cores: int, busy=()) -> float:
    """Wall seconds to run one-thread jobs of these lengths on ``cores`` cores, longest first, each on the core
    that frees up first (LPT: within 4/3 of the best packing); ``busy``: seconds the cores already held by running
    jobs stay busy. Dependencies are ignored: in every tier the jobs that wait on others (aggregates, figures, the
    report) take seconds."""
    import heapq

    free = sorted([*busy, *[0.0] * (max(1, cores, len(busy)) - len(busy))])
    for s in pd.Series(seconds, dtype=float).dropna().sort_values(ascending=False):     # unpriced jobs: NaN
        heapq.heapreplace(free, free[0] + s)
    return max(free)


def measured_jobs(root: Path = REPO_ROOT, tier_name: str = "default") -> dict[tuple, Job]:
    """{(rule, wildcards): job} for every job of ``tier_name`` whose benchmark file exists."""
    return {j.key: j for j in tier_jobs(tier_name, root) if j.benchmark and (root / j.benchmark).exists()}


def measured_benchmarks(root: Path = REPO_ROOT, tier_name: str = "default") -> dict:
    """{(rule, wildcards): benchmark TSV} for every job of ``tier_name`` whose benchmark file exists."""
    return {key: root / j.benchmark for key, j in measured_jobs(root, tier_name).items()}


def render(jobs: pd.DataFrame, tier_name: str, cores: int) -> str:
    """The plan as text: per paper and rule, then totals and the projected wall time on ``cores`` cores."""
    table = estimate(jobs)
    lines = [f"qrepro plan --tier {tier_name} (priced from results/costs.csv: the default tier's benchmarks)", ""]
    head = f"{'paper':10s} {'rule':28s} {'jobs':>7s} {'CPU-h':>9s} {'peak MB':>8s}  priced"
    lines += [head, "-" * len(head)]
    number = lambda v, fmt: "?" if pd.isna(v) else format(v, fmt)  # noqa: E731
    for r in table.itertuples():
        lines.append(f"{r.paper:10s} {r.rule:28s} {r.jobs:7d} {number(r.cpu_hours, '9.2f'):>9s} "
                     f"{number(r.peak_mb, '8.0f'):>8s}  {r.priced}")
    total = table.cpu_hours.sum()
    per_paper = table.groupby("paper").cpu_hours.sum()
    lines += ["", "per paper (CPU-h): " + ", ".join(f"{p} {h:.2f}" for p, h in per_paper.items()),
              f"total: {int(table.jobs.sum())} jobs, {total:.2f} CPU-hours, peak {number(table.peak_mb.max(), '.0f')}"
              f" MB per job; {makespan_s(jobs.cpu_s, cores) / 3600:.2f} h of wall time on {cores} cores (longest job"
              f" first; the floor is {total / cores:.2f} h)"]
    missing = table[table.unmeasured > 0]
    if len(missing):
        lines.append("no measurement (not in the total): " + ", ".join(
            f"{r.rule} ({r.unmeasured} jobs)" for r in missing.itertuples()))
    return "\n".join(lines)


# a rule's own speed prices its remaining jobs once it has this many done; before that, the run's overall speed
RULE_SPEED_MIN_JOBS = 3


def rest_of_run(jobs: pd.DataFrame, cores: int) -> dict:
    """What a run in progress has done and what is left. ``jobs``: one row per job of the tier with its ``rule``,
    ``priced_s`` (from the costs; NaN when unpriced), ``done``, ``measured_s`` (a done job's benchmark seconds, NaN
    when it has none) and ``running_s`` (how long a running job has run, else NaN). The done jobs' measured over
    priced seconds is this machine's speed against the one that measured the costs (1.26x on a Xeon, 3.1x on
    one virtual EPYC): per rule once RULE_SPEED_MIN_JOBS of its jobs are done, else overall. It prices the rest,
    which is packed on ``cores`` cores behind the running jobs."""
    timed = jobs[jobs.done & jobs.measured_s.notna() & jobs.priced_s.notna()]
    overall = timed.measured_s.sum() / timed.priced_s.sum() if len(timed) else 1.0
    rules = timed.groupby("rule").agg(jobs=("rule", "size"), measured_s=("measured_s", "sum"),
                                      priced_s=("priced_s", "sum"))
    rules = rules[rules.jobs >= RULE_SPEED_MIN_JOBS].assign(speed=lambda r: r.measured_s / r.priced_s)
    expected = jobs.priced_s * jobs.rule.map(rules.speed).fillna(overall)
    running = jobs.running_s.notna() & ~jobs.done
    left = (expected[running] - jobs.running_s[running]).clip(lower=0).fillna(0.0)
    queued = expected[~jobs.done & ~running]
    return {"jobs": len(jobs), "done": int(jobs.done.sum()), "running": int(running.sum()),
            "timed_jobs": len(timed), "timed_priced_s": float(timed.priced_s.sum()),
            "timed_measured_s": float(timed.measured_s.sum()), "speed": float(overall), "rules": rules,
            "left_cpu_s": float(left.sum() + queued.sum()), "unpriced": int(queued.isna().sum()),
            "left_wall_s": makespan_s(queued, cores, list(left))}


def _log_start(log: Path) -> float | None:
    """When a job's log began: the timestamp its first line opens with (logs are rewritten when a job starts)."""
    with open(log) as f:
        head = f.readline()[:19]
    try:
        return time.mktime(time.strptime(head, "%Y-%m-%d %H:%M:%S"))
    except ValueError:
        return None


def run_jobs(tier_name: str, costs: Costs, cfg: dict, root: Path = REPO_ROOT, now: float | None = None
             ) -> pd.DataFrame:
    """The table :func:`rest_of_run` reads, from this checkout: a job is done when Snakemake would not rerun it,
    and running when it is pending, a sitting is in progress (Snakemake holds its lock) and the job's log was
    written since that sitting began."""
    from .provenance import run_sittings

    now = time.time() if now is None else now
    jobs, root = tier_jobs(tier_name, root, forceall=False), tier_root(root, tier_name)
    sittings = run_sittings(root)
    locked = any((root / ".snakemake/locks").glob("*.lock"))
    since = sittings[-1]["time"] if locked and sittings and sittings[-1]["end"] is None else None
    rows = []
    for job in jobs:
        bench, log = (root / job.benchmark if job.benchmark else None), (root / job.log if job.log else None)
        measured = running = math.nan
        if not job.pending and bench and bench.exists():
            measured = float(pd.read_csv(bench, sep="\t").s.max())
        elif job.pending and since is not None and log and log.exists() and log.stat().st_mtime >= since:
            start = _log_start(log)
            running = now - start if start is not None else 0.0
        rows.append({"rule": job.rule, "priced_s": costs.cpu_s(job.rule, job.wildcards, cfg),
                     "done": not job.pending, "measured_s": measured, "running_s": running})
    return pd.DataFrame(rows, columns=["rule", "priced_s", "done", "measured_s", "running_s"])


def render_rest(rest: dict, tier_name: str, cores: int, now: float | None = None) -> str:
    """:func:`rest_of_run` as text: jobs done, this machine's speed against the costs, and the projected end."""
    now = time.time() if now is None else now
    where = "" if tier_root(REPO_ROOT, tier_name) == REPO_ROOT else f" (its run folder: tiers/{tier_name}/)"
    lines = [f"qrepro plan --progress: tier {tier_name}{where}, {rest['done']} of {rest['jobs']} jobs done, "
             f"{rest['running']} running"]
    if rest["timed_jobs"]:
        lines.append(f"the {rest['timed_jobs']} timed done jobs took {rest['timed_measured_s'] / 3600:.2f} CPU-h "
                     f"where results/costs.csv prices {rest['timed_priced_s'] / 3600:.2f}: this machine runs at "
                     f"{rest['speed']:.2f}x the costs' time")
        for r in rest["rules"].sort_values("priced_s", ascending=False).itertuples():
            lines.append(f"  {r.Index:28s} {r.jobs:4d} jobs done  {r.speed:.2f}x")
    else:
        lines.append("no job is done yet: what is left is priced at the costs' speed (results/costs.csv)")
    if rest["done"] == rest["jobs"]:
        lines.append("nothing is left to run")
        return "\n".join(lines)
    end = time.strftime("%a %H:%M %Z", time.localtime(now + rest["left_wall_s"]))
    lines.append(f"left: {rest['left_cpu_s'] / 3600:.2f} CPU-h at this speed, about {rest['left_wall_s'] / 3600:.2f} "
                 f"h on {cores} cores (ends about {end})"
                 + (f"; {rest['unpriced']} unpriced jobs not counted" if rest["unpriced"] else ""))
    return "\n".join(lines)
