"""QSAC's claims (papers/qsac/claims.py) on hand-made runs: every decider's verdict branches, the paper's own Table III
deciding the claims it contradicts, the per-run features of trajectories.py, the aggregate on hand-made run files,
and the ledger rows and C15 recomputed from the committed per-seed tables alone."""

import json

import numpy as np
import pandas as pd
import pytest

from qrepro.claims import READINGS, read_claims
from qrepro.ledger import ledger
from qrepro.papers.qsac import aggregate as agg
from qrepro.papers.qsac import claims as qs
from qrepro.papers.qsac import ledger as ql
from qrepro.papers.qsac import trajectories as tr
from qrepro.stats.curves import epoch_matrix, reward_to_unit, sample_complexity_tables

SEEDS = range(5)
NOISE = np.array([-2.0, -1.0, 0.0, 1.0, 2.0]) / 200        # per-seed relative spread of every agent metric
BASE = {  # seed means per model: roughly our default-tier numbers (QSAC behind on most metrics)
    "DSR_LTE": dict(qsac=0.94, sac=0.93, td3=0.99, ddpg=0.985),
    "DSR_NR": dict(qsac=0.93, sac=0.96, td3=0.985, ddpg=0.975),
    "Util": dict(qsac=0.70, sac=0.72, td3=0.76, ddpg=0.76),
    **{c: dict(qsac=0.35, sac=0.47, td3=0.73, ddpg=0.41) for c in qs.BCR_COLS},
    "late_reward_std": dict(qsac=0.025, sac=0.035, td3=0.093, ddpg=0.11),
    "early_ma_mean": dict(qsac=-0.6, sac=-0.57, td3=-0.16, ddpg=-0.14),
    "early_reward_std": dict(qsac=0.5, sac=0.45, td3=0.2, ddpg=0.25),
    **{f"ma_q{k}": dict.fromkeys(qs.MODELS, v) for k, v in zip(range(1, 5), (-0.5, -0.2, -0.1, -0.05))},
    **{f"{c}_{net}": dict(qsac=v, sac=v * 1.1, td3=v * 0.6, ddpg=v * 0.5)
       for net in ("LTE", "NR") for c, v in (("std_dev", 1.2), ("worst_abs_dev", 4.0), ("recovery", 10.0))},
    **{f"bias_{net}": dict(qsac=-0.5, sac=-1.0, td3=0.8, ddpg=0.3) for net in ("LTE", "NR")},
    "train_seconds": dict(qsac=600.0, sac=120.0, td3=100.0, ddpg=90.0),
}
REFS = {"oracle": dict.fromkeys(qs.TABLE3_COLS, 1.0) | {"Util": 0.7526},
        "persistence": dict.fromkeys(qs.TABLE3_COLS, 0.96) | {"DSR_LTE": 0.993, "DSR_NR": 0.99, "Util": 0.753}}


def runs_table(config="nr60", n_r=60.0, peak=52.4, seeds=SEEDS, **override) -> pd.DataFrame:
    """A runs.csv of 4 models x ``seeds`` with every column the claims read; ``override[col] = {model: seed
    means or per-seed values}``."""
    rows = []
    for m in qs.MODELS:
        for s in seeds:
            row = {"config": config, "model": m, "seed": s, "n_actor_params": qs.PAPER_PARAMS[m][0],
                   "n_critic_params": qs.PAPER_PARAMS[m][1], "max_total_demand": peak, "n_r": n_r,
                   **{f"{c}_{net}": k for net in ("LTE", "NR") for c, k in (("shocks", 2), ("recovery_censored", 0))},
                   **{qs.reference_column(p, c): v for p, vals in REFS.items() for c, v in vals.items()}}
            for col, by_model in {**BASE, **override}.items():
                v = by_model[m]
                row[col] = v[s] if np.ndim(v) else v * (1 + NOISE[s])
            rows.append(row)
    return pd.DataFrame(rows)


def table(**override) -> pd.DataFrame:
    return qs.evaluate_claims(runs_table(**override), "nr60", 0.0, PAIRS).set_index("claim")


PAIRS = pd.DataFrame({"config": "nr60", "model": "qsac", "baseline": ["sac", "td3", "ddpg"],
                      "cells_better": [0, 0, 0], "cells_worse": [0, 3, 3], "outperforms": False,
                      "p_improve": [0.76, 1.0, 1.0]})


# --- the whole table ---------------------------------------------------------------------------------------------

def test_every_row_quotes_the_paper_and_none_is_left_undecided_at_five_seeds():
    t = table()
    assert list(t.index) == ["C1", "C2", "C3", "C4", "C5", "C6", "C7", "C16", "C8", "C8b", "C9", "C9b", "C10",
                             "C11-LTE", "C11-NR", "C12", "C15", "C17", "C14"]
    assert not t.verdict.isin(["n/a", "untestable"]).any()
    assert t.reading.str.startswith(READINGS).all() and (t["where"] != "").all()
    controls = t.reading.str.startswith("control")
    assert list(t.index[controls]) == ["C14"] and (t.quote[~controls] != "").all()
    assert set(qs.HEADLINES) <= set(t.index) and len(qs.HEADLINES) == 6 and "C14" in qs.HEADLINES  # 5 + the control
    for claim in ("C4", "C6"):                                   # SAC's NR DSR as the spec corrects it (D24)
        assert "SAC 0.951" in t.loc[claim, "paper"] and "printed 0.956" in t.loc[claim, "paper"]


def test_one_seed_shows_the_numbers_beside_the_na():
    t = qs.evaluate_claims(runs_table(seeds=[0]), "nr60", 0.0, PAIRS).set_index("claim")
    assert t.loc["C3", "verdict"] == "n/a" and "only 1 seed(s)" in t.loc["C3", "ours"]
    assert "no interval" in t.loc["C3", "ours"]                           # the decider still ran
    assert t.loc["C1", "verdict"] == "holds" and t.loc["C17", "verdict"] == "fails"   # deterministic rows decide
    for claim in ("C6", "C12", "C16"):                      # Table III contradicts them: no seed rule applies
        assert t.loc[claim, "verdict"] == "fails" and t.loc[claim, "ours"].startswith("contradicted by Table III")
    assert t.loc["C14", "verdict"] == "holds"               # the control (no seed rule): persistence beats all


def test_a_column_the_claims_need_is_an_error_not_a_silent_na():
    with pytest.raises(KeyError):
        qs.evaluate_claims(runs_table().drop(columns="recovery_NR"), "nr60", 0.0, PAIRS)


# --- claims the paper's own Table III contradicts ------------------------------------------------------------------

def test_table3_contradictions_fail_the_claim_even_where_our_runs_hold():
    best = {c: dict(qsac=0.999, sac=0.9, td3=0.9, ddpg=0.9) for c in ("Util", "DSR_LTE", "DSR_NR", "BCR_LTE_5",
                                                                       "BCR_NR_5")}
    t = table(**best)
    for claim, says in (("C6", "TD3 DSR LTE 0.999 >= 0.987"), ("C16", "TD3 NR-5% 0.74 >= 0.71"),
                        ("C12", "DDPG Util 0.767 >= 0.761")):
        assert t.loc[claim, "verdict"] == "fails" and says in t.loc[claim, "ours"]
        assert t.loc[claim, "reading"].startswith("contradicted")
    assert qs.beats_everywhere(runs_table(**best), ["Util", "DSR_LTE"], ["sac", "td3"], table3=False)[0] == "holds"
    assert qs.paper_contradictions(["DSR_NR"], ["sac", "td3", "ddpg"]) == []              # C4: Table III agrees


def test_c12_says_the_pool_never_binds_and_an_extension_is_decided_on_our_runs():
    ours, = qs.constrained(runs_table(), "nr60", ["sac", "td3", "ddpg"])[1:]
    assert "N_r = 60 never binds in our data (max total demand 52.4 PRB)" in ours
    assert "|Util - oracle 0.7526|: ddpg 0.007, qsac 0.053, sac 0.033, td3 0.007" in ours    # |0.76 - 0.7526| ...
    reading = table().loc["C12", "reading"]
    assert reading.startswith("contradicted") and "never binds" in reading
    best = {c: dict(qsac=0.9, sac=0.5, td3=0.5, ddpg=0.5) for c in ("Util", "DSR_LTE", "DSR_NR")}
    scarce = runs_table(config="nr20", n_r=20.0, **best)
    t = qs.evaluate_claims(scarce, "nr20", 0.0, PAIRS).set_index("claim")
    assert t.loc["C12", "verdict"] == "holds" and "N_r = 20 binds" in t.loc["C12", "ours"]
    assert t.loc["C12", "statement"].endswith("(extension, not in paper: N_r = 20)")
    assert t.loc["C12", "reading"].startswith("as stated")
    assert t.loc["C6", "verdict"] == "holds" and "Table III" not in t.loc["C6", "ours"]   # our runs decide off nr60


def test_c16_reports_the_other_bands_as_counter_evidence():
    ours = qs.tightest_band(runs_table(), ["sac", "td3"])[1]
    assert "ours LTE-10% 0.35 vs best 0.73" in ours
    assert "Table III LTE-10% 0.98 vs best 0.94, NR-10% 0.86 vs best 1.00" in ours
    assert qs.tightest_band(runs_table(), ["sac", "td3"], table3=False)[0] == "fails"      # ours alone: 0.35 < 0.73


# --- deciders ----------------------------------------------------------------------------------------------------

SPREAD = [0.5, 0.6, 0.6, 0.5, 0.6]


@pytest.mark.parametrize("qsac, sac, td3, verdict", [
    ([0.9] * 5, [0.5, 0.4, 0.6, 0.5, 0.5], SPREAD, "holds"),                 # both intervals above 0
    ([0.6, 0.5, 0.7, 0.4, 0.8], [0.1] * 5, SPREAD, "partly"),                # above SAC; TD3's interval spans 0
    ([0.6, 0.5, 0.7, 0.4, 0.8], SPREAD, SPREAD, "inconclusive"),              # both span 0
    ([0.6, 0.5, 0.7, 0.4, 0.8], [0.1] * 5, [0.9] * 5, "fails"),              # below TD3 beyond noise
    ([1.0] * 9, [1.01] * 3 + [0.0] * 6, [0.0] * 3 + [1.01] * 3 + [0.0] * 3, "partly"),   # above both, best in 3/9
])
def test_significantly_better(qsac, sac, td3, verdict):
    runs = pd.DataFrame([{"model": m, "seed": s, "x": v} for m, vs in dict(qsac=qsac, sac=sac, td3=td3).items()
                         for s, v in enumerate(vs)])
    got, ours = qs.significantly_better(runs, "x", "qsac", ["sac", "td3"])
    assert got == verdict and f"paired t, n = {len(qsac)}" in ours


def test_dominates_lower_is_better_and_reports_the_seeds():
    runs = runs_table()
    verdict, ours = qs.dominates(runs, "late_reward_std", "qsac", ["sac", "td3", "ddpg"], higher=False)
    assert verdict == "holds" and ours.endswith("qsac best in 5/5 seeds")
    assert qs.dominates(runs, "late_reward_std", "qsac", ["sac"], higher=True)[0] == "fails"
    assert qs.dominates(runs, "BCR_LTE_5", "qsac", ["ppo"]) == ("n/a", "models missing")


@pytest.mark.parametrize("facets, verdict", [(["holds", "holds"], "holds"), (["holds", "fails"], "partly"),
                                             (["partly", "inconclusive"], "partly"),
                                             (["fails", "inconclusive"], "fails"),
                                             (["inconclusive", "n/a"], "inconclusive"), (["n/a"], "n/a")])
def test_combine(facets, verdict):
    assert qs.combine(facets) == verdict


@pytest.mark.parametrize("values, verdict", [([0.75, 0.76, 0.77], "holds"),           # mean within 0.02
                                             ([0.70, 0.70, 0.71], "fails"),           # interval below the band
                                             ([0.60, 0.80, 0.70], "inconclusive")])   # mean out, interval reaches in
def test_near_paper_value(values, verdict):
    got, ours = qs.near_paper_value(values, 0.761)
    assert got == verdict and "95% t, n = 3" in ours


def test_one_seed_prints_no_interval():
    """With one seed there is no interval: the text says so and prints no '[nan, nan]'."""
    assert qs.near_paper_value([0.76], 0.761)[1] == "0.760 (95% n = 1: no interval; paper 0.761 +- 0.02)"
    runs = runs_table(seeds=[0], BCR_LTE_5=dict(qsac=0.9, sac=0.5, td3=0.4, ddpg=0.3))
    assert "nan" not in qs.significantly_better(runs, "BCR_LTE_5", "qsac", ["sac", "td3"])[1]


def test_c8_reports_the_oracle_and_c8b_combines_both_networks():
    t = table(DSR_LTE=dict(qsac=0.985, sac=0.9, td3=0.9, ddpg=0.9))
    assert t.loc["C8", "verdict"] == "fails" and "oracle 0.7526, |QSAC - oracle| 0.053" in t.loc["C8", "ours"]
    assert t.loc["C8b", "verdict"] == "partly"                # LTE within 0.02, NR 0.93 far below 0.989


@pytest.mark.parametrize("quarters, verdict", [([-0.5, -0.2, -0.1, -0.05], "holds"),
                                               ([[-0.5] * 5, [-0.2] * 5, [-0.1] * 5, [0.0, 0.0, -0.11, -0.11, -0.11]],
                                                "partly"),        # seed means -0.5, -0.2, -0.1, -0.066 rise; 2/5 do
                                               ([-0.1, -0.2, -0.3, -0.4], "fails")])
def test_consistent_improvement(quarters, verdict):
    over = {f"ma_q{k}": {"qsac": q} | {m: -0.5 for m in qs.BASELINES} for k, q in enumerate(quarters, start=1)}
    assert qs.consistent_improvement(runs_table(**over))[0] == verdict


def test_early_phase_needs_lower_and_more_variable():
    assert qs.early_phase(runs_table())[0] == "holds"
    calm = qs.early_phase(runs_table(early_reward_std=dict(qsac=0.1, sac=0.1, td3=0.3, ddpg=0.3)))
    assert calm[0] == "partly" and "more variable (early_reward_std) fails" in calm[1]


def test_deviation_smallest_has_a_recovery_facet_and_nr_a_centring_facet():
    assert qs.deviation_smallest(runs_table(), "LTE")[0] == "fails"             # QSAC not smallest anywhere
    best = {f"{c}_{net}": dict(qsac=0.1, sac=1.0, td3=1.0, ddpg=1.0) for net in ("LTE", "NR")
            for c in ("std_dev", "worst_abs_dev", "recovery")}
    assert qs.deviation_smallest(runs_table(**best), "LTE")[0] == "holds"
    verdict, ours = qs.deviation_smallest(runs_table(**best), "NR")             # |mean A - D|: SAC 1.0 > QSAC 0.5
    assert verdict == "partly" and "|mean| partly" not in ours and "|mean| fails" in ours
    no_shock = qs.deviation_smallest(runs_table(**{**best, "recovery_LTE": dict.fromkeys(qs.MODELS, np.nan)}), "LTE")
    assert no_shock[0] == "holds" and "recovery: no demand shock in the window" in no_shock[1]


@pytest.mark.parametrize("pers, oracle, verdict, says", [
    (0.995, 1.0, "holds", "on 8 of 8 metrics (holds)"),        # above the best seed means (DSR 0.99, BCR 0.73)
    (0.95, 1.0, "partly", "on 6 of 8 metrics (partly)"),       # the six BCR cells, not DSR LTE 0.99 / NR 0.985
    (0.5, 1.0, "partly", "Table III's 2 of 4 models"),         # only TD3 0.12, DDPG 0.29; no agent: 1 of 3
    (0.0, 0.9, "fails", "every eps-BCR cell: no (fails)"),  # the oracle is not exact, persistence beats nothing
])
def test_references_control(pers, oracle, verdict, says):
    runs = runs_table()
    metrics = ["DSR_LTE", "DSR_NR"] + qs.BCR_COLS
    runs[[qs.reference_column("persistence", c) for c in metrics]] = pers
    runs[[qs.reference_column("oracle", c) for c in metrics]] = oracle
    got, ours = qs.references_control(runs)
    assert got == verdict and says in ours


def test_actor_reduction_is_actor_against_actor():
    assert qs.actor_reduction({"qsac": (377, 146_434), "sac": (73_476, 146_434)}) == \
        ("holds", "actor 0.99487; whole agent only 0.332")            # 1 - 377/73476; 1 - 146811/219910
    assert qs.actor_reduction({"qsac": (1000, 146_434), "sac": (73_476, 146_434)})[0] == "fails"   # 0.98639


def test_dsr_lte_surpasses_reports_the_conceded_td3_gap():
    values = dict(qsac=[0.99, 0.98, 0.97], sac=[0.90] * 3, ddpg=[0.95] * 3, td3=[1.0, 0.99, 0.99])

    def runs(**over):
        return pd.DataFrame([{"model": m, "seed": s, "DSR_LTE": x} for m, xs in {**values, **over}.items()
                             for s, x in enumerate(xs)])
    # QSAC - SAC: 0.09, 0.08, 0.07: mean 0.08, sd 0.01, t(2) 4.303 x 0.01/sqrt(3) = 0.025; QSAC - DDPG: 0.03 +- 0.025
    verdict, ours = qs.dsr_lte_surpasses(runs(), ["sac", "ddpg"])
    assert verdict == "holds" and "sac +0.080 [+0.055, +0.105], ddpg +0.030 [+0.005, +0.055]" in ours
    assert "TD3 minus QSAC +0.013 [-0.001, +0.028] (paired t, n = 3; paper +0.012)" in ours       # reported only
    verdict, ours = qs.dsr_lte_surpasses(runs(ddpg=[0.99] * 3), ["sac", "ddpg"])   # QSAC - DDPG -0.01 +- 0.025
    assert verdict == "partly" and "ddpg -0.010 [-0.035, +0.015]" in ours


@pytest.mark.parametrize("outperforms, verdict", [([True] * 3, "holds"), ([True, False, False], "partly"),
                                                  ([False] * 3, "fails")])
def test_converges_faster(outperforms, verdict):
    got, ours = qs.converges_faster(PAIRS.assign(outperforms=outperforms), 5)
    assert got == verdict and ours.endswith("significantly slower than: td3, ddpg (5 runs per model, 5-95% "
                                            "cluster-bootstrap ranges)")


def test_early_phase_fails_when_the_stochastic_agents_start_higher_and_calmer():
    calm = dict(early_ma_mean=dict(qsac=-0.1, sac=-0.1, td3=-0.5, ddpg=-0.5),
                early_reward_std=dict(qsac=0.1, sac=0.1, td3=0.3, ddpg=0.3))
    verdict, ours = qs.early_phase(runs_table(**calm))
    assert verdict == "fails" and "lower (early_ma_mean) fails" in ours and "in 0/5 seeds" in ours


def test_full_mdp_fails_as_trained_and_needs_both_bootstrapping_and_a_state_the_action_moves(monkeypatch):
    assert qs.next_state_ignores_action()                    # the env's demand index advances whatever the action
    assert qs.full_mdp(0.99)[0] == "fails"
    monkeypatch.setattr(qs, "next_state_ignores_action", lambda: False)
    assert qs.full_mdp(0.0)[0] == "fails" and qs.full_mdp(0.99)[0] == "holds"


def test_paper_values_are_table3_with_the_d24_typo_corrected():
    assert qs.PAPER_TABLE3["sac"]["DSR_NR"] == 0.956 and qs.paper_value("sac", "DSR_NR") == 0.951     # printed, used
    assert qs.paper_vs("DSR_NR", ["sac", "td3", "ddpg"]) == "QSAC 0.989 vs SAC 0.951, TD3 0.966, DDPG 0.980"
    assert qs.paper_vs("BCR_LTE_5", ["sac", "ddpg", "td3"]) == "QSAC 0.91 vs SAC 0.53, DDPG 0.29, TD3 0.12"


# --- per-run features --------------------------------------------------------------------------------------------

def test_shocks_and_recovery_with_censoring_at_the_next_shock():
    demand = np.array([20.0] * 5 + [30.0] * 6 + [20.0] * 3)                   # shocks at steps 5 and 11
    assert list(tr.shocks(demand)) == [5, 11]
    alloc = demand.copy()
    alloc[5:7] = 20.0                                                         # 2 steps late, then exact
    alloc[11:] = 30.0                                                         # never follows the drop
    assert tr.recovery_steps(alloc, demand) == [(5, 2, False), (11, 3, True)]
    ts = pd.DataFrame({"alloc_lte": alloc, "demand_lte": demand, "alloc_nr": [10.0] * 14, "demand_nr": [10.0] * 14})
    got = tr.evaluation_shape(ts)
    assert got["recovery_LTE"] == 5 and got["recovery_censored_LTE"] == 1 and got["shocks_LTE"] == 2
    assert np.isnan(got["recovery_NR"]) and got["shocks_NR"] == 0 and got["bias_NR"] == 0
    assert got["bias_LTE"] == pytest.approx((-20.0 + 30.0) / 14)


def test_training_shape_and_epoch_means():
    rewards = np.r_[np.full(100, -1.0), np.zeros(300)]          # quarters of 100 episodes; MA(100) trailing
    got = tr.training_shape(rewards)                            # q2: MA at 100 + k is -(99 - k) / 100, mean -0.495
    assert got["early_reward_std"] == 0.0
    assert [got[f"ma_q{k}"] for k in range(1, 5)] == pytest.approx([-1.0, -0.495, 0.0, 0.0])
    assert tr.training_shape(np.r_[-1.0, 0.0, np.zeros(18)])["early_reward_std"] == 0.5     # first 10%: 2 episodes
    e = tr.epoch_means(np.arange(10.0), 4)                                   # the partial last epoch is dropped
    assert e.episodes.tolist() == [4, 8] and e.reward.tolist() == [1.5, 5.5]


# --- the aggregate on run files, and what a clone recomputes from the committed tables ---------------------------

def _write_runs(root, rng) -> tuple[list, list, list]:
    """Run files as the train rule writes them, under results/qsac/runs/nr60/<model>/seed<s>/."""
    demand = np.r_[np.full(24, 25.0), np.full(76, 20.0)]                     # one NR and LTE shock at step 24
    metrics, logs, traces = [], [], []
    for m in qs.MODELS:
        for s in range(3):
            d = root / f"results/qsac/runs/nr60/{m}/seed{s}"
            d.mkdir(parents=True)
            rewards = -np.abs(rng.normal(0.5, 0.2, 400)) * np.linspace(1, 0.1, 400)
            pd.DataFrame({"episode": range(400), "reward": rewards, "demand_lte": 22.0, "demand_nr": 21.0}).to_csv(
                d / "train_log.csv", index=False)
            lag = 1 + s if m == "qsac" else 3
            alloc = np.r_[demand[:1].repeat(lag), demand[:-lag]]               # follows the demand ``lag`` late
            pd.DataFrame({"step": range(100), "alloc_lte": alloc, "alloc_nr": alloc, "demand_lte": demand,
                          "demand_nr": demand}).to_csv(d / "eval_timeseries.csv", index=False)
            (d / "metrics.json").write_text(json.dumps({
                "config": "nr60", "model": m, "seed": s, "n_actor_params": qs.PAPER_PARAMS[m][0],
                "n_critic_params": qs.PAPER_PARAMS[m][1], **{c: rng.uniform(0.3, 0.9) for c in qs.TABLE3_COLS},
                **dict.fromkeys(agg.SUMMARY_METRICS[len(qs.TABLE3_COLS):], 1.0), "train_seconds": 1.0}))
            metrics.append(d / "metrics.json")
            logs.append(d / "train_log.csv")
            traces.append(d / "eval_timeseries.csv")
    return metrics, logs, traces


def test_aggregate_writes_the_per_seed_tables_that_recompute_c15_and_the_ledger(tmp_path):
    rng = np.random.default_rng(0)
    metrics, logs, traces = _write_runs(tmp_path, rng)
    refs = tmp_path / "references.csv"
    pd.DataFrame([{"policy": p, **v} for p, v in REFS.items()]).to_csv(refs, index=False)
    V = {m: reward_to_unit(epoch_matrix([pd.read_csv(f).reward.to_numpy() for f in logs
                                         if f.parent.parent.name == m], 50))                # .../<model>/seed<s>/
         for m in qs.MODELS}
    _, pairs = sample_complexity_tables(V, "nr60", [0.5, 0.6], [0.5, 1.0], 50, 200, 5, 0)
    pairs.to_csv(tmp_path / "outperformance.csv", index=False)
    out = {k: tmp_path / f"{k}.csv" for k in ("runs", "train_epochs", "summary", "claims")}
    agg.aggregate(metrics[::-1], logs, traces, {"nr60": refs}, tmp_path / "outperformance.csv",
                  {"ci": 0.95, "bootstrap_resamples": 200, "seed": 0}, {"nr60": 60}, 0.0, 50, **out,
                  dvc_metrics=tmp_path / "summary.json")
    assert set(agg.PER_SEED) == {f"results/qsac/{k}.csv" for k in ("runs", "train_epochs")}
    runs, epochs = pd.read_csv(out["runs"]), pd.read_csv(out["train_epochs"])
    assert len(runs) == 12 and len(epochs) == 12 * 8 and runs.n_r.eq(60).all()
    qsac = runs[runs.model == "qsac"].set_index("seed")
    assert qsac.recovery_LTE.tolist() == [1.0, 2.0, 3.0] and qsac.shocks_NR.eq(1).all()   # lag 1..3: back after lag
    assert runs.max_total_demand.eq(50.0).all() and runs.ref_persistence_BCR_LTE_5.eq(0.96).all()
    # C15 from train_epochs.csv alone: the same outperformance table as from the raw logs
    W = {m: reward_to_unit(g.pivot(index="seed", columns="episodes", values="reward").to_numpy())
         for m, g in epochs.groupby("model")}
    pd.testing.assert_frame_equal(sample_complexity_tables(W, "nr60", [0.5, 0.6], [0.5, 1.0], 50, 200, 5, 0)[1],
                                  pairs)
    claims = read_claims(out["claims"])
    assert len(claims) == 19 and not claims.verdict.isin(["n/a", "untestable"]).any()
    # every ledger row from runs.csv and claims.csv alone
    led = ledger(ql.rows(runs, claims))
    assert list(led.classical) == ["sac", "td3", "ddpg"] and led.claim.eq("C3").all()
    assert led.reference.eq("persistence (last hour's demand)").all() and led.reference_value.eq(0.96).all()
    assert led.interval.eq("paired t, n = 3").all() and led.verdict.eq(claims.set_index("claim").verdict["C3"]).all()
    for _, r in led.iterrows():
        q, c = (runs[runs.model == m].set_index("seed").BCR_LTE_5 for m in ("qsac", r.classical))
        assert r.effect == pytest.approx((q - c).mean()) and r.quantum_mean == pytest.approx(q.mean())
        assert r.effect_lo < r.effect < r.effect_hi and r.n_quantum == r.n_classical == 3
        assert r.params_quantum == 377 and r.cost_ratio == pytest.approx(1.0)
