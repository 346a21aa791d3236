"""`qrepro compare` (qrepro.publication.compare): verdict changes and tracked tables against a git revision, timing
aside."""

import hashlib
import json
import subprocess

import numpy as np
import pandas as pd
import pytest

from qrepro.publication.compare import TIMING, report, seed_noise, table_changes, verdict_changes
from qrepro.stats import holm


def git(cwd, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True,
                   capture_output=True)


def _cache(root, text, suffix=""):
    """Store ``text`` as a DVC 3 cache object (a folder's listing has the suffix ".dir"); its name."""
    md5 = hashlib.md5(text.encode()).hexdigest() + suffix
    obj = root / ".dvc/cache/files/md5" / md5[:2] / md5[2:]
    obj.parent.mkdir(parents=True, exist_ok=True)
    obj.write_text(text)
    return md5


def _publish(root, verdicts, runs, summary="method,reward\nqimarl,27.0\n"):
    """results/qimarl/claims.csv with ``verdicts``, per-run tables ``runs`` and a dvc.lock tracking their folder."""
    claims = root / "results/qimarl/claims.csv"
    claims.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"config": "E-main", "claim": list(verdicts), "statement": "a claim", "paper": "1.0",
                  "ours": [f"value {v}" for v in verdicts.values()], "verdict": list(verdicts.values()),
                  "source": "papers/qimarl/claims.py:1 (f)"}).to_csv(claims, index=False)
    for name, text in runs.items():
        (root / "results/qimarl/runs").mkdir(parents=True, exist_ok=True)
        (root / "results/qimarl/runs" / name).write_text(text)
    listing = [{"md5": _cache(root, text), "relpath": name} for name, text in runs.items()]
    folder = _cache(root, json.dumps(listing), ".dir")
    (root / "results/qimarl/summary.csv").write_text(summary)      # an output kept in git, not in the cache
    (root / "dvc.lock").write_text(
        "schema: '2.0'\nstages:\n  qimarl:\n    outs:\n"
        f"    - path: results/qimarl/runs\n      md5: {folder}\n"
        f"    - path: results/qimarl/summary.csv\n      md5: {hashlib.md5(summary.encode()).hexdigest()}\n")


@pytest.fixture
def repo(tmp_path):
    git(tmp_path, "init", "-q")
    _publish(tmp_path, {"C1": "holds", "C2": "n/a", "C5": "fails"},
             {"a.csv": "seed,reward,episode_time_s\n0,1.5,0.2\n", "b.csv": "seed,reward\n0,2.0\n",
              "c.csv": "seed,reward,wall_s\n0,3.0,9\n"})
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "published")
    return tmp_path


def test_compare_names_changed_verdicts_and_tables_timing_aside(repo):
    _publish(repo, {"C1": "holds", "C2": "n/a", "C5": "holds"},
             {"a.csv": "seed,reward,episode_time_s\n0,1.5,0.7\n",      # only its timing column moved
              "b.csv": "seed,reward\n0,2.5\n",                          # a result moved
              "c.csv": "seed,reward,wall_s\n0,3.0,9\n"},                # byte for byte the same
             summary="method,reward\nqimarl,27.5\n")
    counts, changed = verdict_changes(repo, "HEAD")
    assert counts == {"qimarl": 3}                                      # "n/a" is a verdict, not a missing value
    assert changed[["claim", "then", "now"]].values.tolist() == [["C5", "fails", "holds"]]
    status = table_changes(repo, "HEAD").set_index("path").status.to_dict()
    assert status == {"results/qimarl/runs/a.csv": "same numbers, timing aside",
                      "results/qimarl/runs/b.csv": "numbers differ", "results/qimarl/runs/c.csv": "identical",
                      "results/qimarl/summary.csv": "numbers differ"}                # read from git at HEAD
    text, moved = report(repo, "HEAD")
    assert moved and "C5: fails -> holds" in text and "results/qimarl/runs/b.csv" in text


def test_compare_unchanged_results_and_a_bad_revision(repo):
    text, moved = report(repo, "HEAD")
    assert not moved and "qimarl: 3 claims, 0 changed" in text and "4 identical" in text
    with pytest.raises(SystemExit, match="'nope' is not a git revision"):
        report(repo, "nope")


def test_compare_names_a_change_of_cpu_model(repo):
    """Seeded numbers move with the CPU model alone, so the comparison says when the two runs' models differ."""
    manifest = repo / "results/manifest.json"
    manifest.write_text(json.dumps({"cpu_model": "AMD EPYC"}))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "manifest")
    assert "CPU model" not in report(repo, "HEAD")[0]
    manifest.write_text(json.dumps({"cpu_model": "Intel Xeon"}))
    assert "CPU model: AMD EPYC -> Intel Xeon" in report(repo, "HEAD")[0]


def test_timing_columns_are_only_wall_clock_ones():
    timing = ["s", "ms", "wall_s", "t_inf_ms", "seconds", "train_seconds", "episode_time_s", "s_per_episode",
              "qaoa_s_per_episode", "cost_ratio"]
    results = ["env_steps", "D_post_sd", "reward", "secure_frac", "oracle_step_reward", "msg_kb", "costs"]
    assert all(TIMING.search(c.lower()) for c in timing)
    assert not any(TIMING.search(c.lower()) for c in results)


def test_holm_adjustment_known_values():
    # sorted 0.01, 0.03, 0.04 times 3, 2, 1 = 0.03, 0.06, 0.04; step-down keeps them non-decreasing
    assert holm([0.01, 0.04, 0.03]).tolist() == pytest.approx([0.03, 0.06, 0.06])
    assert holm([0.5, 0.9]).tolist() == [1.0, 1.0]


def _seeds(values, metric="reward", **cols):
    return pd.DataFrame({"method": "ppo", "seed": range(len(values)), metric: values, **cols})


def test_seed_noise_welch_and_spread_tests_on_known_values():
    then, now = _seeds([1.0, 2.0, 3.0]), _seeds([4.0, 5.0, 6.0])
    cell = seed_noise(then, now, ["method"]).iloc[0]
    # Welch: t = 3 / sqrt(1/3 + 1/3) = 3.674 on 4 degrees of freedom, two-sided p = 0.0213; deviations from the
    # medians are 1, 0, 1 on both sides, so Brown-Forsythe's F is 0 and its p 1
    assert (cell.t, cell.p_mean, cell.p_spread) == pytest.approx((3.6742, 0.02131, 1.0), abs=1e-4)
    assert cell.beyond_noise                          # one cell: Holm leaves its p as it is


def test_seed_noise_spread_test_is_robust_to_one_collapsed_seed():
    """One seed of five collapsing on a bounded metric is no spread change (the F-test of the variance ratio put
    this at p 4e-5); Brown-Forsythe on the median deviations, hand-computed: z = 0, 0, 0, 0, 0.8 then and 0, 0,
    0.02, 0, 0.04 now, F = 0.8535 on (1, 8), p 0.3826. Ten draws with ten times the sd are a spread change."""
    cell = seed_noise(_seeds([1.0, 1.0, 1.0, 1.0, 0.2]), _seeds([1.0, 1.0, 0.98, 1.0, 0.96]), ["method"]).iloc[0]
    assert cell.p_spread == pytest.approx(0.3826, abs=1e-4) and not cell.beyond_noise
    rng = np.random.default_rng(0)
    wide = seed_noise(_seeds(rng.normal(0, 1, 10)), _seeds(rng.normal(0, 10, 10)), ["method"]).iloc[0]
    assert wide.p_spread < 0.01 and wide.beyond_noise


def test_seed_noise_tests_the_spread_when_one_side_is_all_equal():
    """A side whose seeds are all equal (a censored metric) has median deviations of zero; Brown-Forsythe still
    compares them with the other side's. Hand-computed: z = 0, 0, 0, 0, 0 then and 0, 0, 0, 0, 0.8 now, F = 1.0 on
    (1, 8), p 0.3466 (one collapsed seed: no spread change); then six seeds at 1.0 against six spread over
    0.1-0.9, z = 0 x 6 and 0.4, 0.2, 0, 0, 0.2, 0.4: F = 10 x 0.12 / 0.16 = 7.5 on (1, 10), p 0.0209."""
    one = seed_noise(_seeds([1.0] * 5), _seeds([1.0, 1.0, 1.0, 1.0, 0.2]), ["method"]).iloc[0]
    assert one.p_spread == pytest.approx(0.3466, abs=1e-4) and not one.beyond_noise
    spread = seed_noise(_seeds([1.0] * 6), _seeds([0.1, 0.3, 0.5, 0.5, 0.7, 0.9]), ["method"]).iloc[0]
    assert spread.p_spread == pytest.approx(0.0209, abs=1e-4)


def test_seed_noise_separates_rounding_moves_from_real_ones():
    rng = np.random.default_rng(0)
    then = pd.concat([_seeds(rng.normal(10, 1, 5)).assign(method=m) for m in ("a", "b")])
    now = pd.concat([_seeds(rng.normal(10, 1, 5)).assign(method="a"),      # a new draw of the same runs
                     _seeds(rng.normal(30, 1, 5)).assign(method="b")])     # a shift of 20 sd
    cells = seed_noise(then, now, ["method"]).set_index("method")
    assert not cells.loc["a", "beyond_noise"] and cells.loc["b", "beyond_noise"]


def test_seed_noise_reads_curves_at_their_last_point_and_skips_what_did_not_move():
    then = pd.DataFrame({"model": "Q", "seed": [0, 0, 1, 1], "epoch": [1, 2, 1, 2], "V": [0.1, 0.5, 0.2, 0.6],
                         "seconds": [1.0, 2.0, 3.0, 4.0], "n_params": 9})
    now = then.assign(V=[0.9, 0.5, 0.9, 0.6], seconds=[5.0, 6.0, 7.0, 8.0])   # only early epochs and timing moved
    assert seed_noise(then, now, ["model"], last="epoch").empty
    moved = now.assign(V=[0.1, 0.55, 0.2, 0.65])
    cells = seed_noise(then, moved, ["model"], last="epoch")
    assert cells.metric.tolist() == ["V"] and cells.mean_now.iloc[0] == pytest.approx(0.6)
    # spreads of zero on both sides and different means: beyond noise, with no spread to test
    flat = seed_noise(_seeds([1.0, 1.0]), _seeds([2.0, 2.0]), ["method"]).iloc[0]
    assert flat.beyond_noise and flat.p_mean == 0.0 and np.isnan(flat.p_spread)


def test_compare_tests_a_per_seed_table_that_moved(repo):
    def summary(shift):
        return "".join(f"{m},{s},{r + shift * (m == 'qimarl')}\n" for m in ("qimarl", "ppo") for s, r in
                       enumerate((27.0, 28.0, 26.5)))
    _publish(repo, {"C1": "holds", "C2": "n/a", "C5": "fails"}, {"b.csv": "seed,reward\n0,2.0\n"},
             summary="method,seed,reward\n" + summary(0))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "per-seed summary")
    _publish(repo, {"C1": "holds", "C2": "n/a", "C5": "fails"}, {"b.csv": "seed,reward\n0,2.0\n"},
             summary="method,seed,reward\n" + summary(40))
    text, _ = report(repo, "HEAD")
    assert "results/qimarl/summary.csv (by method; 3 seeds a side): 1 metric cells moved" in text
    assert "1 cells beyond seed noise after Holm" in text and "reward           qimarl" in text
