"""End to end on a real SLURM scheduler (CI starts a single-node one with .ci/slurm.sh): the QSAC smoke stage,
submitted through workflow/profiles/slurm exactly as committed, runs its jobs under SLURM and writes the same tables
as a local run (timing columns aside). Without a scheduler the test is skipped, with the reason in the summary."""

import json
import os
import shutil
import subprocess

import pandas as pd
import pytest
import yaml
from conftest import copy_project

TARGETS = ["results/qsac/summary.json", "results/qsac/sample_complexity.csv"]
TIMING = ["train_seconds"]


def scheduler_missing() -> str | None:
    """Why no SLURM scheduler can take jobs here, or None when one can."""
    if not shutil.which("sbatch"):
        return "no SLURM client (sbatch) on PATH; CI installs and starts one with .ci/slurm.sh"
    try:
        r = subprocess.run(["sinfo", "-h", "-o", "%T"], capture_output=True, text=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "sinfo timed out: no SLURM controller answers"
    if r.returncode != 0 or not ({"idle", "mixed", "allocated"} & set(r.stdout.split())):
        return f"no usable SLURM node (sinfo: {(r.stderr or r.stdout).strip() or 'no nodes'})"
    return None


MISSING = scheduler_missing()


def run(cmd, cwd, timeout):
    env = {**os.environ, "DVC_NO_ANALYTICS": "1"}
    r = subprocess.run(cmd, cwd=cwd, shell=True, capture_output=True, text=True, env=env, timeout=timeout)
    assert r.returncode == 0, f"{cmd} failed ({r.returncode}):\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}"
    return r.stdout + r.stderr


@pytest.mark.slow
@pytest.mark.skipif(MISSING is not None, reason=f"SLURM: {MISSING}")
def test_qsac_smoke_stage_through_the_slurm_profile(tmp_path):
    (tmp_path / "local").mkdir()
    (tmp_path / "cluster").mkdir()
    local, cluster = copy_project(tmp_path / "local"), copy_project(tmp_path / "cluster")
    run(f"snakemake --cores 2 {' '.join(TARGETS)}", local, timeout=1200)
    before = set(subprocess.run(["squeue", "-h", "--states=all", "-o", "%i"], capture_output=True, text=True)
                 .stdout.split())
    out = run(f"snakemake --workflow-profile workflow/profiles/slurm {' '.join(TARGETS)}", cluster, timeout=1500)
    assert "Job 0 has been submitted with SLURM jobid" in out or "SLURM jobid" in out, out[-3000:]
    # the jobs ran under SLURM: squeue (no accounting database here) still lists them, completed
    listed = subprocess.run(["squeue", "-h", "--states=all", "-o", "%i|%T|%k"], capture_output=True, text=True).stdout
    ours = [line.split("|") for line in listed.splitlines() if line.split("|")[0] not in before]
    trained = [job for job in ours if "qsac_train" in job[2]]
    assert len(trained) == 4 and all(state == "COMPLETED" for _, state, _ in trained), listed
    # and wrote what a local run writes
    for table in ("runs.csv", "claims.csv", "summary.csv", "sample_complexity.csv", "outperformance.csv"):
        a, b = (pd.read_csv(p / "results/qsac" / table, keep_default_na=False) for p in (local, cluster))
        drop = [c for c in TIMING if c in a]
        pd.testing.assert_frame_equal(a.drop(columns=drop), b.drop(columns=drop), obj=table)
    metrics = [json.loads((p / "results/qsac/summary.json").read_text()) for p in (local, cluster)]
    assert metrics[0] == metrics[1]                          # verdict counts and the headline metric
    assert (cluster / "logs/qsac/nr60/qsac/seed0.log").read_text().count("train qsac seed 0") >= 1


def _run_id(proj) -> str | None:
    """The SLURM run ID (the job name of every job of a run) that the newest Snakemake log announces."""
    import re

    logs = sorted((proj / ".snakemake/log").glob("*.snakemake.log"), key=lambda p: p.stat().st_mtime)
    found = re.findall(r"SLURM run ID: (\S+)", logs[-1].read_text()) if logs else []
    return found[-1] if found else None


def _ours(run_id: str) -> list[tuple[str, str]]:
    """(job id, state) of every job of one run that squeue still lists."""
    out = subprocess.run(["squeue", "-h", "--states=all", f"--name={run_id}", "-o", "%i|%T"], capture_output=True,
                         text=True).stdout
    return [tuple(line.split("|")) for line in out.splitlines() if line]


@pytest.mark.slow
@pytest.mark.skipif(MISSING is not None, reason=f"SLURM: {MISSING}")
def test_a_killed_driver_recovers_without_double_work_or_lost_triggers(tmp_path):
    """`kill -9` of the driver mid-run: its jobs live on in SLURM and finish without it, so Snakemake never records
    them. Unlocked and run again, nothing of theirs runs twice (each job's stamp clears its incomplete mark and
    restores its record), and after a params change every training job reruns: none is skipped for want of
    provenance. The README's scancel line finds the killed run's ID."""
    import signal
    import time

    proj = copy_project(tmp_path)
    profile = "--workflow-profile workflow/profiles/slurm"
    driver = subprocess.Popen(f"snakemake {profile} {' '.join(TARGETS)}", cwd=proj, shell=True,
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stamps = proj / "results/.provenance/qsac_train"
    deadline = time.time() + 900
    while time.time() < deadline and not list(stamps.glob("*.json")):          # a training job is ending
        time.sleep(1)
    run_id = _run_id(proj)
    os.killpg(driver.pid, signal.SIGKILL)
    driver.wait()
    assert run_id, "the driver announced no SLURM run ID"
    while any(state in ("PENDING", "RUNNING", "COMPLETING") for _, state in _ours(run_id)):
        time.sleep(2)                                                          # the leftovers end without a driver
    finished = {job for job, state in _ours(run_id) if state == "COMPLETED"}
    trained = [p for p in stamps.glob("*.json")
               if all((proj / f).exists() for f in json.loads(p.read_text())["output"])]
    assert finished and trained, _ours(run_id)
    grep = "grep -oh 'SLURM run ID: [^ ]*' .snakemake/log/*.log | tail -n 1 | cut -d' ' -f4"
    assert run(grep, proj, timeout=30).strip() == run_id                      # the README's recovery line
    run("snakemake --unlock", proj, timeout=120)
    plan = run(f"snakemake -n {profile} {' '.join(TARGETS)}", proj, timeout=300)
    assert plan.count("rule qsac_train:") == 4 - len(trained), plan[-3000:]   # no finished job runs twice
    run(f"snakemake {profile} {' '.join(TARGETS)}", proj, timeout=1500)
    params = yaml.safe_load((proj / "params.yaml").read_text())
    params["qsac"]["agent"]["tau"] = 0.5
    (proj / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    plan = run(f"snakemake -n {profile} {' '.join(TARGETS)}", proj, timeout=300)
    assert plan.count("rule qsac_train:") == 4, plan[-3000:]                  # every trigger survived the kill
    assert "missing provenance" not in plan
