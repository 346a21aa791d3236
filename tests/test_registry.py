"""The paper registry: no module outside a paper's package names a paper, the cross-paper modules read the registry,
and a sixth paper is one package, one rule file, one registry entry and its params block (docs/adding-a-paper.md)."""

import os
import re
import subprocess
import sys

import yaml
from conftest import ROOT, copy_project

from qrepro.registry import KEYS, PAPERS, by_paper, paper

PACKAGE = ROOT / "src/qrepro"


def test_no_module_outside_a_paper_package_names_a_paper_key():
    """grep for the registered keys as words in every module but the papers' packages and the registry itself."""
    key = re.compile(r"\b(" + "|".join(KEYS) + r")\b")
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in sorted(PACKAGE.rglob("*.py"))
             if "papers" not in p.relative_to(PACKAGE).parts and p.name != "registry.py"
             for n, line in enumerate(p.read_text().splitlines(), start=1) if key.search(line)]
    assert not found, "paper keys outside src/qrepro/papers/ and the registry:\n" + "\n".join(found)


def test_papers_import_no_other_paper():
    for key in KEYS:
        for p in sorted((PACKAGE / "papers" / key).rglob("*.py")):
            others = [k for k in KEYS if k != key and re.search(rf"papers[./]{k}\b|from \.\.{k}\b", p.read_text())]
            assert not others, f"{p.relative_to(ROOT)} imports paper(s) {others}"


def test_the_registry_lists_each_paper_once_with_what_the_cross_paper_modules_read():
    assert [p.key for p in PAPERS] == list(KEYS) and len(set(KEYS)) == len(KEYS)
    for p in PAPERS:
        assert (ROOT / f"workflow/rules/{p.key}.smk").exists() and p.hook("claims").HEADLINES and p.title
        assert p.citation and p.stage_params[0] == "tier" and p.key in p.stage_params
        assert all(path.startswith(f"results/{p.key}/") for path in p.hook("aggregate").PER_SEED)
        assert paper(p.key) is p
    assert by_paper({"a__x": 1, "a__y": 2, "b__x": 3, "ledger": 4}) == {"a": {"x": 1, "y": 2}, "b": {"x": 3}}


TOY = {
    "__init__.py": '''"""A toy sixth paper."""

from ...paper import Paper
from .config import check

PAPER = Paper(key="toy", spec="005", check=check, title="A toy paper (005)", citation="A. Author: Toy. 2026.")
''',
    "config.py": '''from ...config import ParamsError


def check(cfg):
    if cfg["toy"]["threshold"] > 1:
        raise ParamsError("params.yaml: invalid value at 'toy.threshold': at most 1")
''',
    "section.py": '''from ...report.pdf import claims_table, heading


def section(claims, setup):
    return [heading("A toy paper (005)", 1), claims_table(claims)]
''',
    "ledger.py": '''def rows(claims):
    return []
''',
    "claims.py": '''HEADLINES = ("T1",)
''',
    "aggregate.py": '''PER_SEED = {"results/toy/runs.csv": {"by": ["model"]}}
''',
}
TOY_RULES = '''TOY_TIER = tier(config, "toy")


rule toy_claims:
    output:
        "results/toy/claims.csv",
        "results/toy/summary.json",
    params:
        threshold=config["toy"]["threshold"],
    run:
        import json

        from qrepro.claims import Claims

        claims = Claims("toy")
        claims.add("T1", "the toy holds", "1", lambda: ("holds", "1"))
        claims.table().to_csv(output[0], index=False)
        Path(output[1]).write_text(json.dumps({"seeds": TOY_TIER["seeds"]}))


LEDGER["toy"] = dict(inputs=dict(claims="results/toy/claims.csv"), params=dict())
REPORT["toy"] = dict(inputs=dict(claims="results/toy/claims.csv"), setup=dict(TOY_TIER, tier=config["tier"]))
'''


def test_a_sixth_paper_is_one_package_one_rule_file_one_registry_entry_and_its_params_block(tmp_path):
    """Adding the toy paper touches exactly: its package, its rule file, the registry's key list and its block in
    params.yaml (with its schema). Then the workflow runs its rule and feeds its claims to the ledger and the
    report, dvc.yaml gets its stage, and the planner and compare see it."""
    proj = copy_project(tmp_path)
    package = proj / "src/qrepro/papers/toy"
    package.mkdir()
    for name, text in TOY.items():
        (package / name).write_text(text)
    (proj / "workflow/rules/toy.smk").write_text(TOY_RULES)
    registry = proj / "src/qrepro/registry.py"
    registry.write_text(registry.read_text().replace('"qimarl")', '"qimarl", "toy")'))
    params = yaml.safe_load((proj / "params.yaml").read_text())
    params["toy"] = {"threshold": 0.5, "tiers": {t: {"seeds": 1} for t in ("smoke", "default", "claims", "paper")}}
    (proj / "params.yaml").write_text(yaml.safe_dump(params, sort_keys=False))
    schema_path = proj / "workflow/schemas/params.schema.yaml"
    schema = yaml.safe_load(schema_path.read_text())
    schema["properties"]["toy"] = {"type": "object"}
    schema_path.write_text(yaml.safe_dump(schema, sort_keys=False))

    env = {**os.environ, "PYTHONPATH": str(proj / "src")}
    dry = subprocess.run(["snakemake", "-n", "--cores", "1", "--quiet", "rules"], cwd=proj, env=env,
                         capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr[-3000:]
    assert re.search(r"toy_claims\s+1", dry.stdout) and re.search(r"ledger\s+1", dry.stdout), dry.stdout
    run = subprocess.run(["snakemake", "--cores", "1", "results/toy/claims.csv"], cwd=proj, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-3000:]
    probe = '''
import json, sys
from pathlib import Path
from qrepro.publication.dvc_stages import stages
from qrepro.publication.compare import per_seed_tables
from qrepro.publication.plan import work
from qrepro.registry import KEYS
st = stages(Path(sys.argv[1]))
print(json.dumps({"keys": list(KEYS), "stages": list(st), "toy_deps": st["toy"]["deps"],
                  "report_deps": st["report"]["deps"], "per_seed": sorted(per_seed_tables()),
                  "work": work("toy_claims", {}, {})}))
'''
    out = subprocess.run([sys.executable, "-c", probe, str(proj)], cwd=proj, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    got = yaml.safe_load(out.stdout.strip().splitlines()[-1])
    assert got["keys"][-1] == "toy" and got["stages"][-2:] == ["toy", "report"]
    assert "workflow/rules/toy.smk" in got["toy_deps"]
    assert {"src/qrepro/papers/toy/section.py", "src/qrepro/papers/toy/ledger.py",
            "results/toy/claims.csv"} <= set(got["report_deps"])
    assert "results/toy/runs.csv" in got["per_seed"] and got["work"] == ["toy_claims", 1.0]
    assert (proj / "results/toy/claims.csv").read_text().splitlines()[1].startswith("toy,T1,the toy holds")
    changed = {p.relative_to(proj).as_posix() for p in proj.rglob("*") if p.is_file()
               and not (ROOT / p.relative_to(proj)).exists() and "__pycache__" not in p.parts
               and not p.relative_to(proj).as_posix().startswith((".snakemake", "results/", "logs/", "benchmarks/"))}
    assert changed == {f"src/qrepro/papers/toy/{n}" for n in TOY} | {"workflow/rules/toy.smk"}


def test_git_keeps_every_per_seed_table_and_every_table_the_ledger_reads():
    """A clone checks the ledger from git alone: each paper's per-seed tables (``cache: false`` in dvc.yaml) and every
    table its ledger rows read are either per-seed or published tables, and .gitignore lets each of them in."""
    from qrepro.publication.dvc_stages import PUBLISHED, load_rules

    per_seed = [path for p in PAPERS for path in p.hook("aggregate").PER_SEED]
    rule = next(r for r in load_rules(ROOT) if r.name == "ledger")
    ledger_inputs = [str(rule.input[i]) for _, (i, _) in rule.input._names.items()]
    assert "results/qimarl/summary.csv" in ledger_inputs and len(ledger_inputs) >= 2 * len(PAPERS)
    assert [p for p in ledger_inputs if p not in per_seed and p.rsplit("/", 1)[1] not in PUBLISHED] == []
    ignored = subprocess.run(["git", "check-ignore", "--no-index", *per_seed, *ledger_inputs], cwd=ROOT,
                             capture_output=True, text=True).stdout.split()
    assert ignored == [], f".gitignore drops {ignored}"
