"""Paper 003 run layer: determinism, eval-level resume, noise sweep resume, noise parameters, claim decisions."""

import pandas as pd
import pytest
from conftest import DQ_OUTPUTS, killed_after_saves, outputs

from qrepro.papers.dickeqaoa import circuit_runs as dqc
from qrepro.papers.dickeqaoa import run as dq
from qrepro.papers.dickeqaoa.config import problem as dickeqaoa_problem
from qrepro.papers.dickeqaoa.config import run_config as dickeqaoa_run_config
from qrepro.runstate import RunState


@pytest.fixture
def problem(smoke_cfg):
    return dickeqaoa_problem(smoke_cfg)


def _run(smoke_cfg, ansatz, n=5, seed=3, **kw):
    return dict(dickeqaoa_run_config(smoke_cfg, "paper", ansatz, n, seed), **kw)


def _strip(record):
    return {k: v for k, v in record.items() if k != "wall_s"}


def test_same_seed_same_numbers_and_shared_start(tmp_path, smoke_cfg, problem):
    a = dq.optimise_run(problem, _run(smoke_cfg, "standard"), **outputs(tmp_path / "a", DQ_OUTPUTS))
    b = dq.optimise_run(problem, _run(smoke_cfg, "standard"), **outputs(tmp_path / "b", DQ_OUTPUTS))
    assert _strip(a) == _strip(b)
    assert (tmp_path / "a/trace.csv").read_text() == (tmp_path / "b/trace.csv").read_text()
    p = dq.optimise_run(problem, _run(smoke_cfg, "proposed"), **outputs(tmp_path / "p", DQ_OUTPUTS))
    first = [pd.read_csv(tmp_path / d / "trace.csv").iloc[0] for d in ("a", "p")]
    assert (first[0].gamma, first[0].beta) == (first[1].gamma, first[1].beta)   # same x0 for both ansaetze
    assert p["feas_ratio"] == 1.0 and p["deviation"] == 0.0 and p["p_feas"] == pytest.approx(1.0)
    assert p["gap"] == p["best_conflict"] - p["ilp_opt"] and p["ilp_opt"] == 2 and p["greedy"] == 3
    c = dq.optimise_run(problem, _run(smoke_cfg, "standard", seed=4), **outputs(tmp_path / "c", DQ_OUTPUTS))
    assert _strip(c) != _strip(a)


def test_killed_run_resumes_from_cached_evaluations(tmp_path, smoke_cfg, problem, caplog):
    run = _run(smoke_cfg, "standard", n=5, seed=1)
    full = dq.optimise_run(problem, run, **outputs(tmp_path / "full", DQ_OUTPUTS))
    with killed_after_saves(6):
        dq.optimise_run(problem, run, **outputs(tmp_path / "killed", DQ_OUTPUTS))
    assert len(RunState.beside(tmp_path / "killed/run.json", {"cfg": problem, "run": run}).load()) == 6
    with caplog.at_level("INFO", logger="qrepro.dickeqaoa"):
        resumed = dq.optimise_run(problem, run, **outputs(tmp_path / "killed", DQ_OUTPUTS))
    assert "resuming from 6 cached evaluations" in caplog.text
    assert _strip(resumed) == _strip(full)
    assert not (tmp_path / "killed/_run.state").exists()


def test_bad_run_parameters_are_named(tmp_path, smoke_cfg, problem):
    with pytest.raises(ValueError, match="ansatz must be one of proposed, standard"):
        dq.optimise_run(problem, dict(_run(smoke_cfg, "standard"), ansatz="xy"), **outputs(tmp_path, DQ_OUTPUTS))
    with pytest.raises(ValueError, match="objective must be one of sampled, exact"):
        dq.optimise_run(problem, _run(smoke_cfg, "standard", objective="mean"), **outputs(tmp_path, DQ_OUTPUTS))


def test_noise_parameters_reproduce_the_spec_optimum(problem):
    params = dqc.noise_parameters(problem, 5)
    assert params["proposed"]["objective"] == pytest.approx(3.3904, abs=1e-4)      # spec E4: <C> = 3.390
    assert params["standard"]["p_feas"] == pytest.approx(0.1756, abs=1e-3)        # spec: 0.175
    assert params["standard"]["exp_deviation"] == pytest.approx(1.531, abs=2e-3)   # spec: 1.531


def test_noise_sweep_resumes_and_noiseless_proposed_has_no_deviation(tmp_path, problem, monkeypatch):
    params = {"proposed": {"gamma": 0.7, "beta": 0.4}, "standard": {"gamma": 0.1, "beta": 2.8}}
    clean = dqc.noise_run(problem, 4, "proposed", "logical", 0.0, params, 2, 256, 7, tmp_path / "clean.csv")
    assert (clean.deviation == 0).all() and (clean.feas_ratio == 1).all() and (clean.n_noisy == 0).all()
    noisy = dqc.noise_run(problem, 4, "proposed", "transpiled_all", 0.05, params, 2, 256, 7, tmp_path / "full.csv")
    assert (noisy.deviation > 0).all() and (noisy.n_noisy > 100).all()
    real, calls = dqc.qc.sample_noisy, []

    def dying(simulator, *a, **k):
        calls.append(simulator)
        if len(calls) == 2:
            raise KeyboardInterrupt("killed")
        return real(simulator, *a, **k)
    monkeypatch.setattr(dqc.qc, "sample_noisy", dying)
    with pytest.raises(KeyboardInterrupt):
        dqc.noise_run(problem, 4, "proposed", "transpiled_all", 0.05, params, 2, 256, 7, tmp_path / "k.csv")
    resumed = dqc.noise_run(problem, 4, "proposed", "transpiled_all", 0.05, params, 2, 256, 7, tmp_path / "k.csv")
    assert len(calls) == 3                                   # only the missing repeat ran again
    pd.testing.assert_frame_equal(resumed.drop(columns="wall_s"), noisy.drop(columns="wall_s"))
    # a repeat kept by the other simulator is another config's state: set aside, both repeats run on Aer
    calls.clear()
    with pytest.raises(KeyboardInterrupt):
        dqc.noise_run(problem, 4, "proposed", "transpiled_all", 0.05, params, 2, 256, 7, tmp_path / "s.csv")
    on_aer = dqc.noise_run(problem, 4, "proposed", "transpiled_all", 0.05, params, 2, 256, 7, tmp_path / "s.csv",
                           simulator="aer")
    assert calls == ["frames", "frames", "aer", "aer"] and (on_aer.deviation > 0).all()


def test_noise_scope_is_not_widened_by_aer_translation(tmp_path, problem):
    """cx_only noise on the standard circuit (no CX at all) must leave it noiseless: Aer's noise-model basis
    would otherwise re-translate CP into CX and add noise the scope excludes."""
    params = {"standard": {"gamma": 0.1, "beta": 2.8}}
    clean = dqc.noise_run(problem, 4, "standard", "cx_only", 0.0, params, 1, 1024, 3, tmp_path / "a.csv")
    noisy = dqc.noise_run(problem, 4, "standard", "cx_only", 0.05, params, 1, 1024, 3, tmp_path / "b.csv")
    assert noisy.n_noisy.item() == 0
    assert abs(noisy.deviation.item() - clean.deviation.item()) < 0.15      # shot noise only


# The claims on paper-like and on worse results, and at too few seeds: tests/test_dickeqaoa_claims.py
