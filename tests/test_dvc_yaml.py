"""dvc.yaml is generated from the workflow, and the rules' code digests follow the modules their scripts import."""

from conftest import ROOT


def test_dvc_yaml_is_generated_from_the_workflow():
    """Every stage's deps cover the modules its scripts import and the files its rules read; the committed
    dvc.yaml is exactly what the workflow generates (`qrepro dvc-yaml`)."""
    from qrepro.publication.dvc_stages import render, stages
    from qrepro.registry import KEYS

    assert (ROOT / "dvc.yaml").read_text() == render(), "dvc.yaml is stale: run `qrepro dvc-yaml`"
    st = stages()
    assert list(st) == ["import_data", *KEYS, "report"]                       # the registry's papers, in its order
    deps = {name: set(s["deps"]) for name, s in st.items()}
    assert {"src/qrepro/papers/qsac/figures.py", "src/qrepro/stats/sample_complexity.py",
            "data/adapshare/NR_Demand_hourly.tsv"} <= deps["qsac"]
    assert {"workflow/scripts/qrlbench/estimator_bias.py", "workflow/scripts/qrlbench/policy_test.py",
            "src/qrepro/papers/qrlbench/bias.py", "src/qrepro/papers/qrlbench/config.py"} <= deps["qrlbench"]
    assert {"src/qrepro/stats/fits.py", "src/qrepro/papers/qimarl/learner.py"} <= deps["qimarl"]
    # of another paper, a stage depends on its registry entry (its package's __init__ and config) and nothing else
    assert not {f for f in deps["qsac"] if f.startswith("src/qrepro/papers/qimarl/")
                and not f.endswith(("__init__.py", "config.py"))}
    # the report reads every paper's chapter and ledger rows through the registry (Paper.hook): all are its deps
    assert {f"src/qrepro/papers/{k}/{m}.py" for k in KEYS for m in ("section", "ledger")} <= deps["report"]
    assert {"src/qrepro/report/pdf.py", "src/qrepro/config.py", "results/cqdt/claims.csv"} <= deps["report"]
    outs = {name: [next(iter(o)) for o in s["outs"]] for name, s in st.items()}
    assert "results/qsac/runs" in outs["qsac"] and "results/qimarl/sweep" in outs["qimarl"]
    assert "results/dickeqaoa/noise" in outs["dickeqaoa"]
    assert "results/dickeqaoa/noise/params.json" not in outs["dickeqaoa"]
    assert not any(o.startswith("results/qrlbench/tables") for o in outs["qrlbench"])     # temp(): no DVC out
    published = [p for s in st.values() for o in s["outs"] for p, opt in o.items() if opt.get("cache") is False]
    assert "reports/report.pdf" in published and "results/qimarl/claims.csv" in published
    # the per-seed tables behind the claims and the ledger are committed; the runs themselves stay in the DVC cache
    assert "results/qrlbench/validation_curves.csv" in published and "results/qsac/runs.csv" in published
    assert not any(p.startswith(("results/qrlbench/runs", "results/qsac/runs/")) for p in published)


def test_code_digest_follows_the_modules_a_script_imports(tmp_path):
    """The rules' ``code`` param: changes with a module the script imports (transitively), not with another."""
    from qrepro.publication.dvc_stages import code_digest

    pkg = tmp_path / "src/qrepro"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .b import f\n")
    (pkg / "b.py").write_text("def f():\n    return 1\n")
    (pkg / "other.py").write_text("X = 1\n")
    script = tmp_path / "run.py"
    script.write_text("from qrepro.a import f\n")
    before = code_digest(script, tmp_path)
    (pkg / "other.py").write_text("X = 2\n")
    assert code_digest(script, tmp_path) == before
    (pkg / "b.py").write_text("def f():\n    return 2\n")
    assert code_digest(script, tmp_path) != before


def test_a_registry_hook_counts_as_an_import_of_every_papers_module(tmp_path):
    """``paper.hook("section")`` loads a module by name; the digest must still change when one paper's changes."""
    from qrepro.publication.dvc_stages import code_digest

    pkg = tmp_path / "src/qrepro"
    for key in ("a", "b"):
        (pkg / "papers" / key).mkdir(parents=True)
        (pkg / "papers" / key / "section.py").write_text("X = 1\n")
        (pkg / "papers" / key / "other.py").write_text("X = 1\n")
    (pkg / "__init__.py").write_text("")
    (pkg / "report.py").write_text("def build(papers):\n    return [p.hook('section') for p in papers]\n")
    script = tmp_path / "run.py"
    script.write_text("from qrepro.report import build\n")
    before = code_digest(script, tmp_path)
    (pkg / "papers/b/other.py").write_text("X = 2\n")
    assert code_digest(script, tmp_path) == before
    (pkg / "papers/b/section.py").write_text("X = 2\n")
    assert code_digest(script, tmp_path) != before
