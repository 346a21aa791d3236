"""The cost planner (qrepro.publication.plan): the per-job cost model, SLURM requests from measurements with their
margin, pricing of unmeasured classes, a tier's jobs read from Snakemake's DAG, and the time left of a run in
progress."""

import json
import math
import subprocess
import time

import pandas as pd
import pytest
from conftest import ROOT, copy_project

from qrepro.config import load_params
from qrepro.publication.plan import (
    MEM_FLOOR_MB,
    MEM_MARGIN,
    RUNTIME_FLOOR_MIN,
    RUNTIME_MARGIN,
    Costs,
    estimate,
    job_costs,
    makespan_s,
    measure,
    render,
    render_rest,
    rest_of_run,
    run_jobs,
    tier_jobs,
    work,
)


@pytest.fixture(scope="module")
def cfg():
    return load_params(ROOT / "params.yaml", {"tier": "default"})


def _costs(rows):
    cols = ["rule", "cost_class", "jobs", "units", "s_per_unit", "s_per_unit_max", "max_rss_mb"]
    return Costs(pd.DataFrame(rows, columns=cols))


def test_work_units_follow_the_tier(cfg):
    assert work("qsac_train", {"qsac_model": "qsac"}, cfg) == ("qsac", 20000)
    assert work("qrlbench_train", {"qrl_algo": "ddqn", "qrl_model": "Q10-4"}, cfg) == ("ddqn/Q10-4", 100)
    assert work("qrlbench_train", {"qrl_algo": "ppo", "qrl_model": "C16-2"}, cfg) == ("ppo/C16-2", 500)
    assert work("dickeqaoa_noise", {"scope": "logical", "ansatz": "proposed"}, cfg) == ("logical/proposed/N5", 3 * 2048)
    assert work("qimarl_sweep_train", {"sweep_config": "p=5"}, cfg) == ("p=5", 300)
    assert work("report", {}, cfg) == ("report", 1.0)


def test_requests_from_measurements_with_margin_and_fallbacks(cfg):
    costs = _costs([("qsac_train", "qsac", 5, 20000, 0.005, 0.006, 600.0),
                    ("qrlbench_train", "ddqn/Q10-4", 20, 100, 0.8, 1.0, 400.0),
                    ("qrlbench_train", "ddqn/C64-2", 20, 100, 0.3, 0.35, 350.0)])
    wc = {"qsac_model": "qsac"}
    assert costs.runtime_min("qsac_train", wc, cfg, fallback=120) == int(RUNTIME_MARGIN * 0.006 * 20000 / 60 + 0.999) \
        + RUNTIME_FLOOR_MIN
    assert costs.runtime_min("qsac_train", wc, cfg, 120, attempt=2) == 2 * costs.runtime_min("qsac_train", wc, cfg, 120)
    assert costs.mem_mb("qsac_train", wc, cfg, 2000) == int(MEM_MARGIN * 600 + MEM_FLOOR_MB)
    assert costs.runtime_min("qsac_train", {"qsac_model": "td3"}, cfg, fallback=30) == 30        # not measured
    # Q14-4: 2^4 times Q10-4's state, same layers; priced from it, memory doubled for the unmeasured class
    row, factor, units, how = costs.lookup("qrlbench_train", {"qrl_algo": "ddqn", "qrl_model": "Q14-4"}, cfg)
    assert (row.cost_class, factor, units, how) == ("ddqn/Q10-4", 16.0, 100, "2^n L from ddqn/Q10-4")
    assert costs.mem_mb("qrlbench_train", {"qrl_algo": "ddqn", "qrl_model": "Q14-4"}, cfg, 2000) == \
        int(MEM_MARGIN * 800 + MEM_FLOOR_MB)
    row, _, _, how = costs.lookup("qrlbench_train", {"qrl_algo": "ddqn", "qrl_model": "C128-2"}, cfg)
    assert row.cost_class == "ddqn/C64-2" and how == "as ddqn/C64-2"                              # nearest width
    # a sweep config nobody measured: priced from the QI-MARL training runs (another rule)
    costs = _costs([("qimarl_train", "qimarl", 3, 300, 0.28, 0.29, 557.0)])
    row, factor, units, how = costs.lookup("qimarl_sweep_train", {"sweep_config": "p=7"}, cfg)
    assert (row.rule, row.cost_class, factor, units) == ("qimarl_train", "qimarl", 1.0, 300)
    assert how == "as qimarl_train/qimarl"
    assert costs.cpu_s("qimarl_sweep_train", {"sweep_config": "p=7"}, cfg) == pytest.approx(0.28 * 300)


def test_measure_turns_benchmark_files_into_per_unit_costs(tmp_path, cfg):
    def bench(name, s, cpu, rss):
        p = tmp_path / name
        p.write_text("s\th:m:s\tmax_rss\tmax_vms\tmax_uss\tmax_pss\tio_in\tio_out\tmean_load\tcpu_time\n"
                     f"{s}\t0:00:01\t{rss}\t0\t0\t0\t0\t0\t0\t{cpu}\n")
        return p
    files = {("qimarl_train", (("qimarl_method", "qimarl"), ("seed", "0"))): bench("a.tsv", 90.0, 88.0, 500.0),
             ("qimarl_train", (("qimarl_method", "qimarl"), ("seed", "1"))): bench("b.tsv", 120.0, 110.0, 520.0)}
    table = measure(files, cfg).set_index("cost_class").loc["qimarl"]
    assert table.jobs == 2 and table.units == 300
    assert table.s_per_unit == pytest.approx(105 / 300) and table.s_per_unit_max == pytest.approx(0.4)
    assert table.max_rss_mb == 520.0 and "cpu_s_per_unit" not in table     # sampled cpu_time is not a cost


def test_a_tier_is_planned_from_the_dag():
    jobs = tier_jobs("smoke")
    rules = pd.Series([j.rule for j in jobs]).value_counts()
    assert rules["qsac_train"] == 4 and rules["qimarl_train"] == 14 and rules["report"] == 1
    assert all(j.benchmark and j.benchmark.startswith("benchmarks/") for j in jobs)     # every rule is measured
    assert all(j.log and j.log.startswith("logs/") for j in jobs)                      # and logs its code version
    smoke = load_params(ROOT / "params.yaml", {"tier": "smoke"})
    costs = _costs([("qsac_train", "qsac", 1, 150, 0.01, 0.01, 600.0)])
    jobs = job_costs("smoke", costs, smoke)
    qsac = estimate(jobs).set_index("rule").loc["qsac_train"]
    assert qsac.jobs == 4 and qsac.unmeasured == 3 and qsac.cpu_hours == pytest.approx(0.01 * 150 / 3600)
    text = render(jobs, "smoke", 2)
    assert "qsac_train" in text and "no measurement (not in the total): " in text and "CPU-hours" in text
    assert "peak 600 MB per job" in text
    text = render(job_costs("smoke", _costs([]), smoke), "smoke", 2)       # nothing measured: '?', never 'nan'
    assert "nan" not in text and "peak ? MB per job" in text and "0.00 CPU-hours" in text


def test_makespan_packs_longest_first():
    assert makespan_s([3, 3, 2, 2, 2], 2) == 7          # LPT: {3, 2, 2} and {3, 2}; the optimum is 6, bound 4/3
    assert makespan_s([5, 1, 1, 1], 2) == 5             # one long job sets the wall time
    assert makespan_s([1.0] * 10, 3) == 4 and makespan_s([2.0, float("nan")], 1) == 2   # unpriced jobs ignored
    assert makespan_s([], 4) == 0
    assert makespan_s([3, 3], 2, busy=[4]) == 6          # one core is held 4 s by a running job
    assert makespan_s([1.0], 1, busy=[2.0, 2.0]) == 3    # more running jobs than cores (a cluster): each holds one


def test_the_rest_of_a_run_is_priced_at_this_machines_speed():
    nan = math.nan
    jobs = pd.DataFrame([("a", 10.0, True, 30.0, nan), ("a", 10.0, True, 30.0, nan), ("a", 10.0, True, 33.0, nan),
                         ("b", 20.0, True, 40.0, nan), ("c", 5.0, True, nan, nan),     # done without a benchmark
                         ("a", 10.0, False, nan, 12.0),                                # running for 12 s
                         ("b", 10.0, False, nan, nan), ("b", 10.0, False, nan, nan), ("d", nan, False, nan, nan)],
                        columns=["rule", "priced_s", "done", "measured_s", "running_s"])
    rest = rest_of_run(jobs, cores=2)
    assert (rest["done"], rest["running"], rest["timed_jobs"], rest["unpriced"]) == (5, 1, 4, 1)
    assert rest["speed"] == pytest.approx(133 / 50)               # the done jobs' measured over priced seconds
    assert list(rest["rules"].index) == ["a"] and rest["rules"].speed["a"] == pytest.approx(3.1)   # 3 jobs done
    # the running a-job has 31 - 12 s left at a's speed; the two b-jobs (1 done: overall speed) 26.6 s each
    assert rest["left_cpu_s"] == pytest.approx(19 + 2 * 26.6)
    assert rest["left_wall_s"] == pytest.approx(19 + 26.6)        # 2 cores: {19, 26.6} then 26.6 behind the 19
    text = render_rest(rest, "default", 2, now=0.0)
    assert "5 of 9 jobs done, 1 running" in text and "2.66x the costs' time" in text and "1 unpriced jobs" in text
    fresh = rest_of_run(jobs.assign(done=False, measured_s=nan, running_s=nan), cores=1)
    assert fresh["speed"] == 1.0 and fresh["left_cpu_s"] == pytest.approx(85.0)   # nothing done: the costs' speed
    assert "no job is done yet" in render_rest(fresh, "default", 1, now=0.0)


def test_progress_of_a_run_in_a_checkout(tmp_path):
    """End to end on a copy of the project: one job run, another running in a sitting that holds the lock."""
    proj = copy_project(tmp_path)
    r = subprocess.run(["snakemake", "--cores", "1", "import_adapshare"], cwd=proj, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-2000:]
    measured = float(pd.read_csv(proj / "benchmarks/import_adapshare.tsv", sep="\t").s.max())
    steps = load_params(proj / "params.yaml")["qsac"]["tiers"]["smoke"]["steps"]
    cols = ["rule", "cost_class", "jobs", "units", "s_per_unit", "s_per_unit_max", "max_rss_mb"]
    costs = Costs(pd.DataFrame([("import_adapshare", "import_adapshare", 1, 1.0, measured / 3, measured / 3, 100.0),
                                *[("qsac_train", model, 1, steps, 100.0 / steps, 100.0 / steps, 100.0)
                                  for model in ("qsac", "sac", "td3", "ddpg")]], columns=cols))
    now = time.time()
    with open(proj / "logs/runs.jsonl", "a") as f:                    # a sitting that has not ended
        f.write(json.dumps({"event": "start", "time": now - 100, "tier": "smoke", "cores": 2}) + "\n")
    (proj / ".snakemake/locks").mkdir(parents=True, exist_ok=True)
    (proj / ".snakemake/locks/0.input.lock").write_text("")
    log = proj / "logs/qsac/nr60/qsac/seed0.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(now - 60)) + ",000 qrepro INFO code version\n")
    cfg = load_params(proj / "params.yaml")
    jobs = run_jobs("smoke", costs, cfg, proj, now=now)
    assert jobs.done.sum() == 1 and jobs[jobs.done].rule.tolist() == ["import_adapshare"]
    rest = rest_of_run(jobs, cores=2)
    assert rest["running"] == 1 and rest["speed"] == pytest.approx(3.0)
    qsac_left = rest_of_run(jobs[jobs.rule.isin(["import_adapshare", "qsac_train"])], cores=2)
    assert qsac_left["left_cpu_s"] == pytest.approx(3 * 100 - 60 + 3 * 300, abs=1)   # 4 smoke models, one running
    (proj / ".snakemake/locks/0.input.lock").unlink()                 # no sitting in progress: nothing is running
    assert rest_of_run(run_jobs("smoke", costs, cfg, proj, now=now), cores=2)["running"] == 0
