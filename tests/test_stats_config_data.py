"""Bootstrap CI known values, params validation messages, data import checksums and fallbacks."""

import numpy as np
import pytest

from qrepro.config import ParamsError, load_params
from qrepro.data.adapshare import ChecksumError, demand_table, import_files
from qrepro.stats import bootstrap_ci, summarise

from conftest import ROOT, SHARED_DATA


def test_bootstrap_two_points_hand_computed():
    # resample means of {0, 1} (n=2) are 0, .5, 1 with probabilities 1/4, 1/2, 1/4:
    # the 2.5% / 97.5% quantiles are 0 and 1
    mean, lo, hi = bootstrap_ci([0.0, 1.0], ci=0.95, n_resamples=20_000, seed=1)
    assert (mean, lo, hi) == (0.5, 0.0, 1.0)
    # a 40% interval lies inside the middle atom
    assert bootstrap_ci([0.0, 1.0], ci=0.4, n_resamples=20_000, seed=1)[1:] == (0.5, 0.5)


def test_bootstrap_edge_cases_and_determinism():
    assert bootstrap_ci([0.3]) == (0.3, 0.3, 0.3)
    assert bootstrap_ci([2.0, 2.0, 2.0]) == (2.0, 2.0, 2.0)
    assert all(np.isnan(bootstrap_ci([np.nan])))
    x = np.random.default_rng(0).normal(size=8)
    assert bootstrap_ci(x, seed=3) == bootstrap_ci(x, seed=3)
    m, lo, hi = bootstrap_ci(x, seed=3)
    assert lo < m < hi
    with pytest.raises(ValueError, match="ci"):
        bootstrap_ci(x, ci=1.5)


def test_summarise_groups():
    import pandas as pd

    df = pd.DataFrame({"model": ["a", "a", "b"], "v": [1.0, 3.0, 5.0]})
    s = summarise(df, ["model"], ["v"], 0.95, 1000, 0).set_index("model")
    assert s.loc["a", "mean"] == 2.0 and s.loc["a", "n"] == 2 and s.loc["b", "ci_lo"] == 5.0


@pytest.mark.parametrize("override, needle", [
    ({"tier": "huge"}, "'tier'.*'smoke', 'default', 'paper'"),
    ({"qsac": {"quantum": {"backend": "gpu"}}}, "qsac.quantum.backend.*'torch', 'pennylane'"),
    ({"qsac": {"models": ["qsac", "ppo"]}}, "qsac.models.1"),
    ({"qsac": {"agent": {"batch_size": 0}}}, "qsac.agent.batch_size"),
    ({"qsac": {"tiers": {"smoke": {"configs": ["nr7"]}}}}, "qsac.tiers.smoke.configs.*'nr7'.*'nr60'"),
    ({"qsac": {"env": {"zeta": 2}}}, "qsac.env.zeta"),
    ({"data": {"adapshare": {"files": {"x.tsv": "nothex"}}}}, "data.adapshare.files.x.tsv"),
    # model ids: width >= 1, qubits within what the simulators hold, the allowed range in the message
    ({"qrlbench": {"tiers": {"smoke": {"models": ["C0-2"]}}}}, r"qrlbench.tiers.smoke.models.*'C0-2' is out of "
                                                                 r"range.*1 <= width <= 4096.*2 <= qubits <= 16"),
    ({"qrlbench": {"tiers": {"default": {"ppo_models": ["Q40-2"]}}}}, r"qrlbench.tiers.default.ppo_models.*'Q40-2'"),
    ({"qrlbench": {"tiers": {"paper": {"sweep_models": ["Q1-4"]}}}}, r"'Q1-4' is out of range"),
    ({"qrlbench": {"tiers": {"smoke": {"policy_test_models": ["Q10-0"]}}}}, r"'Q10-0' is out of range.*layers >= 1"),
    ({"qrlbench": {"cartpole": {"models": ["C16-1", "Q6-1"]}}}, r"qrlbench.cartpole.models.*one qubit per CartPole"),
])
def test_bad_params_name_the_parameter(override, needle):
    with pytest.raises(ParamsError, match=needle):
        load_params(ROOT / "params.yaml", override)


def test_defaults_filled():
    import yaml

    raw = yaml.safe_load((ROOT / "params.yaml").read_text())
    del raw["data"]["timeout_s"]
    from qrepro.config import validate_params

    assert validate_params(raw)["data"]["timeout_s"] == 20


def test_import_falls_back_and_rejects_bad_checksums(tmp_path):
    files = {"LTE_Demand_hourly.tsv": "a672db0224c52ce3c1bf67344fe701935da43c7c40fa28133d050b4f62d07c4a"}
    man = import_files(files, [str(tmp_path / "missing"), str(SHARED_DATA)], {n: tmp_path / "out" / n for n in files},
                       tmp_path / "out/manifest.json")
    assert man["LTE_Demand_hourly.tsv"]["source"] == str(SHARED_DATA)
    bad = {"LTE_Demand_hourly.tsv": "0" * 64}
    with pytest.raises(ChecksumError, match="LTE_Demand_hourly.tsv.*sha256"):
        import_files(bad, [str(SHARED_DATA)], {n: tmp_path / "out2" / n for n in bad}, tmp_path / "out2/m.json")
    assert not (tmp_path / "out2" / "LTE_Demand_hourly.tsv").exists()


def test_demand_schema_rejects_non_positive(tmp_path):
    (tmp_path / "l.tsv").write_text("Time\tNRB\n1\t5.0\n2\t-1.0\n")
    (tmp_path / "n.tsv").write_text("Time\tNRB\n1\t5.0\n2\t4.0\n")
    import pandera.errors

    with pytest.raises(pandera.errors.SchemaError, match="lte_prb"):
        demand_table(tmp_path / "l.tsv", tmp_path / "n.tsv")


def test_dvc_yaml_is_generated_from_the_workflow():
    """Every stage's deps cover the modules its scripts import and the files its rules read; the committed
    dvc.yaml is exactly what the workflow generates (`qrepro dvc-yaml`)."""
    from qrepro.dvc_stages import render, stages

    assert (ROOT / "dvc.yaml").read_text() == render(), "dvc.yaml is stale: run `qrepro dvc-yaml`"
    st = stages()
    assert list(st) == ["import_data", "qsac", "qrlbench", "dickeqaoa", "cqdt", "qimarl", "report"]
    deps = {name: set(s["deps"]) for name, s in st.items()}
    assert {"src/qrepro/report/qsac_figures.py", "src/qrepro/stats/sample_complexity.py",
            "data/adapshare/NR_Demand_hourly.tsv"} <= deps["qsac"]
    assert {"workflow/scripts/qrlbench_estimator_bias.py", "workflow/scripts/qrlbench_policy_test.py",
            "src/qrepro/pipeline/qrlbench_bias.py"} <= deps["qrlbench"]
    assert {"src/qrepro/stats/fits.py", "src/qrepro/agents/qimarl.py"} <= deps["qimarl"]
    assert {"src/qrepro/report/pdf.py", "src/qrepro/config.py", "results/cqdt/claims.csv"} <= deps["report"]
    outs = {name: [next(iter(o)) for o in s["outs"]] for name, s in st.items()}
    assert "results/qsac/runs" in outs["qsac"] and "results/qimarl/sweep" in outs["qimarl"]
    assert "results/dickeqaoa/noise" in outs["dickeqaoa"]
    assert "results/dickeqaoa/noise/params.json" not in outs["dickeqaoa"]
    assert not any(o.startswith("results/qrlbench/tables") for o in outs["qrlbench"])     # temp(): no DVC out
    published = [p for s in st.values() for o in s["outs"] for p, opt in o.items() if opt.get("cache") is False]
    assert "reports/report.pdf" in published and "results/qimarl/claims.csv" in published
    assert "results/qrlbench/validation_curves.csv" not in published          # large tables stay in the DVC cache


def test_code_digest_follows_the_modules_a_script_imports(tmp_path):
    """The rules' ``code`` param: changes with a module the script imports (transitively), not with another."""
    from qrepro.dvc_stages import code_digest

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
