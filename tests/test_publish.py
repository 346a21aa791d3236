"""Publishing (qrepro.publication.publish): the manifest names the commit and refuses results from uncommitted or
changed code; the README's Findings are generated from the committed tables and a test fails when the two disagree."""

import json
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import ROOT, copy_project

from qrepro.claims import Claims
from qrepro.config import load_params
from qrepro.ledger import compare, ledger
from qrepro.publication.plan import measure
from qrepro.publication.provenance import cpu_model, record_run
from qrepro.publication.publish import BEGIN, END, findings, manifest, sitting_cpus, stage_changes, stale, update_readme
from qrepro.registry import KEYS, PAPERS


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    proj = copy_project(tmp_path)
    git(proj, "init", "-q")
    git(proj, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(proj, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "code")
    return proj


def _commit(repo, message="change"):
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", message)


def test_manifest_names_the_commit_and_refuses_unpublishable_runs(repo):
    none = measure({}, {})
    with pytest.raises(SystemExit, match="records no run at tier smoke"):
        manifest({}, none, repo)
    record_run(repo, "start", "smoke", 2)
    record_run(repo, "success", "smoke", 2)
    m = manifest({}, none, repo)
    assert m["git_commit"] == git(repo, "rev-parse", "HEAD") and m["tier"] == "smoke" and m["cores"] == 2
    assert m["completed_sittings"] == 1 and m["wall_seconds"] >= 0 and "torch" in m["packages"]
    (repo / "params.yaml").write_text((repo / "params.yaml").read_text() + "\n# edited\n")
    with pytest.raises(SystemExit, match="uncommitted changes"):
        manifest({}, none, repo)


def test_the_manifest_names_the_cpu_models_the_sittings_ran_on(repo):
    """Seeded torch training differs between CPU models, so each ledger line names its CPU and the manifest names
    every model the sittings ran on; a line from before the ledger named one counts as this machine's."""
    record_run(repo, "start", "smoke", 2)
    line = json.loads((repo / "logs/runs.jsonl").read_text())
    assert line["cpu"] == cpu_model() != ""
    assert manifest({}, measure({}, {}), repo)["cpu_model"] == cpu_model()
    assert sitting_cpus([{"cpu": "Zen 9"}, {"cpu": "Xeon 7"}, {"cpu": "Zen 9"}]) == "Xeon 7; Zen 9"
    assert sitting_cpus([{"cpu": "Zen 9"}, {}]) == "; ".join(sorted({"Zen 9", cpu_model()}))


def test_the_cpu_model_names_family_model_and_vector_instructions():
    """A virtual machine may name only "AMD EPYC": the family, model and widest vector instructions tell a Zen 3
    from a Zen 4, and an AVX-512 Xeon (whose MKL kernels round differently) from an AVX2 one."""
    def info(name, family, model, flags):
        cpu = f"processor\t: {{}}\nvendor_id\t: x\ncpu family\t: {family}\nmodel\t\t: {model}\nmodel name\t: {name}\n" \
              f"flags\t\t: {flags}\n\n"
        return cpu.format(0) + cpu.format(1)
    assert cpu_model(info("AMD EPYC", 25, 1, "fpu sse2 avx avx2 fma vaes")) == "AMD EPYC (family 25 model 1, AVX2)"
    assert cpu_model(info("Intel Xeon Processor", 6, 143, "avx2 avx512f avx512bw")) == \
        "Intel Xeon Processor (family 6 model 143, AVX-512)"
    assert cpu_model(info("Old", 6, 23, "sse2 avx")).endswith("no AVX2)")


def test_files_not_pulled_are_not_staleness(repo, monkeypatch):
    """In a fresh clone DVC reports every stage's upstream outputs as deleted dependencies: that is data not yet
    pulled, not a change; a modified dependency is."""
    (repo / "results").mkdir(exist_ok=True)
    (repo / "results/manifest.json").write_text(json.dumps({"git_commit": git(repo, "rev-parse", "HEAD")}))
    status = {"qsac": [{"changed deps": {"data/adapshare/LTE_Demand_32.xlsx": "deleted"}}],
              "report": [{"changed deps": {"results/qsac/runs.csv": "deleted",
                                           "results/cqdt/latency.csv": "modified"}}]}
    real = subprocess.run
    monkeypatch.setattr(subprocess, "run", lambda args, **kw: subprocess.CompletedProcess(args, 0, json.dumps(
        status), "") if args[:2] == ["dvc", "status"] else real(args, **kw))
    assert stale(repo) == ["stage report: changed deps results/cqdt/latency.csv (modified)"]


def _sittings(repo, entries):
    """logs/runs.jsonl with (event, time, commit) entries at the smoke tier."""
    log = repo / "logs/runs.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("".join(json.dumps({"event": e, "time": t, "tier": "smoke", "cores": 2, "commit": c,
                                       "dirty": False}) + "\n" for e, t, c in entries))


def _benchmark(repo, name, when):
    import os

    f = repo / "benchmarks" / name
    f.parent.mkdir(parents=True, exist_ok=True)
    f.write_text("s\tmax_rss\n10.0\t300\n")
    os.utime(f, (when, when))
    return f


def test_a_schema_change_touches_the_stages_of_its_section(repo):
    """The params schema validates and fills each params.yaml section: a change inside one paper's part of it
    makes only that paper's stages stale; a change to a part every section may use makes every stage stale."""
    first = git(repo, "rev-parse", "HEAD")
    path = repo / "workflow/schemas/params.schema.yaml"
    schema = yaml.safe_load(path.read_text())
    schema["properties"]["dickeqaoa"]["description"] = "changed"
    path.write_text(yaml.safe_dump(schema, sort_keys=False))
    _commit(repo)
    changes = stage_changes(repo, first)
    assert changes["dickeqaoa"] == ["workflow/schemas/params.schema.yaml: dickeqaoa"]
    assert changes["report"] == ["workflow/schemas/params.schema.yaml: dickeqaoa"]    # the report reads every paper
    assert not any(v for k, v in changes.items() if k not in ("dickeqaoa", "report"))
    schema["definitions"] = {**schema.get("definitions", {}), "unused": {"type": "string"}}
    path.write_text(yaml.safe_dump(schema, sort_keys=False))
    _commit(repo)
    every = stage_changes(repo, first).values()
    assert all(v[0] == "workflow/schemas/params.schema.yaml: every section" for v in every)


def test_only_code_that_shapes_results_makes_them_stale(repo):
    """Every job must come from code that, for its stage, is the commit the manifest names. Mending the planner
    (no stage's dependency) keeps a run publishable; changing a module a stage imports does not, until that
    stage's jobs are rerun on the new commit; the other stages' jobs stand."""
    cfg = load_params(repo / "params.yaml")
    first = git(repo, "rev-parse", "HEAD")
    jobs = {("qimarl_train", (("qimarl_method", "ppo"), ("seed", "0"))): _benchmark(repo, "qimarl.tsv", 1500.0),
            ("qsac_train", (("qsac_model", "sac"), ("seed", "0"))): _benchmark(repo, "qsac.tsv", 1600.0)}
    _sittings(repo, [("start", 1000.0, first), ("success", 2000.0, first)])
    plan = repo / "src/qrepro/publication/plan.py"
    plan.write_text(plan.read_text() + "\n# mended\n")
    _commit(repo)
    assert not any(stage_changes(repo, first).values())
    m = manifest(jobs, measure(jobs, cfg), repo)
    assert m["git_commit"] == git(repo, "rev-parse", "HEAD") and m["jobs_by_commit"] == {first: 2}
    world = repo / "src/qrepro/papers/qimarl/world.py"
    world.write_text(world.read_text() + "\n# changed\n")
    _commit(repo)
    changes = stage_changes(repo, first)
    assert changes["qimarl"] == ["src/qrepro/papers/qimarl/world.py"] and changes["qsac"] == []
    with pytest.raises(SystemExit, match=r"stage qimarl: 1 jobs \(e.g. qimarl_train from " + first[:12]
                       + r": src/qrepro/papers/qimarl/world.py.*`snakemake --forcerun qimarl_train`"):
        manifest(jobs, measure(jobs, cfg), repo)
    second = git(repo, "rev-parse", "HEAD")
    _sittings(repo, [("start", 1000.0, first), ("success", 2000.0, first), ("start", 3000.0, second),
                     ("success", 4000.0, second)])
    _benchmark(repo, "qimarl.tsv", 3500.0)                               # qimarl rerun on the new commit
    m = manifest(jobs, measure(jobs, cfg), repo)
    assert m["jobs_by_commit"] == {first: 1, second: 1} and m["sittings"] == 2 and m["wall_seconds"] == 2000
    params = yaml.safe_load((repo / "params.yaml").read_text())
    params["qsac"]["tiers"]["smoke"]["steps"] += 1                       # a qsac param: qsac's job is now stale
    (repo / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    _commit(repo)
    with pytest.raises(SystemExit, match="stage qsac: 1 jobs .*params.yaml: qsac"):
        manifest(jobs, measure(jobs, cfg), repo)


def test_a_job_stands_when_only_another_rules_code_changed(repo):
    """A stage's module that a job's own script does not import (QI-MARL's figures module for its training jobs)
    leaves that job's results current, as Snakemake leaves the job; the jobs of the rule that imports it are
    refused. In the stage's rule file, another rule's block or a comment leaves the job standing; its own block or
    the file's shared statements refuse it."""
    cfg = load_params(repo / "params.yaml")
    first = git(repo, "rev-parse", "HEAD")
    train = ("qimarl_train", (("qimarl_method", "ppo"), ("seed", "0")))
    figures = ("qimarl_figures", ())
    jobs = {train: _benchmark(repo, "qimarl_train.tsv", 1500.0)}
    _sittings(repo, [("start", 1000.0, first), ("success", 2000.0, first)])
    module = repo / "src/qrepro/papers/qimarl/figures.py"
    module.write_text(module.read_text() + "\n# restyled\n")
    _commit(repo)
    assert stage_changes(repo, first)["qimarl"] == ["src/qrepro/papers/qimarl/figures.py"]
    assert manifest(jobs, measure(jobs, cfg), repo)["jobs_by_commit"] == {first: 1}
    jobs[figures] = _benchmark(repo, "qimarl_figures.tsv", 1600.0)
    with pytest.raises(SystemExit, match=r"stage qimarl: 1 jobs \(e.g. qimarl_figures from " + first[:12]
                       + r": src/qrepro/papers/qimarl/figures.py\)"):
        manifest(jobs, measure(jobs, cfg), repo)
    del jobs[figures]
    rules = repo / "workflow/rules/qimarl.smk"
    text = rules.read_text()
    figures_doc = '"""Learning curves, variants, radar'
    assert figures_doc in text
    rules.write_text(text.replace(figures_doc, '"""The learning curves, variants, radar') + "\n# edited\n")
    _commit(repo)
    assert manifest(jobs, measure(jobs, cfg), repo)["jobs_by_commit"] == {first: 1}
    rules.write_text(rules.read_text().replace("checkpoint_every=config", "checkpoint_every=1 * config", 1))
    _commit(repo)
    with pytest.raises(SystemExit, match=r"stage qimarl: 1 jobs \(e.g. qimarl_train from .*qimarl.smk"):
        manifest(jobs, measure(jobs, cfg), repo)


def test_a_job_is_dated_by_the_code_version_its_log_opens_with(repo):
    """A job's log names the commit it ran; that outranks the sitting its benchmark file's time falls in (which
    `snakemake --touch` moves), and a log of uncommitted code refuses publication."""
    cfg = load_params(repo / "params.yaml")
    first = git(repo, "rev-parse", "HEAD")
    world = repo / "src/qrepro/papers/qimarl/world.py"
    world.write_text(world.read_text() + "\n# changed\n")
    _commit(repo)
    second = git(repo, "rev-parse", "HEAD")
    job = ("qimarl_train", (("qimarl_method", "ppo"), ("seed", "0")))
    jobs = {job: _benchmark(repo, "qimarl.tsv", 1500.0)}              # its file's time: the first sitting's
    _sittings(repo, [("start", 1000.0, first), ("success", 2000.0, first), ("start", 3000.0, second),
                     ("success", 4000.0, second)])
    with pytest.raises(SystemExit, match="stage qimarl: 1 jobs"):
        manifest(jobs, measure(jobs, cfg), repo)
    log = repo / "logs/qimarl.log"
    log.write_text(f'2026-01-01 00:00:00,000 qrepro INFO code version {{"commit": "{second}", "dirty": false}}\n')
    m = manifest(jobs, measure(jobs, cfg), repo, {job: log})
    assert m["jobs_by_commit"] == {second: 1}
    log.write_text(f'2026-01-01 00:00:00,000 qrepro INFO code version {{"commit": "{second}", "dirty": true}}\n')
    with pytest.raises(SystemExit, match="no commit: uncommitted code"):
        manifest(jobs, measure(jobs, cfg), repo, {job: log})


def test_a_killed_sitting_counts_until_its_last_write(repo):
    """Wall time = every sitting, the killed one up to the last benchmark or log its jobs wrote."""
    import os

    log = repo / "logs/runs.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    commit = git(repo, "rev-parse", "HEAD")
    entries = [("start", 1000.0), ("start", 5000.0), ("success", 8000.0)]      # killed, then resumed to the end
    log.write_text("".join(json.dumps({"event": e, "time": t, "tier": "smoke", "cores": 2, "commit": commit,
                                       "dirty": False}) + "\n" for e, t in entries))
    for name, when in (("a.tsv", 1500.0), ("b.tsv", 1900.0), ("c.tsv", 6000.0)):
        f = repo / "benchmarks" / name
        f.parent.mkdir(exist_ok=True)
        f.write_text("s\n1\n")
        os.utime(f, (when, when))
    m = manifest({}, measure({}, {}), repo)
    assert m["wall_seconds"] == (1900 - 1000) + (8000 - 5000)
    assert m["sittings"] == 2 and m["completed_sittings"] == 1


def _line(text: str) -> int:
    return next(i for i, line in enumerate(Path(__file__).read_text().splitlines(), start=1) if text in line)


def _published_tables(root):
    for paper in KEYS:
        c = Claims("main")
        c.add("C1", "a claim", "0.9", lambda: ("holds", "0.95 [0.93, 0.97]"), quote="a claim, in words",
              where="Table 1, line 5", reading="stricter: every cell")
        c.add("H2", "another", "1.0", lambda: ("fails", "0.5"))
        (root / "results" / paper).mkdir(parents=True, exist_ok=True)
        c.table().to_csv(root / "results" / paper / "claims.csv", index=False)
    rows = [{"paper": "qsac", "comparison": "QSAC vs SAC", "quantum": "qsac", "classical": "sac", "metric": "BCR",
             "better": "higher", **compare(pd.Series([0.9, 0.8]), pd.Series([0.5, 0.6]), "higher"),
             "params_quantum": 377.0, "params_classical": 73476.0, "cost_ratio": 1.8, "reference": "",
             "reference_value": float("nan"), "claim": "C3", "verdict": "holds"}]
    ledger(rows).to_csv(root / "results/ledger.csv", index=False)
    (root / "results/manifest.json").write_text(json.dumps({
        "tier": "default", "git_commit": "0123456789abcdef", "date": "2026-12-01", "cores": 2, "cpu_model": "test CPU",
        "cpu_seconds": {"qsac": {"cpu_s": 3600.0}}, "wall_seconds": 1800.0}))


def test_findings_come_from_the_committed_tables(tmp_path):
    _published_tables(tmp_path)
    text = findings(tmp_path)
    assert text.startswith(BEGIN) and text.endswith(END)
    assert "commit `0123456789ab`" in text and "1.0 CPU-hours, 0.50 h of wall time" in text
    shown = sum("C1" in p.hook("claims").HEADLINES for p in PAPERS)               # only each paper's headline claims
    line = 'c.add("C1", "a claim"'
    assert text.count(f"| C1 | a claim *(stricter: every cell)* | 0.9 (Table 1, line 5) | 0.95 [0.93, 0.97] | holds "
                      f"| `test_publish.py:{_line(line)} (<lambda>)` |") == shown > 0   # where it stands, how we read
    #                                                                  it, and the line that decided it
    assert "Verdicts: 1 holds, 0 partly, 1 fails, 0 inconclusive, 0 untestable, 0 n/a" in text
    assert "1 of its 2 claims below; all in [results/cqdt/claims.csv](results/cqdt/claims.csv) and report chapter 4" \
        in text                                                      # a selection, said so, with the full table
    assert "QSAC vs SAC" not in text and "[results/ledger.csv](results/ledger.csv)" in text   # the ledger: linked
    assert "jobs by the commit" not in text                          # one commit: nothing to split
    m = json.loads((tmp_path / "results/manifest.json").read_text())
    m.update(jobs_by_commit={m["git_commit"]: 43})
    (tmp_path / "results/manifest.json").write_text(json.dumps(m))
    assert "jobs by the commit" not in findings(tmp_path)            # the jobs ran on the commit it names
    m.update(jobs_by_commit={"aaaaaaaaaaaaaaaa": 43})                # ran on an earlier commit, same stage code
    (tmp_path / "results/manifest.json").write_text(json.dumps(m))
    assert "jobs by the commit they ran on: `aaaaaaaaaaaa` 43 (the same code" in findings(tmp_path)
    m.update(jobs_by_commit={"aaaaaaaaaaaaaaaa": 3, "bbbbbbbbbbbbbbbb": 40}, sittings=2)
    (tmp_path / "results/manifest.json").write_text(json.dumps(m))
    assert ("0.50 h of wall time over 2 sittings; jobs by the commit they ran on: `bbbbbbbbbbbb` 40, "
            "`aaaaaaaaaaaa` 3 (the same code and params for each job's stage).") in findings(tmp_path)
    (tmp_path / "README.md").write_text(f"# x\n\n## Findings\n\n{BEGIN}\nold\n{END}\n\n## Next\n")
    assert not update_readme(tmp_path, check=True)
    update_readme(tmp_path)
    assert update_readme(tmp_path, check=True) and (tmp_path / "README.md").read_text().endswith("## Next\n")


def test_the_readme_findings_match_the_committed_tables():
    """Once results are published, the README's Findings are exactly what the committed tables generate."""
    if not (ROOT / "results/manifest.json").exists():
        pytest.skip("nothing published yet (no results/manifest.json)")
    assert update_readme(ROOT, check=True), "README Findings differ from results/: run `qrepro publish`"


def test_every_ledger_row_is_recomputed_from_tables_committed_to_git():
    """A reader with only a clone can check the ledger: the tables each paper's ledger rows read (its LEDGER
    entry: claims and per-seed tables) are tracked by git, and rebuilding the ledger from them gives the committed
    results/ledger.csv, row for row."""
    from qrepro.ledger import build, read_table
    from qrepro.publication.dvc_stages import load_rules
    from qrepro.registry import by_paper

    if not (ROOT / "results/manifest.json").exists():
        pytest.skip("nothing published yet (no results/manifest.json)")
    manifest = json.loads((ROOT / "results/manifest.json").read_text())
    if "per_seed" not in manifest:
        pytest.skip(f"the publication of {manifest['git_commit'][:12]} ({manifest['tier']} tier) predates per-seed "
                    "tables in git; test_registry checks that the next one commits them")
    rule = next(r for r in load_rules(ROOT) if r.name == "ledger")
    files = by_paper({name: rule.input[i] for name, (i, _) in rule.input._names.items()})
    tracked = set(git(ROOT, "ls-files", "results").splitlines())
    paths = {str(p) for tables in files.values() for p in tables.values()}
    assert paths <= tracked, f"ledger inputs not in git: {sorted(paths - tracked)}"
    tables = {key: {name: read_table(name, ROOT / path) for name, path in t.items()} for key, t in files.items()}
    rebuilt = build(tables, rule.params.papers)
    committed = pd.read_csv(ROOT / "results/ledger.csv", keep_default_na=False, na_values=[""])
    assert len(rebuilt) == len(committed) and list(rebuilt.columns) == list(committed.columns)
    for col in committed.columns:
        if pd.api.types.is_numeric_dtype(rebuilt[col]):
            assert np.allclose(rebuilt[col].astype(float), committed[col].astype(float), rtol=1e-9, equal_nan=True), col
        else:
            assert rebuilt[col].fillna("").astype(str).tolist() == committed[col].fillna("").astype(str).tolist(), col
