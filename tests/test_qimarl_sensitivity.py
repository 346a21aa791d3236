"""Paper 004 sweeps (E-sens / E-map / E-depth): config ids, parameter checks, the default point taken from the main
runs, the C9 / C10 sub-claims by hand and the figure."""

from dataclasses import asdict

import pandas as pd
import pytest
from conftest import ROOT, learners, qi_config, uav_config

from qrepro.claims import Claims
from qrepro.config import ParamsError, load_params
from qrepro.papers.qimarl.config import (
    SWEEP_KNOBS,
    parse_sweep_id,
    sweep_configs,
    sweep_defaults,
    sweep_id,
    sweep_overrides,
)
from qrepro.papers.qimarl.run import train_run
from qrepro.papers.qimarl.sensitivity import mapping_sensitivity, oat, reward_shaping_sensitivity, sensitivity_claims
from qrepro.papers.qimarl.sweeps import SENSITIVITY_SCHEMA, sensitivity_table

DEFAULTS = {k: getattr(qi_config(), k) for k in SWEEP_KNOBS}


def test_sweep_defaults_are_the_qi_settings():
    cfg = load_params(ROOT / "params.yaml")
    qi = asdict(qi_config())
    assert sweep_defaults(cfg) == {k: qi[k] for k in SWEEP_KNOBS}
    assert sweep_defaults(cfg)["kappa_ucb"] == 1.0 and sweep_defaults(cfg)["p"] == 3


def test_sweep_ids_round_trip_and_alpha_h_carries_the_penalty():
    assert sweep_id({"alpha_r": 0.1, "beta_r": 0.0}) == "alpha_r=0.1+beta_r=0"
    assert parse_sweep_id("alpha_r=0.1+beta_r=0") == {"alpha_r": 0.1, "beta_r": 0.0}
    assert sweep_overrides("p=5") == {"p": 5} and isinstance(sweep_overrides("p=5")["p"], int)
    assert sweep_overrides("alpha_h=4") == {"alpha_h": 4.0, "lam_pen": 8.0}
    with pytest.raises(ParamsError, match="knob must be one of kappa_ucb"):
        parse_sweep_id("gamma=0.9")


def test_tier_configs_skip_the_default_value_and_expand_grids():
    cfg = load_params(ROOT / "params.yaml", {"tier": "default"})
    ids = sweep_configs(cfg)
    assert len(ids) == 3 + 2 + 2 + 3 + 3 + 4 + 4 + 2 == 23 and "kappa_ucb=1" not in ids and "p=3" not in ids
    paper = sweep_configs(load_params(ROOT / "params.yaml", {"tier": "paper"}))
    assert set(paper) - set(ids) == {"alpha_r=0+beta_r=0", "alpha_r=0+beta_r=0.1", "alpha_r=0.1+beta_r=0",
                                     "alpha_r=0.1+beta_r=0.1"}


@pytest.mark.parametrize("override, match", [
    ({"sweep": {"knobs": ["gamma"]}}, "qimarl.tiers.smoke.sweep.knobs.0"),
    ({"sweep": {"seeds": [0, 7]}}, r"sweep.seeds': \[7\] are not among the tier's seeds"),
    ({"sweep": {"episodes": 50}}, "sweep.episodes': 50 exceeds the tier's episodes"),
])
def test_bad_sweep_settings_are_named(override, match):
    with pytest.raises(ParamsError, match=match):
        load_params(ROOT / "params.yaml", {"tier": "smoke", "qimarl": {"tiers": {"smoke": override}}})


def test_default_point_is_the_main_run_truncated(tmp_path):
    """A QI-MARL run's first episodes do not depend on the total: 3 of a 4-episode run equal a 3-episode run."""

    small = uav_config(n_uav=3, grid=8, horizon=12)
    qi = qi_config(qaoa_every=6, maxiter=10, maxiter_warm=10, shots=64, final_shots=128)
    long = train_run("qimarl", small, 1, 4, tmp_path / "long/episodes.csv", qi=qi, **learners())
    short = train_run("qimarl", small, 1, 3, tmp_path / "short/episodes.csv", qi=qi, **learners())
    cols = [c for c in short.columns if not c.endswith("time_s")]
    pd.testing.assert_frame_equal(long[cols].head(3), short[cols])
    (tmp_path / "sweep/p=1/seed1").mkdir(parents=True)
    (tmp_path / "long/episodes.csv").rename(tmp_path / "sweep/p=1/seed1/episodes.csv")  # stands in for a p = 1 run
    table = sensitivity_table([tmp_path / "sweep/p=1/seed1/episodes.csv"], [tmp_path / "short/episodes.csv"], 3,
                              DEFAULTS)
    assert list(table.config) == ["p=1", "default"] and list(table.p) == [1, 3]
    assert table.cum_reward.iloc[1] == pytest.approx(short.return_ext.sum())
    with pytest.raises(ValueError, match="has 3 episodes, the sweep needs 4"):
        sensitivity_table([], [tmp_path / "short/episodes.csv"], 4, DEFAULTS)


def _table(metrics):
    """Two seeds per config; ``metrics`` maps a config id to (reward, early, cum, coverage, exploration, e_conv)."""
    rows = []
    for config, (reward, early, cum, cov, expl, e_conv) in metrics.items():
        knobs = dict(DEFAULTS, **({} if config == "default" else parse_sweep_id(config)))
        for seed, jitter in ((0, -0.5), (1, 0.5)):
            rows.append({"config": config, "seed": seed, "episodes": 300, **knobs, "reward": reward + jitter,
                         "early_reward": early, "cum_reward": cum + jitter, "coverage": cov, "exploration_ratio": expl,
                         "entropy": 3.0, "cum_regret": 1e4, "e_conv": e_conv, "censored": e_conv >= 300})
    return SENSITIVITY_SCHEMA.validate(pd.DataFrame(rows))


BASE = (28.0, 20.0, 8000.0, 0.45, 0.35, 200)


def test_c9_by_hand():
    t = _table({"default": BASE,
                "kappa_ucb=0": (27, 19, 7900, 0.44, 0.30, 200), "kappa_ucb=0.5": (28, 20, 8100, 0.45, 0.33, 200),
                "kappa_ucb=2": (26, 22, 7800, 0.46, 0.40, 250),
                "alpha_r=0": (27, 20, 7950, 0.45, 0.38, 200), "alpha_r=0.1": (29, 20, 7990, 0.45, 0.30, 200),
                "beta_r=0": (28, 20, 7700, 0.45, 0.36, 200), "beta_r=0.1": (28, 20, 7900, 0.45, 0.40, 200)})
    assert list(oat(t, "kappa_ucb").index) == [0, 0.5, 1, 2] and oat(t, "eta").empty
    verdict, text = reward_shaping_sensitivity(t)
    # beta_r 0 -> 0.05 lowers exploration (0.36 -> 0.35): the only failing sub-claim; kappa_UCB 2 converges at 250
    # against the default's 200 (neither censored: later); the best cumulative reward is at kappa_UCB 0.5 (interior);
    # the spread is (8100 - 7700) / 8000 = 5%
    assert verdict == "partly" and "6/7 sub-claims hold" in text and "spread 5.0%" in text
    assert "exploration rises with beta_r" in text and "[no]" in text.split("exploration rises with beta_r")[1][:90]
    assert "converges later than default (E_conv 250 vs 200; final reward 26.0 vs 28.0, not decided) [yes]" in text
    assert "moderate kappa_UCB (0.5) [yes]" in text and "sd of the default's cumulative reward 0.0%" in text
    # the largest kappa_UCB converging sooner contradicts "slows final convergence"; the best at the edge too
    t2 = _table({"default": BASE, "kappa_ucb=0": (27, 19, 7900, 0.44, 0.30, 200),
                 "kappa_ucb=2": (26, 22, 8200, 0.46, 0.40, 150)})
    verdict, text = reward_shaping_sensitivity(t2)
    assert "(E_conv 150 vs 200; final reward 26.0 vs 28.0, not decided) [no]" in text
    assert "moderate kappa_UCB (2) [no]" in text and verdict == "partly"


def test_c10_by_hand_with_censoring_and_missing_knobs():
    t = _table({"default": BASE, "tau=0.1": (27, 20, 7990, 0.40, 0.30, 200),
                "kappa_bias=0": (28, 20, 8000, 0.45, 0.20, 200), "kappa_bias=0.1": (28, 20, 8000, 0.45, 0.30, 200),
                "kappa_bias=1": (28, 20, 8000, 0.45, 0.36, 200),
                "eta=0.05": (28, 20, 8000, 0.45, 0.38, 300),
                "p=1": (28, 20, 7000, 0.45, 0.35, 200), "p=5": (28, 20, 8100, 0.45, 0.35, 200)})
    verdict, text = mapping_sensitivity(t)
    # fails: depth (p = 1 is 12.5% below p = 3) and the coverage over tau ((0.45 - 0.40) / 0.45 = 11.1% >= 5%)
    assert verdict == "partly" and "9/11 sub-claims hold" in text
    assert "p = 1: -12.5%" in text and "coverage over tau varies 11.1% (< 5%) [no]" in text
    # eta 0.05's runs are censored at 300 (a lower bound) above the default's 200: later all the same
    assert "eta 0.05 converges later than default (E_conv 300 (censored) vs 200) [yes]" in text
    assert "not swept: alpha_h" in text
    empty = Claims("E-sens")
    sensitivity_claims(empty, None)
    assert list(empty.table().verdict) == ["n/a", "n/a"]


def test_c10_alpha_h_cannot_tell_while_both_runs_are_censored():
    """alpha_H 4 "converges sooner" than a default censored at 300 cannot be told when it is censored too: an
    undecided part keeps the claim from holding (the equal spreads fail, the flat reward and coverage hold)."""
    censored = (28.0, 20.0, 8000.0, 0.45, 0.35, 300)
    t = _table({"default": censored, "alpha_h=4": censored})
    verdict, text = mapping_sensitivity(t)
    assert "alpha_h 4 converges sooner than default (E_conv 300 (censored) vs 300 (censored)) [cannot tell]" in text
    assert "reward sd 0.71 vs 0.71) [no]" in text               # jitter +-0.5 on both: equal spreads
    assert "2/4 sub-claims hold" in text and verdict == "partly"
    from qrepro.papers.qimarl.sensitivity import _later
    row = lambda e, c: pd.Series({"e_conv": e, "censored": c})   # noqa: E731
    assert _later(row(250, 0), row(200, 0)) is True and _later(row(300, 1), row(200, 0)) is True
    assert _later(row(150, 0), row(200, 1)) is False and _later(row(200, 1), row(250, 0)) is None
    assert _later(row(250, 0), row(200, 1)) is None


def test_sensitivity_figure_renders(tmp_path):
    from qrepro.papers.qimarl.figures import sensitivity

    t = _table({"default": BASE, "p=1": (27, 20, 7900, 0.44, 0.33, 200), "tau=0.1": (27, 20, 7990, 0.40, 0.30, 200)})
    sensitivity(t, tmp_path / "s.png")
    assert (tmp_path / "s.png").stat().st_size > 10_000
