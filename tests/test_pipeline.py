"""End to end on the smoke tier: `dvc repro` drives Snakemake; report text, incremental reruns,
SLURM profile dry-run and a bad parameter. One pipeline run is shared by the tests of this module."""

import json
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import copy_project
from pypdf import PdfReader

ENV = {**os.environ, "DVC_NO_ANALYTICS": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
       "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}


def sh(cmd, cwd, check=True):
    r = subprocess.run(cmd, cwd=cwd, shell=True, capture_output=True, text=True, env=ENV)
    if check and r.returncode != 0:
        raise AssertionError(f"{cmd} failed ({r.returncode}):\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}")
    return r.stdout + r.stderr


def dry_run_with_world_edited(root):
    """`snakemake -n` in ``root`` while QI-MARL's UAV world module carries an edit, restored afterwards."""
    module = root / "src/qrepro/papers/qimarl/world.py"
    text = module.read_text()
    module.write_text(text + "\n# edited\n")
    try:
        return sh("snakemake -n", root)
    finally:
        module.write_text(text)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    proj = copy_project(tmp_path_factory.mktemp("proj"))
    sh("git init -q && dvc init -q && dvc config core.analytics false && dvc config core.check_update false", proj)
    out = sh("dvc repro", proj)
    return proj, out


def test_dvc_repro_runs_all_stages_and_writes_outputs(project):
    proj, out = project
    for stage in ("import_data", "qsac", "qrlbench", "dickeqaoa", "cqdt", "qimarl", "report"):
        assert f"Running stage '{stage}'" in out
    status = sh("dvc status", proj)         # caches written during the run (numba, bytecode) are not deps
    assert "Data and pipelines are up to date" in status, status
    runs = pd.read_csv(proj / "results/qsac/runs.csv")
    assert sorted(runs.model) == ["ddpg", "qsac", "sac", "td3"] and set(runs.seed) == {0}
    assert (runs[["DSR_LTE", "DSR_NR", "Util"]].to_numpy() <= 1).all()
    assert ((runs.BCR_LTE_5 * 20) % 1 == 0).all()          # multiples of 1/T, T = 20 eval steps (smoke)
    manifest = json.loads((proj / "data/adapshare/manifest.json").read_text())
    assert len(manifest) == 4
    claims = pd.read_csv(proj / "results/qsac/claims.csv", keep_default_na=False).set_index("claim").verdict
    assert claims["C1"] == "holds"
    assert claims["C15"] == "n/a"                            # one smoke seed: no significance claims
    metrics = json.loads((proj / "results/qsac/summary.json").read_text())     # DVC metrics: the same keys per paper
    assert metrics["holds"] == (claims == "holds").sum() and metrics["n/a"] == (claims == "n/a").sum()
    assert metrics["metric"] == "BCR_LTE_5 nr60 (higher)" and 0 <= metrics["quantum"] <= 1
    sc = pd.read_csv(proj / "results/qsac/sample_complexity.csv")
    assert set(sc.model) == {"ddpg", "qsac", "sac", "td3"} and len(sc) == 4 * 4 * 3
    assert ((sc.S % 25 == 0) & (sc.S <= sc.cap) & (sc.lo <= sc.S) & (sc.S <= sc.hi)).all()
    log = (proj / "logs/qsac/nr60/qsac/seed0.log").read_text()
    assert "ETA" in log                                      # progress lines


def test_published_results_travel_by_git_and_dvc(project, tmp_path):
    """git carries the small tables and the report; DVC carries the rest: pushed to a folder remote, a fresh clone
    shows every paper's verdicts before pulling, restores every output with `dvc pull`, and then nothing is stale:
    `dvc status` is clean and `dvc repro` reruns nothing; `qrepro stale` agrees, until a param changes."""
    proj, _ = project
    sh(f"dvc remote add -d store {tmp_path / 'remote'} && git add -A && git commit -qm results && dvc push -q", proj)
    tracked = sh("git ls-files", proj).split()
    assert "results/qsac/claims.csv" in tracked and "reports/report.pdf" in tracked and "dvc.lock" in tracked
    assert "results/ledger.csv" in tracked and not any("/runs/" in f or f.endswith(".pt") for f in tracked)
    clone = tmp_path / "clone"
    sh(f"git clone -q {proj} {clone}", tmp_path)
    for paper in ("qsac", "qrlbench", "dickeqaoa", "cqdt", "qimarl"):
        assert (clone / f"results/{paper}/claims.csv").exists()                  # verdicts without any pull
    assert not (clone / "results/qsac/runs").exists()
    sh("dvc pull -q", clone)
    assert (clone / "results/qsac/runs/nr60/qsac/seed0/model.zip").exists()
    assert "Data and pipelines are up to date" in sh("dvc status", clone)
    out = sh("dvc repro", clone)
    assert "Running stage" not in out, out[-2000:]
    head = sh("git rev-parse HEAD", clone).strip()
    (clone / "results/manifest.json").write_text(json.dumps({"git_commit": head}))
    r = subprocess.run("qrepro stale", cwd=clone, shell=True, capture_output=True, text=True, env=ENV)
    assert r.returncode == 0 and "match the code and params" in r.stdout, r.stdout + r.stderr
    params = yaml.safe_load((clone / "params.yaml").read_text())
    params["qsac"]["agent"]["tau"] = 0.5
    (clone / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    r = subprocess.run("qrepro stale", cwd=clone, shell=True, capture_output=True, text=True, env=ENV)
    assert r.returncode == 1 and "stage qsac: changed deps params.yaml (qsac modified)" in r.stdout, r.stdout + r.stderr


def test_a_pulled_clone_reruns_exactly_what_changed_and_comes_to_rest(project, tmp_path):
    """The rerun triggers travel with the data (each job's stamp, qrepro.stamps): in a clone that pulled the results
    and never ran a job, nothing reruns; a library edit reruns exactly the jobs that import it; a params change reruns
    the affected training jobs (and what reads them), whose outputs then match the new setting; afterwards `dvc
    status` is clean and a second `dvc repro` does nothing."""
    proj, _ = project
    remote = tmp_path / "remote"
    sh(f"dvc remote add -f -d store {remote} && git add -A && git commit -qm results --allow-empty && dvc push -q",
       proj)
    clone = tmp_path / "clone"
    sh(f"git clone -q {proj} {clone}", tmp_path)
    sh("dvc pull -q", clone)
    assert list((clone / "results/.provenance/qsac_train").glob("*.json")), "stamps travel with the results"
    assert "Nothing to be done" in sh("snakemake -n", clone)
    out = dry_run_with_world_edited(clone)
    assert "rule qimarl_train:" in out and "rule qsac_train:" not in out and "rule qrlbench_train:" not in out
    params = yaml.safe_load((clone / "params.yaml").read_text())
    params["qsac"]["tiers"]["smoke"]["steps"] = 200
    (clone / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    out = sh("dvc repro", clone)
    assert "Running stage 'qsac'" in out and "Running stage 'qrlbench'" not in out and "Running stage 'qimarl'" \
        not in out
    log = pd.read_csv(clone / "results/qsac/runs/nr60/qsac/seed0/train_log.csv")
    assert len(log) == 200                                  # the report's "200 one-step episodes" is what ran
    assert "200 one-step training episodes" in "\n".join(p.extract_text() for p in
                                                          PdfReader(clone / "reports/report.pdf").pages)
    assert "Data and pipelines are up to date" in sh("dvc status", clone)
    assert "Running stage" not in sh("dvc repro", clone)
    assert "Nothing to be done" in sh("snakemake -n", clone)


def test_each_stamp_is_the_record_snakemake_keeps(project):
    """A job's stamp restores exactly the params, inputs and logs Snakemake recorded for its outputs."""
    from qrepro.stamps import record_path

    proj, _ = project
    stamps = sorted((proj / "results/.provenance").glob("*/*.json"))
    assert {s.parent.name for s in stamps} >= {"qsac_train", "qimarl_train", "report", "import_adapshare"}
    for path in stamps:
        stamp = json.loads(path.read_text())
        for out in stamp["output"]:
            if (proj / out).exists():
                record = json.loads(record_path(proj / ".snakemake/metadata", out).read_text())
                assert {k: record[k] for k in ("rule", "input", "log", "params")} == \
                    {k: stamp[k] for k in ("rule", "input", "log", "params")}, (path.name, out)


def test_a_quick_try_at_another_tier_leaves_the_published_results_alone(project):
    """`--config tier=<other>` runs under tiers/<other>/ (ignored by git), so the results of the tier params.yaml
    sets, and `git status`, stay as they are."""
    proj, _ = project
    published = (proj / "results/qrlbench/layouts.json").read_bytes()
    sh("git add -A && git commit -qm before --allow-empty", proj)
    sh("snakemake --cores 1 --config tier=default -- results/qrlbench/layouts.json", proj)
    assert (proj / "tiers/default/results/qrlbench/layouts.json").exists()
    assert (proj / "results/qrlbench/layouts.json").read_bytes() == published
    assert sh("git status --porcelain", proj).strip() == ""


def test_a_changed_data_file_stops_the_run_before_any_job(project):
    """Inputs are verified where they are used: an imported file edited afterwards stops the next run, naming it
    and the sha256 it should have."""
    proj, _ = project
    data = proj / "data/adapshare/LTE_Demand_hourly.tsv"
    original = data.read_bytes()
    data.write_bytes(original + b"1\t1.0\n")
    try:
        r = subprocess.run("snakemake -n", cwd=proj, shell=True, capture_output=True, text=True, env=ENV)
    finally:
        data.write_bytes(original)
    assert r.returncode != 0
    assert "data/adapshare/LTE_Demand_hourly.tsv: sha256" in r.stdout + r.stderr
    assert "expected a672db0224c52ce3c1bf67344fe701935da43c7c40fa28133d050b4f62d07c4a" in r.stdout + r.stderr


def test_report_pdf_text(project):
    proj, _ = project
    reader = PdfReader(proj / "reports/report.pdf")
    assert len(reader.pages) >= 4
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\xa0", " ")
    for needle in ["Verdict overview", "QSAC", "Table III: paper vs ours", "Claim verdicts",
                   "Deviations from the paper",
                   "Table II: parameter counts", "73476", "377", "oracle", "persistence", "untestable",
                   "Sample complexity"]:
        assert needle in text, needle
    from qrepro.claims import read_claims

    for claims in (read_claims(proj / "results/qsac/claims.csv"), read_claims(proj / "results/qrlbench/claims.csv")):
        for row in claims.itertuples():
            assert row.claim in text
    assert "nan" not in text.lower().split()            # verdicts stay text ('n/a'), empty cells read '-'
    for needle in ["qrlbench", "BeamManagement6G", "Q4-2 (79 params, 2 runs)", "C16-2 (387 params, 3 runs)"]:
        assert needle in text, needle
    for needle in ["dickeqaoa", "Table 3: best conflict", "2,916", "6,561", "Simulator verification",
                   "cqdt: quantum digital twin", "Physics checks (P1-P6)", "Table 14: per-stage latency",
                   "qimarl: quantum-inspired MARL", "Table 1: cost per training episode"]:
        assert needle in text, needle
    assert sum(len(p.images) for p in reader.pages) >= 22  # 4 figures per paper, 6 for qimarl so far


def test_report_pdf_is_navigable(project):
    """Bookmarks and a contents page for chapter 1 (front matter) and one numbered chapter per paper, in the
    order the README cites them; each chapter opens with its summary; the verdict glossary and every paper's
    citation on the front pages; every ledger row's verdict printed ('n/a' too); no 'nan'; fonts embedded."""
    from test_report import _font_files

    from qrepro.registry import PAPERS

    proj, _ = project
    reader = PdfReader(proj / "reports/report.pdf")
    chapters = [o.title for o in reader.outline if not isinstance(o, list)]
    assert chapters[0] == "1 Front matter: what was run and how to read it" and len(chapters) == 1 + len(PAPERS)
    for n, (title, paper) in enumerate(zip(chapters[1:], PAPERS), start=2):
        assert title.startswith(f"{n} ") and paper.key.lower() in title.lower(), (title, paper.key)
    sections = [o.title for sub in reader.outline if isinstance(sub, list) for o in sub]
    assert {f"{n}.1 Summary" for n in range(2, 2 + len(PAPERS))} <= set(sections)
    pages = [p.extract_text().replace("\xa0", " ") for p in reader.pages]
    flat = " ".join(" ".join(pages).split())
    assert "Contents" in pages[0] + pages[1] and "How to read a verdict" in flat and "inconclusive" in flat
    for paper in PAPERS:
        assert " ".join(paper.citation.split())[:40] in flat, paper.key
    assert "Table 1.1." in flat and "Figure 2.1." in flat and "Made by rule qsac_figures" in flat
    ledger = pd.read_csv(proj / "results/ledger.csv", keep_default_na=False, na_values=[""])
    for row in ledger.dropna(subset=["claim"]).itertuples():
        assert f"{row.claim} {row.verdict}" in flat, (row.claim, row.verdict)
    assert "nan" not in flat.lower().split()
    fonts = _font_files(reader)
    assert fonts and all(embedded for _, embedded in fonts), [f for f, e in fonts if not e]
    assert 15 <= len(reader.pages) <= 80


def test_snakemake_report_and_dvc_metrics_as_their_users_expect(project, tmp_path):
    """`snakemake --report` builds the HTML report with the PDF, the ledger and every paper's figures and claims
    (the outputs marked with report()); `dvc metrics show` prints one table within 160 columns."""
    import zipfile

    proj, _ = project
    sh(f"snakemake --report {tmp_path / 'report.zip'}", proj)
    names = {Path(n).name for n in zipfile.ZipFile(tmp_path / "report.zip").namelist()}
    figures = {p.name for p in (proj / "reports/figures").glob("*.png")}
    assert {"report.pdf", "ledger.csv", "claims.csv"} <= names and figures <= names, sorted(figures - names)
    metrics = sh("dvc metrics show", proj).splitlines()
    assert len(metrics) >= 1 + 5 and max(map(len, metrics)) <= 160, max(map(len, metrics))


def test_params_change_reruns_only_what_it_touches(project):
    proj, _ = project
    metrics = proj / "results/qsac/runs/nr60/qsac/seed0/metrics.json"
    before = metrics.stat().st_mtime_ns
    params = yaml.safe_load((proj / "params.yaml").read_text())
    params["report"]["title"] = "Renamed report"
    (proj / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    out = sh("dvc repro", proj)
    assert "Running stage 'report'" in out
    assert "Running stage 'qsac'" not in out and "Running stage 'import_data'" not in out
    assert "Running stage 'qrlbench'" not in out
    assert metrics.stat().st_mtime_ns == before
    assert "Renamed report" in PdfReader(proj / "reports/report.pdf").metadata["/Title"]

    params["qsac"]["models"] = ["qsac", "sac", "td3"]       # drop a model: nothing needs retraining
    (proj / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    out = sh("dvc repro", proj)
    assert "Running stage 'qsac'" in out and "Running stage 'import_data'" not in out
    assert "Running stage 'qrlbench'" not in out
    assert "rule qsac_train" not in out                     # Snakemake reused every training run
    assert metrics.stat().st_mtime_ns == before
    assert sorted(pd.read_csv(proj / "results/qsac/runs.csv").model) == ["qsac", "sac", "td3"]

    assert "didn't change" in sh("dvc repro", proj) or "up to date" in sh("dvc status", proj)


def test_qrlbench_outputs(project):
    proj, _ = project
    curves = pd.read_csv(proj / "results/qrlbench/validation_curves.csv")
    runs = curves.groupby(["env", "algo", "model"]).agg(seeds=("seed", "nunique"), epochs=("epoch", "max"),
                                                        n_params=("n_params", "first"))
    main = "a3-main-d3"
    # smoke: 3 seeds, Q4-2 2 (seeds_by_model), the sweep environments 2 (sweep_seeds), PPO 3 (ppo_seeds)
    assert runs.to_dict("index") == {(main, "ddqn", "C16-2"): dict(seeds=3, epochs=3, n_params=387),
                                     (main, "ddqn", "Q4-2"): dict(seeds=2, epochs=3, n_params=79),
                                     (main, "ppo", "C16-2"): dict(seeds=3, epochs=2, n_params=740),
                                     ("a3-main-d4", "ddqn", "C16-2"): dict(seeds=2, epochs=3, n_params=387),
                                     ("a2-0-d3", "ddqn", "C16-2"): dict(seeds=2, epochs=3, n_params=370),
                                     ("cartpole", "vpg", "C16-1"): dict(seeds=3, epochs=2, n_params=114),
                                     ("cartpole", "vpg", "Q4-1"): dict(seeds=3, epochs=2, n_params=24)}
    assert curves.V.between(0, 1).all()
    sc = pd.read_csv(proj / "results/qrlbench/sample_complexity.csv")
    beams = sc[sc.config != "cartpole/vpg"]
    assert len(beams) == 5 * 3 * 2
    assert set(beams.config) == {f"{main}/ddqn", f"{main}/ppo", "a3-main-d4/ddqn", "a2-0-d3/ddqn"}
    assert (sc[sc.config.str.endswith("ddqn")].cap == 6000).all()
    assert (sc[sc.config.str.endswith("ppo")].cap == 4000).all()
    assert beams.S.isin([0, 2000, 4000, 6000]).all()
    cart = sc[sc.config == "cartpole/vpg"]                  # 6 x 7 grid, S in episodes (10 per update, 2 updates)
    assert len(cart) == 2 * 6 * 7 and (cart.cap == 20).all() and cart.S.isin([0, 10, 20]).all()
    layouts = json.loads((proj / "results/qrlbench/layouts.json").read_text())
    assert set(layouts) == {"a3-main", "a2-0"} and len(layouts["a2-0"]) == 2
    surface = pd.read_csv(proj / "results/qrlbench/surface.csv")
    assert len(surface) == 2 * 7 * 7 and surface.S.isin([0, 2000, 4000, 6000]).all()
    pt = pd.read_csv(proj / "results/qrlbench/policy_test.csv")   # Fig. 8: the 3 best runs (Q4-2: 2), 1000 paths
    assert pt.groupby("policy").instance.nunique().to_dict() == {"C16-2": 3, "Q4-2": 2, "optimal": 1, "random": 1}
    mean = pt.groupby("policy").cum_intensity.mean()
    assert mean["optimal"] == pytest.approx(13.9, rel=0.05) and mean["random"] == pytest.approx(5.1, rel=0.05)  # [M]
    assert pd.read_csv(proj / "results/qrlbench/estimator_bias.csv").shape == (3 * 101, 7)
    verdicts = pd.read_csv(proj / "results/qrlbench/claims.csv", keep_default_na=False).set_index("claim").verdict
    assert verdicts["H1"] == "n/a"                          # Q14-4 is not part of the smoke tier
    assert verdicts["H15"] in ("holds", "partly") and verdicts["H16"] == "inconclusive"  # CartPole: all censored
    assert verdicts["H12"] in ("holds", "fails") and verdicts["H13"] == "n/a"  # degree sweep only


def test_dickeqaoa_outputs(project):
    proj, _ = project
    runs = pd.read_csv(proj / "results/dickeqaoa/runs.csv")
    assert len(runs) == 2 * 2 * 2                           # smoke: N 5, 6 x both ansaetze x 2 seeds
    assert (runs[runs.ansatz == "proposed"].feas_ratio == 1).all()
    assert ((runs.feas_ratio * 512) % 1 == 0).all()        # fractions of the 512-shot final sample
    base = pd.read_csv(proj / "results/dickeqaoa/baselines.csv").set_index("N")
    assert base.loc[[5, 6, 8], "ilp_opt"].tolist() == [2, 3, 2] and base.loc[8, "feasible_states"] == 6561
    checks = pd.read_csv(proj / "results/dickeqaoa/verification.csv")
    assert checks.passed.all() and checks.check.str.startswith("Pauli frames vs Aer").sum() == 6   # 3 scopes x 2
    noise = pd.read_csv(proj / "results/dickeqaoa/noise.csv")
    prop0 = noise[(noise.ansatz == "proposed") & (noise.p_err == 0)]
    assert len(noise) == 4 and prop0.deviation.tolist() == [0.0]
    claims = pd.read_csv(proj / "results/dickeqaoa/claims.csv", keep_default_na=False).set_index("claim").verdict
    assert claims["C1"] == "fails" and claims["C1b"] == "partly" and claims["C9"] == "holds"
    assert claims["C4"] == "n/a" and claims["C8a"] == "n/a"   # 2 smoke seeds; noise at N = 4, not the paper's 5
    assert pd.read_csv(proj / "results/dickeqaoa/dual.csv").mean_conflict.min() > 4   # never below greedy (spec E5)


def test_cqdt_outputs(project):
    proj, _ = project
    assert pd.read_csv(proj / "results/cqdt/physics.csv").passed.all()
    ep = pd.read_csv(proj / "results/cqdt/episodes.csv")
    assert set(ep.state) == {"ghz"} and set(ep.seed) == {42} and (ep.D_post >= 1 - ep.F_post - 1e-9).all()
    oracle = ep[ep.policy == "oracle"].set_index(["scenario", "episode"]).reward
    for pol, g in ep.groupby("policy"):
        assert (g.set_index(["scenario", "episode"]).reward <= oracle + 1e-12).all(), pol
    det = pd.read_csv(proj / "results/cqdt/detection.csv")
    assert set(det.method) == {"cqdt", "qobs", "heuristic", "random", "ids_lr", "ids_gbdt"}
    claims = pd.read_csv(proj / "results/cqdt/claims.csv", keep_default_na=False).set_index("claim").verdict
    assert claims["C1"] == "n/a" and claims["C6"] == "n/a"         # one smoke seed; no comparators in smoke
    assert claims["C11"] in ("holds", "fails") and claims["C10"] in ("holds", "fails", "inconclusive")
    lat = pd.read_csv(proj / "results/cqdt/latency.csv")
    assert set(lat.n) == {3} and lat.rep.nunique() == 3


def test_qimarl_outputs(project):
    proj, _ = project
    ep = pd.read_csv(proj / "results/qimarl/episodes.csv")
    assert sorted(ep.groupby("method").episode.max().items()) == [
        ("ddpg", 2), ("icm", 2), ("iql", 2), ("ppo", 2), ("qi_icm", 2), ("qimarl", 2), ("qimarl_exact", 2),
        ("qimarl_noentropy", 2), ("qimarl_nogp", 2), ("qimarl_noqaoa", 2), ("qimarl_noshared", 2), ("qimarl_random", 2),
        ("qimarl_sa", 2), ("rnd", 2)]
    assert ep[ep.method.isin(["icm", "rnd", "qi_icm"])].intrinsic_reward.notna().all()
    assert (ep[ep.method == "qimarl"].qaoa_time_s > 0).all() and (ep[ep.method == "ppo"].qaoa_time_s == 0).all()
    assert (ep.regret_ep > 0).all() and ep.coverage.between(0, 1).all()
    claims = pd.read_csv(proj / "results/qimarl/claims.csv", keep_default_na=False).set_index("claim").verdict
    assert claims["C1"] == "n/a" and claims["C13"] == "n/a" and claims["C14"] == "n/a"  # 1 seed
    assert claims["C6"] == "n/a" and claims["C7"] == "n/a"
    assert claims["C11"] in ("holds", "partly", "fails")
    assert claims["C9"] == "n/a" and claims["C10"] in ("holds", "fails")    # smoke sweeps only the QAOA depth
    assert claims["C4s"] == "n/a"                                           # 1 seed: no bootstrap verdict
    est = pd.read_csv(proj / "results/qimarl/sample_complexity.csv")
    assert len(est) == 14 * 4 * 2 and (est.cap == 3 * 100 * 10).all()     # methods x eps x delta; 3 one-episode epochs
    assert ((est.S % 1000 == 0) & (est.lo <= est.S) & (est.S <= est.hi)).all()
    sens = pd.read_csv(proj / "results/qimarl/sensitivity.csv")
    assert sorted(zip(sens.config, sens.p)) == [("default", 3), ("p=1", 1), ("p=5", 5)] and (sens.episodes == 3).all()
    sc = pd.read_csv(proj / "results/qimarl/scaling.csv")
    assert sorted(zip(sc.method, sc.n_uav)) == [("ppo", 4), ("ppo", 8), ("ppo", 14),
                                                ("qimarl", 4), ("qimarl", 8), ("qimarl", 14)]
    assert (sc.s_per_episode > 0).all() and (sc.peak_rss_mb > 100).all()
    assert sc[sc.method == "qimarl"].set_index("n_uav").cross_conflicts.notna()[14]   # clustered QAOA at N = 14


def test_a_library_change_reruns_exactly_the_jobs_that_import_it(project):
    """Each rule's `code` param digests the modules its script imports: editing the UAV world reruns QI-MARL's
    training jobs and nothing of QSAC; restoring the file restores the digest, so nothing is left to rerun."""
    proj, _ = project
    out = dry_run_with_world_edited(proj)
    assert "rule qimarl_train:" in out and "Params have changed" in out
    assert "rule qsac_train:" not in out and "rule qrlbench_train:" not in out
    assert "rule qimarl_train:" not in sh("snakemake -n", proj)


def test_touch_runs_are_not_sittings(project):
    """`snakemake --touch` computes nothing: the run ledger publication reads gains no sitting."""
    proj, _ = project
    ledger = proj / "logs/runs.jsonl"
    before = ledger.read_text()
    sh("snakemake --touch --cores 1", proj)
    assert ledger.read_text() == before


def test_slurm_profile_dry_run(project):
    """Unedited: no placeholder account or partition (SLURM's defaults apply); every job carries its own runtime
    and memory (without results/costs.csv, each rule's fallback), so --default-resources loses nothing."""
    proj, _ = project
    out = sh("snakemake -n -F --workflow-profile workflow/profiles/slurm", proj)
    assert "qsac_train" in out and "slurm_account" not in out and "slurm_partition" not in out
    jobs = [block for block in out.split("\n\n") if "rule qsac_train" in block]
    assert jobs and all("runtime=120" in j and "mem_mb=2000" in j for j in jobs), jobs[:1]
    out = sh("snakemake -n -F --workflow-profile workflow/profiles/slurm --default-resources slurm_account=lab "
             "slurm_partition=cpu", proj)
    jobs = [block for block in out.split("\n\n") if "rule qsac_train" in block]
    assert all("slurm_account=lab" in j and "runtime=120" in j and "mem_mb=2000" in j for j in jobs)


def test_lint_reports_only_the_conda_rule(project):
    """Every rule has a log, no mixed rules/functions, ...; only 'use conda' remains (pip-installed project)."""
    import re

    out = sh("snakemake --lint", project[0], check=False)
    titles = set(re.findall(r"^\s+\* (.+?):\s*$", out, re.M))
    assert titles == {"Specify a conda environment or container for each rule."}, out[-3000:]


def test_bad_parameter_fails_with_clear_message(tmp_path):
    proj = copy_project(tmp_path, overrides={"qsac": {"quantum": {"backend": "cuda"}}})
    r = subprocess.run("snakemake -n", cwd=proj, shell=True, capture_output=True, text=True, env=ENV)
    assert r.returncode != 0
    assert "qsac.quantum.backend" in r.stdout + r.stderr and "'torch', 'pennylane'" in r.stdout + r.stderr
    params = yaml.safe_load((proj / "params.yaml").read_text())
    params["qsac"]["quantum"]["backend"] = "kernel"                    # valid again
    (proj / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    (proj / "other.yaml").write_text("qsac:\n  sample_complexity:\n    eps: [0.0, 0.5]\n")
    r = subprocess.run("snakemake -n --configfile other.yaml", cwd=proj, shell=True, capture_output=True, text=True,
                       env=ENV)                                   # named by the file that set it, with the range
    assert r.returncode != 0 and "other.yaml: invalid value at 'qsac.sample_complexity.eps.0'" in r.stdout + r.stderr
    assert "strictly between 0" in r.stdout + r.stderr
    text = (proj / "params.yaml").read_text()
    (proj / "params.yaml").write_text(text.replace("tier: smoke", "tier: [smoke", 1))
    r = subprocess.run("snakemake -n", cwd=proj, shell=True, capture_output=True, text=True, env=ENV)
    assert r.returncode != 0 and "params.yaml: not valid YAML" in r.stdout + r.stderr
    assert "line 1, column 7" in r.stdout + r.stderr                      # where the broken value starts
