"""The claims contract (qrepro.claims) and every paper's deciders on built data: holds / partly / fails / n/a, and a
column a decider needs but the table lacks is an error, never a silent "n/a"."""

import numpy as np
import pandas as pd
import pytest

from qrepro.claims import CLAIMS_SCHEMA, VERDICTS, Claims, SeedRule, read_claims, source_of
from qrepro.papers.cqdt import claims as cq
from qrepro.papers.dickeqaoa import claims as dq
from qrepro.papers.qimarl import claims as qi
from qrepro.papers.qrlbench import claims as qr
from qrepro.papers.qsac import claims as qs

# --- the builder -------------------------------------------------------------------------------------------------

def line_of(module, text: str) -> int:
    """The 1-based line of ``module``'s source where ``text`` first appears."""
    from pathlib import Path

    lines = Path(module.__file__).read_text().splitlines()
    return next(i for i, line in enumerate(lines, start=1) if text in line)


def test_builder_rows_carry_their_source_and_rules():
    claims = Claims("cfg", SeedRule(note="only {n} run(s); needs >= {minimum}"), ours_suffix=" (grid)")
    claims.add("A1", "s", "p", qs.parameter_counts, {"qsac": (377, 146_434)})
    claims.add("A2", "s", "p", qs.parameter_counts, {"qsac": (377, 1)}, seeds=2)             # too few: withheld
    claims.add("A3", "s", "p", qs.parameter_counts, {}, not_run="not run in this tier: x", seeds=1)
    claims.add("A4", "s", "p", qs.parameter_counts, {}, config="other")
    t = claims.table()
    assert list(t.columns) == list(CLAIMS_SCHEMA.columns)
    assert list(t.verdict) == ["holds", "n/a", "n/a", "holds"]
    assert t.ours[1] == "only 2 run(s); needs >= 3 (grid)" and t.ours[2] == "not run in this tier: x (grid)"
    assert list(t.config) == ["cfg", "cfg", "cfg", "other"]
    here = line_of(__import__(__name__), 'claims.add("A1"')
    assert list(t.source) == [f"test_claims.py:{here + k} (parameter_counts)" for k in range(4)]   # each add's line

    def add(*args):                         # a paper's local helper is skipped: the line that names the claim counts
        return source_of(args[0])

    assert add(dq.proposed_beats_greedy) == f"test_claims.py:{line_of(__import__(__name__), 'assert add(dq')} " \
                                            "(proposed_beats_greedy)"


def test_decide_anyway_shows_the_numbers_beside_the_na():
    claims = Claims("ghz", SeedRule(decide_anyway=True))
    claims.add("C", "s", "p", lambda: ("holds", "F 0.95"), seeds=1)
    claims.add("D", "s", "p", lambda: ("holds", "F 0.95"), seeds=3)
    t = claims.table()
    assert list(t.verdict) == ["n/a", "holds"] and t.ours[0] == "F 0.95 [only 1 seed(s); needs >= 3]"


def test_a_decider_must_answer_with_a_verdict_word():
    allowed = "holds, partly, fails, inconclusive, untestable, n/a"
    with pytest.raises(ValueError, match=f"verdict 'maybe'.*allowed: {allowed}"):
        Claims("c").add("X", "s", "p", lambda: ("maybe", ""))
    assert VERDICTS == ("holds", "partly", "fails", "inconclusive", "untestable", "n/a")


def test_read_claims_keeps_na_as_text(tmp_path):
    claims = Claims("c")
    claims.add("X", "s", "p", lambda: ("n/a", "not run"))
    claims.table().to_csv(tmp_path / "c.csv", index=False)
    assert read_claims(tmp_path / "c.csv").verdict.tolist() == ["n/a"]


# --- qsac ----------------------------------------------------------------------------------------------------------

def _runs(values: dict, metric="BCR_LTE_5"):
    """seed-major runs table: ``values`` maps a model to its per-seed metric."""
    return pd.DataFrame([{"config": "nr60", "model": m, "seed": s, metric: v}
                         for m, vs in values.items() for s, v in enumerate(vs)])


@pytest.mark.parametrize("qsac, verdict", [([0.9, 0.9, 0.9], "holds"),          # better on means and every seed
                                           ([0.99, 0.1, 0.1], "fails"),          # worse mean, wins one seed of 3
                                           ([2.0, 0.1, 0.1], "partly"),          # better mean, one seed of 3
                                           ([0.1, 0.1, 0.1], "fails")])
def test_qsac_dominates(qsac, verdict):
    runs = _runs({"qsac": qsac, "sac": [0.5, 0.5, 0.5], "td3": [0.4, 0.4, 0.4]})
    assert qs.dominates(runs, "BCR_LTE_5", "qsac", ["sac", "td3"])[0] == verdict
    assert qs.dominates(runs, "BCR_LTE_5", "qsac", ["ddpg"]) == ("n/a", "models missing")


def test_qsac_paper_values_come_from_table3_with_the_typo_corrected():
    assert qs.paper_vs("DSR_NR", ["sac", "td3", "ddpg"]) == "QSAC 0.989 vs SAC 0.951, TD3 0.966, DDPG 0.980"  # D24
    assert qs.paper_vs("BCR_LTE_5", ["sac", "ddpg", "td3"], "{:g}", " > ") == "QSAC 0.91 > SAC 0.53, DDPG 0.29, TD3 0.12"


def test_qsac_claims_withhold_sample_complexity_below_three_seeds():
    runs = _runs({m: [0.5] for m in qs.MODELS}).assign(
        n_actor_params=[qs.PAPER_PARAMS[m][0] for m in qs.MODELS],
        n_critic_params=[qs.PAPER_PARAMS[m][1] for m in qs.MODELS], DSR_LTE=0.9, DSR_NR=0.9, BCR_LTE_10=0.9,
        Util=0.76, late_reward_std=0.1, early_ma_mean=-0.1, std_dev_LTE=1.0, std_dev_NR=1.0, worst_abs_dev_LTE=1.0,
        worst_abs_dev_NR=1.0)
    refs = pd.DataFrame({"policy": ["oracle", "persistence"], "Util": [0.75, 0.7],
                         **{c: [1.0, 0.95] for c in ["DSR_LTE", "DSR_NR"] + qs.BCR_COLS}})
    pairs = pd.DataFrame({"model": ["qsac"], "baseline": ["sac"], "outperforms": [True], "cells_worse": [0]})
    t = qs.evaluate_claims(runs, refs, "nr60", pairs).set_index("claim")
    assert t.loc["C1", "verdict"] == "holds" and t.loc["C12", "verdict"] == "untestable"
    assert t.loc["C15", "verdict"] == "n/a" and "only 1 seed(s) per model" in t.loc["C15", "ours"]
    c8 = line_of(qs, 'claims.add("C8"')
    assert t.loc["C14", "verdict"] == "holds" and t.loc["C8", "source"] == f"papers/qsac/claims.py:{c8} (utilisation)"
    with pytest.raises(KeyError):                                           # a misspelt column is an error
        qs.evaluate_claims(runs.drop(columns="Util"), refs, "nr60", pairs)


# --- qrlbench ------------------------------------------------------------------------------------------------------

def _sc(S: dict, width=1.0):
    """One grid cell per model at the Fig. 7 cell, range S +- width."""
    return pd.DataFrame([{"model": m, "eps": 0.15, "delta": 0.75, "S": s, "lo": s - width, "hi": s + width,
                          "n_runs": 5, "censored": False, "cap": 100} for m, s in S.items()])


def test_qsac_shares_allow_one_ulp_of_rounding_but_not_more():
    util = qs.RUN_METRICS_SCHEMA.columns["Util"]
    util.validate(pd.DataFrame({"Util": [np.nextafter(1.0, 2.0)]}))      # a mean of shares summing to 1
    with pytest.raises(Exception, match="in_range"):
        util.validate(pd.DataFrame({"Util": [1.01]}))


def test_qrlbench_saturation_and_outperformance():
    sc = _sc({"C16-2": 30, "C32-2": 20, "C64-2": 10, "C128-2": 10, "C256-2": 11})
    assert qr.classical_saturation(sc)[0] == "holds"
    rising = sc.assign(S=[30, 20, 10, 30, 11], lo=[29, 19, 9, 29, 10], hi=[31, 21, 11, 31, 12])
    assert qr.classical_saturation(rising)[0] == "partly"
    falling = sc.assign(S=[10, 20, 30, 30, 60], lo=[9, 19, 29, 29, 59], hi=[11, 21, 31, 31, 61])
    assert qr.classical_saturation(falling)[0] == "fails"
    pairs = pd.DataFrame({"model": ["Q10-4"], "baseline": ["C16-2"], "outperforms": [False], "cells_better": [0],
                          "cells_worse": [2]})
    assert qr.outperforms(pairs, "Q10-4", "C16-2") == ("fails", "Q10-4 significantly lower in 0 cell(s), higher in 2")


def test_qrlbench_claims_na_for_models_not_run_and_few_runs():
    sc = _sc({"C16-2": 30, "Q10-4": 20})
    pairs = pd.DataFrame({"model": ["Q10-4"], "baseline": ["C16-2"], "outperforms": [True], "cells_better": [1],
                          "cells_worse": [0]})
    t = qr.evaluate_claims(sc, pairs).set_index("claim")
    assert t.loc["H2", "verdict"] == "holds" and t.loc["H2", "ours"].endswith("(grid eps 0.15 x delta 0.75)")
    assert t.loc["H1", "ours"].startswith("not run in this tier: Q14-4") and t.loc["H11", "verdict"] == "n/a"
    few = qr.evaluate_claims(sc.assign(n_runs=2), pairs).set_index("claim")
    assert few.loc["H2", "ours"].startswith("only 2 run(s) per model; needs >= 3")


def test_qrlbench_policy_test_needs_both_kinds():
    pt = pd.DataFrame({"policy": ["optimal", "random", "C64-2"], "instance": [-1, -1, 0], "trajectory": 0,
                       "cum_intensity": [14.0, 5.0, 13.9]})
    t = qr.policy_test_claim(pt)
    assert t.verdict[0] == "n/a" and t.ours[0] == "policy test needs one quantum and one classical model"
    h14 = line_of(qr, 'claims.add("H14"')
    assert t.source[0] == f"papers/qrlbench/claims.py:{h14} (best_instances_near_optimal)"


# --- cqdt ----------------------------------------------------------------------------------------------------------

def _episodes(f: dict, seeds=(42, 43, 44), scenarios=("S1", "S9")):
    """Test episodes with a per-policy post-defence fidelity (S and D follow F)."""
    rows = [{"state": "ghz", "seed": s, "policy": p, "scenario": sc, "episode": e, "F_post": v + 0.01 * e,
             "S_post": 1 - v, "D_post": 1 - v, "t_inf_ms": 1.0, "regret": 0.0}
            for p, v in f.items() for s in seeds for sc in scenarios for e in range(3)]
    return pd.DataFrame(rows)


def test_cqdt_deciders():
    ep = _episodes({"reinforce": 0.95, cq.HEURISTIC: 0.8, "random": 0.6, "heuristic_reset": 0.7})
    tab = cq.policy_table(ep).set_index(["state", "policy"])
    assert cq.fidelity_above(tab, "ghz", ["ghz"], 0.91)[0] == "holds"
    assert cq.fidelity_above(tab, "ghz", ["ghz"], 0.99)[0] == "fails"
    assert cq.ordering_over_heuristic_and_random(tab, "ghz")[0] == "holds"
    swapped = cq.policy_table(_episodes({"reinforce": 0.7, cq.HEURISTIC: 0.8, "random": 0.6,
                                         "heuristic_reset": 0.7})).set_index(["state", "policy"])
    assert cq.ordering_over_heuristic_and_random(swapped, "ghz")[0] == "fails"
    assert cq.improvements_significant(ep, "ghz")[0] == "holds"       # constant gaps: d_z infinite, p 0
    assert cq.gains_over_random(tab, "ghz")[0] == "holds"


def test_cqdt_claims_na_only_for_stated_reasons_and_missing_columns_raise():
    ep = _episodes({"reinforce": 0.95, cq.HEURISTIC: 0.8, "random": 0.6, "heuristic_reset": 0.7}, seeds=(42,))
    det = pd.DataFrame([{"state": "ghz", "seed": 42, "method": m, "DR": 0.9, "FPR": 0.05, "AUC": a, "MCC": 0.8,
                         "ACC": 0.9} for m, a in [("cqdt", 0.95), ("ids_lr", 0.9), ("ids_gbdt", 0.8), ("qobs", 0.85),
                                                  ("heuristic", 0.7), ("random", 0.5)]])
    typing = pd.DataFrame({"state": "ghz", "label": "all", "k": [1, 5, 10], "accuracy": [0.5, 0.9, 0.92]})
    t13 = pd.DataFrame({"state": "ghz", "scenario": ["NONE", "BF", "PF", "AD"], "F": [0.95, 0.6, 0.62, 0.64],
                        "S": [0.21, 0.5, 0.49, 0.45], "D": [0.08, 0.28, 0.26, 0.24]})
    latency = pd.DataFrame({"n": 3, "rep": 0, "stage": ["entanglement", "RL inference"], "ms": [10.0, 0.5]})
    t = cq.evaluate_claims(ep, det, typing, t13, latency).set_index("claim")
    assert t.loc["C6", "ours"] == "not run in this tier ('A2C / PPO / DQN comparators')"      # no comparators
    assert t.loc["C16", "verdict"] == "n/a" and t.loc["C10", "verdict"] == "holds"
    assert t.loc["C7", "verdict"] == "n/a" and t.loc["C7", "ours"].endswith("[only 1 seed(s); needs >= 3]")
    assert t.loc["C7", "ours"].startswith("CQDT DR 0.90")                   # decided and shown, then withheld
    with pytest.raises(KeyError):
        cq.evaluate_claims(ep.drop(columns="D_post"), det, typing, t13, latency)


# --- dickeqaoa -----------------------------------------------------------------------------------------------------

def _qaoa_runs(best: dict, seeds=3):
    return pd.DataFrame([{"variant": "paper", "ansatz": "proposed", "N": n, "seed": s, "best_conflict": b,
                          "gap": b - 2, "feas_ratio": 1.0} for n, b in best.items() for s in range(seeds)])


@pytest.mark.parametrize("best, verdict", [({6: 3, 7: 2, 8: 3}, "holds"), ({6: 3, 7: 3, 8: 4}, "partly"),
                                           ({6: 4, 7: 3, 8: 4}, "fails")])
def test_dickeqaoa_proposed_against_greedy(best, verdict):
    base = pd.DataFrame({"N": [6, 7, 8], "greedy": [4, 3, 4]})
    assert dq.proposed_beats_greedy(_qaoa_runs(best), base)[0] == verdict


def test_dickeqaoa_claims_na_when_the_table_sizes_were_not_run():
    base = pd.DataFrame({"N": [5], "greedy": [3], "ilp_opt": [2], "bruteforce_opt": [2], "feasible_states": [243],
                         "feasible_fraction": [0.007], "reduction_factor": [135.0]})
    empty = pd.DataFrame(columns=["scope", "ansatz", "p_err", "deviation", "N"])
    dual = pd.DataFrame(columns=["node_feas", "chan_feas", "beta", "exact_mean_conflict", "mean_conflict",
                                 "best_conflict"])
    t = dq.evaluate_claims(_qaoa_runs({5: 2}), base, empty, dual).set_index("claim")
    assert t.loc["C2", "ours"] == "N = 6, 7, 8 not run in this tier" and t.loc["C1", "verdict"] == "n/a"
    assert t.loc["C2", "paper"] == "1.000 / 1.000 / 1.000" and t.loc["C7", "paper"] == "3 vs 4, 2 vs -, 3 vs 4"
    assert t.loc["C1", "paper"] == "2916; fraction 1.7e-4; reduction 5.8e3"
    few = dq.evaluate_claims(_qaoa_runs({6: 3, 7: 2, 8: 3}, seeds=2), base, empty, dual).set_index("claim")
    assert few.loc["C4", "ours"] == "fewer than 3 seeds per (ansatz, N)" and few.loc["C2", "verdict"] == "holds"


# --- qimarl --------------------------------------------------------------------------------------------------------

def _summary(reward: dict, seeds=3):
    rows = []
    for m, r in reward.items():
        for s in range(seeds):
            rows.append({"method": m, "seed": s, "episodes": 300, "reward": r + s, "coverage": r / 1000,
                         "oracle_coverage": 0.3, "exploration_ratio": r / 1000, "entropy": r / 100,
                         "cum_regret": 1000 - r, "e_conv": 300, "censored": True, "msg_kb": 15.0, "loc_err_m": 1.3})
    return pd.DataFrame(rows)


def test_qimarl_orderings_and_na_rules():
    good = _summary({"qimarl": 300, "ppo": 250, "ddpg": 240, "iql": 230})
    assert qi.reward_ordering(good)[0] == "holds" and qi.regret_ordering(good)[0] == "holds"
    bad = _summary({"qimarl": 240, "ppo": 250, "ddpg": 245, "iql": 230})
    assert qi.reward_ordering(bad)[0] == "fails" and "order broken" in qi.reward_ordering(bad)[1]
    assert qi.converges_sooner(good)[0] == "untestable"                    # censored runs decide nothing
    t = qi.evaluate_claims(good).set_index("claim")
    assert t.loc["C14", "ours"] == "not run in this tier: qimarl_exact"
    assert t.loc["C2", "paper"] == "1,420 < 1,942 < 2,104 < 2,268"         # Table 5 (spec), not retyped
    c12 = line_of(qi, 'claims.add("C12"')
    assert t.loc["C12", "source"] == f"papers/qimarl/claims.py:{c12} (scale_training_not_run)"
    assert list(t.index[:5]) == ["C1", "C2", "C3", "C4", "C5"]
    one = qi.evaluate_claims(_summary({"qimarl": 300, "ppo": 250}, seeds=1)).set_index("claim")
    assert one.loc["C1", "ours"] == "only 1 seed(s); needs >= 3" and one.loc["C13", "verdict"] != "n/a"


def test_qimarl_ablations_partly():
    s = _summary({"qimarl": 300, "qimarl_noqaoa": 250, "qimarl_nogp": 310, "qimarl_noentropy": 280})
    verdict, ours = qi.ablations_hurt(s)
    assert verdict == "partly" and "-gp: reward -3.3% drop" in ours and "not run with enough seeds: -shared" in ours
    with pytest.raises(KeyError):
        qi.ablations_hurt(s.drop(columns="exploration_ratio"))
    assert np.isfinite(qi.PAPER_TABLE5["iql"]["reward"])
