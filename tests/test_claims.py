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
    assert qs.paper_vs("BCR_LTE_5", ["sac", "ddpg", "td3"], "{:g}", " > ") == \
        "QSAC 0.91 > SAC 0.53, DDPG 0.29, TD3 0.12"


def test_qsac_claims_withhold_sample_complexity_below_three_seeds():
    nets = ("LTE", "NR")
    features = ["late_reward_std", "early_ma_mean"] + [f"{c}_{n}" for n in nets for c in ("std_dev", "worst_abs_dev")]
    every = dict.fromkeys([c for c in qs.RUNS_SCHEMA.columns if c not in ("config", "model", "seed")] + features, 0.9)
    runs = _runs({m: [0.5] for m in qs.MODELS}).assign(**{
        **every, **{f"{c}_{n}": k for n in nets for c, k in (("shocks", 2), ("recovery_censored", 0))},
        **{qs.reference_column(p, c): v for p, v in (("oracle", 1.0), ("persistence", 0.95)) for c in qs.TABLE3_COLS},
        "n_actor_params": [qs.PAPER_PARAMS[m][0] for m in qs.MODELS], "Util": 0.76, "n_r": 60.0,
        "n_critic_params": [qs.PAPER_PARAMS[m][1] for m in qs.MODELS], "max_total_demand": 52.4})
    pairs = pd.DataFrame({"model": ["qsac"], "baseline": ["sac"], "outperforms": [True], "cells_worse": [0]})
    t = qs.evaluate_claims(runs, "nr60", 0.0, pairs).set_index("claim")
    assert t.loc["C1", "verdict"] == "holds" and t.loc["C12", "verdict"] == "fails"     # C12: Table III decides
    assert t.loc["C15", "verdict"] == "n/a" and "only 1 seed(s) per model" in t.loc["C15", "ours"]
    assert t.loc["C3", "verdict"] == "n/a" and "[only 1 seed(s)" in t.loc["C3", "ours"]  # its numbers beside it
    c8 = line_of(qs, 'claims.add("C8"')
    assert t.loc["C14", "verdict"] == "holds" and t.loc["C8", "source"] == f"papers/qsac/claims.py:{c8} (utilisation)"
    with pytest.raises(KeyError):                                           # a misspelt column is an error
        qs.evaluate_claims(runs.drop(columns="Util"), "nr60", 0.0, pairs)


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
    cell = (0.15, 0.75)                                    # _sc's cell, also the plot scripts' [R] cell
    sc = _sc({"C16-2": 30, "C32-2": 20, "C64-2": 10, "C128-2": 10, "C256-2": 11})
    verdict, ours = qr.classical_saturation(sc, sc, cell)
    assert verdict == "holds" and ours.startswith("at eps 0.15, delta 0.75: C16-2 30 [29, 31], C32-2 20 [19, 21]")
    rising = sc.assign(S=[30, 20, 10, 30, 11], lo=[29, 19, 9, 29, 10], hi=[31, 21, 11, 31, 12])
    assert qr.classical_saturation(rising, rising, cell)[0] == "partly"     # ordered, but C128-2 apart
    falling = sc.assign(S=[10, 20, 30, 30, 60], lo=[9, 19, 29, 29, 59], hi=[11, 21, 31, 31, 61])
    assert qr.classical_saturation(falling, falling, cell)[0] == "fails"
    two = _sc({"Q10-4": 40, "C16-2": 30})                 # Q10-4's range [39, 41] above C16-2's [29, 31]
    assert qr.outperforms(two, "Q10-4", "C16-2") == (
        "fails", "Q10-4 significantly lower in 0 cell(s), higher in 1 (Q10-4 5, C16-2 5 runs; 5-95% cluster-bootstrap "
                 "ranges)")
    with pytest.raises(AttributeError):                   # a table without ranges is an error, not a verdict
        qr.outperforms(two.drop(columns="lo"), "Q10-4", "C16-2")


def test_qrlbench_claims_na_for_models_not_run_and_few_runs():
    sc = _sc({"C16-2": 30, "Q10-4": 20})
    reach = lambda k: np.tile((np.arange(10) >= k).astype(float), (5, 1))  # noqa: E731  V = 1 from epoch k on
    runs = qr.Runs({"C16-2": reach(3), "Q10-4": reach(2)}, per_epoch=100)
    t = qr.evaluate_claims(sc, runs=runs).set_index("claim")
    assert t.loc["H2", "verdict"] == "holds" and t.loc["H2", "ours"].endswith("(grid eps 0.15 x delta 0.75 [R])")
    assert t.loc["H2a", "verdict"] == "holds" and "S(Q10-4) <= S(C16-2) in 1/1 cells" in t.loc["H2a", "ours"]
    assert t.loc["H1", "ours"].startswith("not run in this tier: Q14-4") and t.loc["H11", "verdict"] == "n/a"
    assert t.loc["H11", "ours"] == "not run in this tier: PPO runs"
    assert t.loc["H8", "ours"] == "not run in this tier: C32-2, C64-2, C128-2, C256-2"
    assert t.loc["H9", "ours"] == "not run in this tier: Q6-4, Q8-4, Q14-4"
    few = qr.evaluate_claims(sc.assign(n_runs=2), runs=runs).set_index("claim")
    assert few.loc["H2", "ours"].startswith("only 2 run(s) per model; needs >= 3")


def test_qrlbench_policy_test_needs_both_kinds():
    pt = pd.DataFrame({"policy": ["optimal", "random", "C64-2"], "instance": [-1, -1, 0], "trajectory": 0,
                       "cum_intensity": [14.0, 5.0, 13.9]})
    t = qr.policy_test_claim(pt)
    assert t.verdict[0] == "n/a" and t.ours[0] == "policy test needs one quantum and one classical model"
    h14 = line_of(qr, 'add(claims, "H14"')
    assert t.source[0] == f"papers/qrlbench/claims.py:{h14} (best_instances_near_optimal)"


# --- cqdt ----------------------------------------------------------------------------------------------------------

def _episodes(f: dict, seeds=(42, 43, 44), scenarios=("S1", "S9"), shift: float = 0.0):
    """Test episodes with a per-policy post-defence fidelity, + 0.01 per episode and + ``shift`` per seed from 43
    (S and D follow F; the undefended pre-action state is 0.1 worse on each); the fixed actions and the oracle run in
    every tier, entrec tying the oracle."""
    f = {**f, "reinit": 0.85, "entrec": 0.97, "pcollapse": 0.75, "oracle": 0.97}
    rows = [{"state": "ghz", "seed": s, "policy": p, "scenario": sc, "episode": e,
             "F_post": v + 0.01 * e + shift * (s - 43), "S_post": 1 - v, "D_post": 1 - v,
             "F_pre": v - 0.1, "S_pre": 1.1 - v, "D_pre": 1.1 - v, "t_inf_ms": 1.0,
             "regret": 10 * (f["oracle"] - v)}
            for p, v in f.items() for s in seeds for sc in scenarios for e in range(3)]
    return pd.DataFrame(rows)


def test_cqdt_deciders():
    policies = {"reinforce": 0.95, cq.HEURISTIC: 0.8, "random": 0.6, "heuristic_reset": 0.7}
    ep = _episodes(policies)
    ps = cq.seed_means(ep, "ghz")                  # REINFORCE F 0.96 (0.95 + the episodes' 0.00 / 0.01 / 0.02)
    assert ps.loc["reinforce", "F_post"].tolist() == pytest.approx([0.96] * 3)
    assert cq.level_claim({"ghz": ps}, "ghz", "F_post", ">", 0.91) == (
        "holds", "ghz: 0.960 [0.960, 0.960] (95% t, n = 3 seeds)")
    assert cq.level_claim({"ghz": ps}, "ghz", "F_post", ">", 0.99)[0] == "fails"
    # seeds at 0.94 / 0.96 / 0.98: sd 0.02, t(2) 4.303 x 0.02 / sqrt 3 = 0.0497, so [0.910, 1.010]
    spread = cq.seed_means(_episodes(policies, shift=0.02), "ghz")
    assert cq.level_claim({"ghz": spread}, "ghz", "F_post", ">", 0.95) == (
        "inconclusive", "ghz: 0.960 [0.910, 1.010] (95% t, n = 3 seeds)")
    assert cq.level_claim({"ghz": spread}, "ghz", "F_post", ">", 0.90)[0] == "holds"
    assert cq.level_claim({"ghz": spread}, "ghz", "F_post", ">", 1.02)[0] == "fails"
    assert cq.ordering_over_heuristic_and_random(ps)[0] == "holds"
    swapped = cq.seed_means(_episodes({**policies, "reinforce": 0.7}), "ghz")
    assert cq.ordering_over_heuristic_and_random(swapped)[0] == "fails"
    assert cq.improvements_significant(ep, "ghz")[0] == "holds"       # constant gaps: d_z infinite, p 0
    # F gain 0.96 / 0.61 - 1 = +57.4% (vs random); S and D 0.05 vs 0.2 / 0.4: reductions 75% and 87.5%
    verdict, ours = cq.relative_gains(ps, ep, "ghz")
    assert verdict == "holds" and ours.startswith("best F gain +57.4% (vs random at S1)")
    assert "S reduction vs heuristic_symptom 0.750 [0.750, 0.750]" in ours
    assert cq.defence_improves_state(ps)[0] == "holds"                 # post 0.1 better than pre on F, S and D
    assert cq.fixed_action_control(ps)[0] == "holds" and cq.best_fixed_action(ps) == ("entrec", True)


def test_cqdt_claims_na_only_for_stated_reasons_and_missing_columns_raise():
    ep = _episodes({"reinforce": 0.95, cq.HEURISTIC: 0.8, "random": 0.6, "heuristic_reset": 0.7}, seeds=(42,))
    det = pd.DataFrame([{"state": "ghz", "seed": 42, "method": m, "DR": 0.9, "FPR": 0.05, "AUC": a, "MCC": 0.8,
                         "ACC": 0.9, "n_test": 40}
                        for m, a in [("cqdt", 0.95), ("ids_lr", 0.9), ("ids_gbdt", 0.8), ("qobs", 0.85),
                                     ("heuristic", 0.7), ("random", 0.5)]])
    typing = pd.DataFrame({"state": "ghz", "seed": 42, "label": "all", "k": [1, 5, 10], "accuracy": [0.5, 0.9, 0.92]})
    t13 = pd.DataFrame({"state": "ghz", "seed": 42, "scenario": ["NONE", "BF", "PF", "AD"],
                        "F": [0.95, 0.6, 0.62, 0.64], "S": [0.21, 0.5, 0.49, 0.45], "D": [0.08, 0.28, 0.26, 0.24]})
    latency = pd.DataFrame({"n": 3, "rep": 0, "stage": ["entanglement", "RL inference"], "ms": [10.0, 0.5]})
    t = cq.evaluate_claims(ep, det, typing, t13, latency).set_index("claim")
    no_comparators = "not run in this tier: ppo, a2c, dqn (the A2C / PPO / DQN comparators)"
    assert t.loc["C6", "ours"] == no_comparators and t.loc["C6b", "ours"] == no_comparators
    assert t.loc["C16", "verdict"] == "n/a" and t.loc["C16", "ours"] == "not run in this tier ('n sweep')"
    assert t.loc["C10", "verdict"] == "holds"                  # 10.5 ms, RL 0.5 / 10.5 = 4.8%: repetitions, not seeds
    assert t.loc["C11", "verdict"] == "holds"                  # Table 13's own cells, no seed rule
    assert t.loc["C7", "verdict"] == "n/a" and t.loc["C7", "ours"].endswith("[only 1 seed(s); needs >= 3]")
    assert t.loc["C7", "ours"].startswith("classical IDS = ids_lr; AUC cqdt 0.950")   # decided and shown, withheld
    na = t[t.verdict == "n/a"].ours                             # every n/a says why
    assert na.str.contains("not run in this tier|only 1 seed", regex=True).all()
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
    """Every column the qimarl deciders read; ``reward + seed`` per seed, so paired differences are constant (their
    interval is the point: shown or contradicted, never cannot tell)."""
    rows = []
    for m, r in reward.items():
        for s in range(seeds):
            rows.append({"method": m, "seed": s, "episodes": 300, "reward": r + s, "coverage": r / 1000,
                         "oracle_coverage": 0.3, "exploration_ratio": r / 1000, "entropy": r / 100,
                         "cum_regret": 1000 - r, "e_conv": 300, "censored": True, "msg_kb": 15.0, "loc_err_m": 1.3,
                         "eer": r / 1000, "signal_dbm": r / 10 - 80, "overlap": 0.05, "entropy_early": r / 50,
                         "entropy_step_share": 0.2, "episode_time_s": r / 100, "oracle_return": 400.0})
    return pd.DataFrame(rows)


def test_qimarl_orderings_and_na_rules():
    good = _summary({"qimarl": 300, "ppo": 250, "ddpg": 240, "iql": 230})
    assert qi.table5(good, "reward", "reward")[0] == "holds"
    assert qi.table5(good, "cum_regret", "regret", higher=False)[0] == "holds"
    bad = _summary({"qimarl": 240, "ppo": 250, "ddpg": 245, "iql": 230})     # above Q-learning only
    verdict, ours = qi.table5(bad, "reward", "reward")
    assert verdict == "partly" and "QI - ppo -10 [-10, -10] (paired t, n = 3): contradicted" in ours
    assert "the baselines' own order (not decided): ppo > ddpg > iql" in ours
    assert qi.table5(_summary({"qimarl": 200, "ppo": 250, "ddpg": 245, "iql": 230}), "reward", "reward")[0] == "fails"
    conv = good.assign(family="long")          # every run censored at its length: a lower bound decides nothing
    verdict, ours = qi.converges_sooner(conv)
    assert verdict == "inconclusive" and ">= 300 (3 of 3 censored at 300)" in ours
    t = qi.evaluate_claims(good).set_index("claim")
    assert t.loc["C14", "ours"] == "not run in this tier: qimarl_exact"
    assert t.loc["C2", "paper"] == "1,420 vs PPO 1,942, DDPG 2,104, Q-learning 2,268 (Table 5)"
    assert t.loc["C4", "verdict"] == "n/a" and "runs of 1000 episodes" in t.loc["C4", "ours"]
    c12 = line_of(qi, 'add("C12", reward_at_scale')
    assert t.loc["C12", "source"] == f"papers/qimarl/claims.py:{c12} (reward_at_scale)"
    assert t.loc["C12", "verdict"] == "n/a" and "full training at other team sizes" in t.loc["C12", "ours"]
    assert list(t.index[:6]) == ["C1", "C2", "C3", "C3b", "C4", "C5"]
    assert set(qi.HEADLINES) <= set(t.index) and len(qi.HEADLINES) == 5
    one = qi.evaluate_claims(_summary({"qimarl": 300, "ppo": 250, "ddpg": 240, "iql": 230}, seeds=1))
    one = one.set_index("claim")
    assert one.loc["C1", "ours"] == "only 1 seed(s); needs >= 3" and one.loc["C13", "verdict"] == "n/a"
    assert one.loc["C11", "ours"] == "needs QI-MARL scaling runs at >= 3 sizes"      # not a seed rule
    with pytest.raises(AttributeError):
        qi.evaluate_claims(good.drop(columns="overlap"))                # C17 reads it: no silent n/a


def test_qimarl_ablations_partly():
    s = _summary({"qimarl": 300, "qimarl_noqaoa": 250, "qimarl_nogp": 310, "qimarl_noentropy": 280,
                  "qimarl_noshared": 290})
    verdict, ours = qi.ablations_hurt(s)
    # -GP beats QI-MARL everywhere (3 contradicted); -QAOA has the largest exploration drop (1 - 0.25 / 0.3 = 16.7%,
    # as the paper) and the largest regret rise (750 / 700 - 1 = 7.1%, the paper's is -GP's)
    assert verdict == "partly" and "-GP: reward drop -3.3% (paper 9.4)" in ours
    assert "largest exploration drop -QAOA (paper -QAOA), largest regret rise -QAOA (paper -GP)" in ours
    assert "10 of 14 parts shown, 4 contradicted, 0 cannot tell" in ours
    with pytest.raises(KeyError):
        qi.ablations_hurt(s.drop(columns="exploration_ratio"))
    assert np.isfinite(qi.PAPER_TABLE5["iql"]["reward"])
