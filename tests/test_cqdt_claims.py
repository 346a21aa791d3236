"""CQDT's claims (papers.cqdt.claims) and ledger rows on hand-made tables: every decider's holds / partly / fails /
inconclusive branch, the paper's words on every row, and the claims and ledger recomputed from the committed
per-seed tables (aggregate.PER_SEED) alone."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qrepro.claims import READINGS
from qrepro.papers.cqdt import claims as cq
from qrepro.papers.cqdt import ledger
from qrepro.papers.cqdt.aggregate import PER_SEED, aggregate
from qrepro.papers.cqdt.checks import STAGES
from qrepro.papers.cqdt.run import DETECTORS

SEEDS = (42, 43, 44)
T12 = [f"S{i}" for i in range(1, 10)]
# post-defence F per policy, built so that every claim of the paper holds (entrec ties the oracle, as in our runs)
F = {"reinforce": 0.93, "ppo": 0.90, "a2c": 0.89, "dqn": 0.85, cq.HEURISTIC: 0.75, "heuristic_reset": 0.70,
     "random": 0.60, "reinit": 0.80, "entrec": 0.95, "pcollapse": 0.70, "oracle": 0.95}
# detection per method: (DR, FPR, AUC), Table 11's order of merit
DETECTION = {"cqdt": (0.95, 0.05, 0.97), "ids_lr": (0.80, 0.15, 0.85), "ids_gbdt": (0.82, 0.15, 0.88),
             "qobs": (0.84, 0.18, 0.90), "heuristic": (0.75, 0.22, 0.80), "random": (0.55, 0.40, 0.50)}


def episode_rows(f=F, seeds=SEEDS, state="ghz") -> pd.DataFrame:
    """T12 test episodes with every EPISODE_SCHEMA column: a seed shifts every policy alike, scenarios and episodes
    spread F a little, S and D follow F (S with some scatter, so that r(F, S) is near the paper's -0.88)."""
    rows = []
    for policy, v in f.items():
        for seed in seeds:
            for k, scenario in enumerate(T12):
                for e in range(2):
                    fp = v + 0.01 * (k % 3 - 1) + 0.002 * (seed - 43) + 0.001 * e
                    s_post = 5 * (1 - fp) + 0.02 * ((3 * k + 2 * e) % 4 - 1.5)
                    rows.append({"state": state, "seed": seed, "policy": policy, "scenario": scenario, "episode": e,
                                 "F_pre": fp - 0.2, "S_pre": s_post + 1.0, "D_pre": 1.21 - fp, "F_post": fp,
                                 "S_post": s_post, "D_post": 1.01 - fp, "reward": -3 * (1 - fp),
                                 "regret": 10 * (f["oracle"] - v), "secure_frac": 0.5,
                                 "t_inf_ms": 1.0 if policy == "reinforce" else 2.0, "frac_reinit": 0.0,
                                 "frac_entrec": 1.0, "frac_pcollapse": 0.0})
    return pd.DataFrame(rows)


def detection_rows(values=DETECTION, seeds=SEEDS, state="ghz") -> pd.DataFrame:
    rows = []
    for method, (dr, fpr, auc) in values.items():
        for seed in seeds:
            shift = 0.01 * (seed - 43)
            point = {"DR": dr + shift, "FPR": fpr, "AUC": auc + shift, "MCC": 0.8, "ACC": 0.9}
            rows.append({"state": state, "seed": seed, "method": method, **point,
                         **{f"{m}_{b}": v for m, v in point.items() for b in ("lo", "hi")},
                         "threshold": 0.5, "n_test": 40})
    return pd.DataFrame(rows)


def typing_rows(seeds=SEEDS, state="ghz") -> pd.DataFrame:
    curve = {1: 0.5, 2: 0.7, 3: 0.8, 5: 0.9, 7: 0.92, 10: 0.93}
    return pd.DataFrame([{"k": k, "label": "all", "accuracy": a + 0.005 * (seed - 43), "state": state,
                          "seed": seed} for seed in seeds for k, a in curve.items()])


def t13_rows(cells=cq.PAPER_TABLE13, seeds=SEEDS, state="ghz") -> pd.DataFrame:
    return pd.DataFrame([{"scenario": sc, "episode": e, "F": f, "S": s, "D": d, "state": state, "seed": seed}
                         for seed in seeds for sc, (f, s, d) in cells.items() for e in range(2)])


def latency_rows(rl_ms=0.2, growth=4.0) -> pd.DataFrame:
    """Quantum stages cost 1 + 0.001 growth^n ms each (exponential plus a fixed overhead), RL inference ``rl_ms``."""
    return pd.DataFrame([{"n": n, "stage": st, "rep": rep,
                          "ms": (rl_ms if st == "RL inference" else 1 + 0.001 * growth ** n) + 0.01 * rep}
                         for n in (3, 5, 7, 9) for st in STAGES for rep in range(3)])


def training_rows(seeds=SEEDS, state="ghz") -> pd.DataFrame:
    return pd.DataFrame([{"episode": e, "return": -1.0, "val_score": -0.5, "val_v": 0.2 * e, "random_v": 0.4,
                          "state": state, "seed": seed} for seed in seeds for e in (1, 2, 3)])


def per_seed(values: dict[str, list], col: str = "F_post") -> pd.DataFrame:
    """A seed_means-shaped table: (policy, seed) x ``col`` from per-seed values."""
    rows = [{"policy": p, "seed": 42 + i, col: v} for p, vs in values.items() for i, v in enumerate(vs)]
    return pd.DataFrame(rows).set_index(["policy", "seed"])


def claims_of(episodes=None, detection=None, typing=None, t13=None, latency=None) -> pd.DataFrame:
    return cq.evaluate_claims(episode_rows() if episodes is None else episodes,
                              detection_rows() if detection is None else detection,
                              typing_rows() if typing is None else typing, t13_rows() if t13 is None else t13,
                              latency_rows() if latency is None else latency).set_index("claim")


# --- the verdict arithmetic ---------------------------------------------------------------------------------------

def test_the_defence_table_keeps_the_scenario_means_and_the_episode_correlation():
    ep = episode_rows()
    d = cq.defence_scenarios(ep)
    assert list(d.columns) == list(cq.DEFENCE_COLUMNS) and len(d) == len(F) * 3 * 9 and (d.n == 2).all()
    # REINFORCE, seed 43, S1: F = 0.93 - 0.01 + 0.001 e, so mean 0.9205, population variance 0.0005^2
    row = d.query("policy == 'reinforce' and seed == 43 and scenario == 'S1'").iloc[0]
    assert row.F_post == pytest.approx(0.9205) and row.F_var == pytest.approx(2.5e-7)
    for seed in SEEDS:                   # the moments give the r of the episodes themselves
        e = ep[(ep.policy == "reinforce") & (ep.seed == seed)]
        r = cq.pooled_r(d[(d.policy == "reinforce") & (d.seed == seed)])
        assert r == pytest.approx(np.corrcoef(e.F_post, e.S_post)[0, 1], abs=1e-6)
    pd.testing.assert_frame_equal(cq.defence_scenarios(d), d)          # the committed table passes as it is
    pd.testing.assert_frame_equal(cq.seed_means(d, "ghz"), cq.seed_means(ep, "ghz"), atol=1e-8)
    with pytest.raises(KeyError):
        cq.defence_scenarios(ep.drop(columns="S_pre"))


def test_verdicts_from_intervals():
    assert cq.versus(0.92, 0.95, ">", 0.91) == "holds"
    assert cq.versus(0.85, 0.91, ">", 0.91) == "fails"          # the whole interval at or below: not above
    assert cq.versus(0.90, 0.92, ">", 0.91) == "inconclusive"
    assert cq.versus(0.0, 0.0, ">=", 0.0) == "holds" and cq.versus(0.0, 0.0, "<", 0.0) == "fails"   # a tie
    assert cq.versus(0.05, 0.07, "<=", 0.08) == "holds" and cq.versus(0.09, 0.2, "<=", 0.08) == "fails"
    assert cq.within(0.30, 0.40, 0.25, 0.45) == "holds" and cq.within(0.5, 0.6, 0.25, 0.45) == "fails"
    assert cq.within(0.40, 0.50, 0.25, 0.45) == "inconclusive"
    assert cq.all_of(["holds", "holds"]) == "holds" and cq.all_of(["holds", "inconclusive"]) == "inconclusive"
    assert cq.all_of(["holds", "inconclusive", "fails"]) == "fails"
    assert cq.facets(["holds", "fails"]) == "partly" and cq.facets(["fails", "inconclusive"]) == "fails"
    assert cq.facets(["holds", "inconclusive"]) == "inconclusive"
    np.testing.assert_allclose(cq.holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06])


def test_interval_texts_say_kind_and_n():
    assert cq.interval([0.8, 0.81, 0.82])[3] == "0.810 [0.785, 0.835] (95% t, n = 3 seeds)"
    assert cq.interval([0.8])[3] == "0.800 (n = 1 seeds: no interval)"
    assert "(95% bootstrap, n = 10 seeds)" in cq.interval(np.linspace(0.8, 0.9, 10))[3]
    q, c = pd.Series([0.9, 0.92, 0.91], index=SEEDS), pd.Series([0.8, 0.8, 0.8], index=SEEDS)
    assert cq.difference(q, c)[3].endswith("(95% paired t, n = 3 seeds)")


# --- every claim on data built to the paper's numbers, then each claim's other branches ---------------------------

def test_data_built_to_the_paper_passes_every_claim_and_every_row_carries_the_papers_words():
    t = claims_of()
    assert list(t.index) == ["C1", "C2", "C3", "C4", "C5", "C6", "C6b", "C7", "C7b", *[f"C{i}" for i in range(8, 19)]]
    assert (t.verdict == "holds").all(), t.loc[t.verdict != "holds", ["verdict", "ours"]].to_string()
    assert t.reading.map(lambda r: r.split(":")[0] in READINGS).all()
    papers = t.drop("C18")
    assert (papers.quote.str.len() > 40).all() and papers["where"].str.contains("line").all()
    assert t.loc["C18", "reading"].startswith("control:") and t.loc["C3", "reading"].startswith("contradicted:")
    assert set(cq.HEADLINES) <= set(t.index) and len(cq.HEADLINES) == 6 and cq.HEADLINES[-1] == "C18"  # 5 + control
    assert "(95% t, n = 3 seeds)" in t.loc["C1", "ours"]


def test_levels_hold_fail_or_straddle():
    ps = {"ghz": per_seed({"reinforce": [0.90, 0.92, 0.915]})}
    assert cq.level_claim(ps, "ghz", "F_post", ">", 0.91)[0] == "inconclusive"
    assert cq.level_claim(ps, "ghz", "F_post", ">", 0.80)[0] == "holds"
    assert cq.level_claim(ps, "ghz", "F_post", "<", 0.80)[0] == "fails"
    two = {"ghz": per_seed({"reinforce": [0.80] * 3}), "cluster": per_seed({"reinforce": [0.95] * 3})}
    verdict, ours = cq.level_claim(two, "ghz", "F_post", ">", 0.91)     # the main state decides; both are shown
    assert verdict == "fails" and ours.startswith("ghz: 0.800") and "cluster: 0.950" in ours
    s = {"ghz": per_seed({"reinforce": [0.40, 0.50, 0.45]}, "S_post")}
    assert cq.band_claim(s, "ghz", "S_post", 0.25, 0.45)[0] == "inconclusive"
    # [0.40, 0.50, 0.45]: mean 0.45, sd 0.05, t(2) 4.303 x 0.05 / sqrt 3 = 0.124: [0.326, 0.574]
    assert cq.band_claim(s, "ghz", "S_post", 0.55, 0.65)[0] == "inconclusive"       # overlaps 0.55-0.574
    assert cq.band_claim(s, "ghz", "S_post", 0.60, 0.70)[0] == "fails"


def test_flat_fidelity_needs_every_scenario_and_a_small_spread():
    ep = episode_rows()
    assert cq.fidelity_flat_across_scenarios(ep, "ghz")[0] == "holds"
    low_s9 = ep.assign(F_post=np.where((ep.policy == "reinforce") & (ep.scenario == "S9"), 0.90, ep.F_post))
    verdict, ours = cq.fidelity_flat_across_scenarios(low_s9, "ghz")
    assert verdict == "fails" and "in 8 of 9 scenarios" in ours and "S9 0.900" in ours
    wavy = ep.assign(F_post=np.where((ep.policy == "reinforce") & (ep.scenario == "S1"), 0.99, ep.F_post))
    assert cq.fidelity_flat_across_scenarios(wavy, "ghz")[0] == "fails"          # spread 0.07 > 0.05
    straddle = ep.assign(F_post=np.where((ep.policy == "reinforce") & (ep.scenario == "S9"),
                                         0.91 + 0.01 * (ep.seed - 43), ep.F_post))
    assert cq.fidelity_flat_across_scenarios(straddle, "ghz")[0] == "inconclusive"
    assert cq.damping_keeps_fidelity(straddle, "ghz", level=0.91)[0] == "inconclusive"
    assert cq.damping_keeps_fidelity(low_s9, "ghz", level=0.91)[0] == "fails"
    assert cq.damping_keeps_fidelity(low_s9, "ghz")[0] == "holds"        # 0.90 > 0.85: only S7-S9 count


def test_orderings_against_baselines_and_comparators():
    ep = episode_rows()
    ps = cq.seed_means(ep, "ghz")
    assert cq.ordering_over_heuristic_and_random(ps)[0] == "holds"
    swapped = cq.seed_means(episode_rows({**F, "reinforce": 0.70}), "ghz")
    assert cq.ordering_over_heuristic_and_random(swapped)[0] == "fails"
    noisy = per_seed({"reinforce": [0.80, 0.90, 0.85], cq.HEURISTIC: [0.85, 0.84, 0.86], "random": [0.5] * 3,
                      "heuristic_reset": [0.7] * 3})
    ordered = [0.1] * 3 + [0.2] * 3 + [0.3] * 3 + [0.3] * 3                # S and D: REINFORCE < heuristic < random
    noisy = noisy.assign(S_post=ordered, D_post=ordered)
    verdict, ours = cq.ordering_over_heuristic_and_random(noisy)         # REINFORCE vs heuristic F straddles 0
    assert verdict == "inconclusive" and "reinforce - heuristic_symptom +0.000 [" in ours
    assert cq.reinforce_vs_comparators(ps, {"F_post": ">=", "t_inf_ms": "<"})[0] == "holds"
    tie = cq.seed_means(episode_rows({**F, "ppo": F["reinforce"]}), "ghz")
    assert cq.reinforce_vs_comparators(tie, {"F_post": ">="})[0] == "holds"      # a tie is not beaten
    assert cq.reinforce_vs_comparators(tie, {"S_post": "<"})[0] == "fails"       # ... and not lower
    assert cq.reinforce_vs_comparators(swapped, {"F_post": ">="})[0] == "fails"


def test_detection_and_false_alarms():
    assert set(DETECTION) == set(DETECTORS)                              # the built table has every detector run
    per, head = cq.detection_per_seed(detection_rows(), "ghz")
    assert head == "ids_gbdt" and per["FPR"].ids.equals(per["FPR"].ids_gbdt)     # the better head by AUC
    assert cq.detection_beats_rivals(per, head)[0] == "holds"
    verdict, ours = cq.false_alarms_reduced(per, 0.08, 4)
    assert verdict == "holds" and "over 4 attack-free test episodes per seed" in ours
    high = cq.detection_per_seed(detection_rows({**DETECTION, "cqdt": (0.95, 0.12, 0.97)}), "ghz")[0]
    assert cq.false_alarms_reduced(high, 0.08, 4)[0] == "partly"         # fewer than the rivals, above 0.08
    tie = cq.detection_per_seed(detection_rows({**DETECTION, "cqdt": (0.95, 0.15, 0.97)}), "ghz")[0]
    assert cq.false_alarms_reduced(tie, 0.08, 4)[0] == "fails"           # ties the IDS: nothing reduced
    d = detection_rows()
    d.loc[d.method == "cqdt", "FPR"] = [0.0, 0.25, 0.5]                  # one seed in four moves FPR by 0.25
    verdict, ours = cq.false_alarms_reduced(cq.detection_per_seed(d, "ghz")[0], 0.08, 4)
    assert verdict == "inconclusive" and "0.250 [" in ours
    weak = cq.detection_per_seed(detection_rows({**DETECTION, "cqdt": (0.95, 0.05, 0.89)}), "ghz")
    assert cq.detection_beats_rivals(*weak)[0] == "fails"                # Q-OBS's AUC 0.90 is higher
    assert cq.attack_free_per_seed(detection_rows(), "ghz") == 4          # 40 test episodes over 10 TYPED classes


def test_typing_latency_and_scaling():
    ty = typing_rows()
    assert cq.typing_accuracy(ty)[0] == "holds" and cq.typing_accuracy(ty, 0.93)[0] == "inconclusive"
    assert cq.typing_converges(ty) == ("holds", "first k with mean accuracy >= 95% of final (0.930): 5 "
                                                "(mean over 3 seeds)")
    assert cq.typing_converges(ty, within_k=3)[0] == "fails"
    assert cq.loop_latency(latency_rows())[0] == "holds"
    assert cq.loop_latency(latency_rows(rl_ms=0.5))[0] == "fails"         # RL 0.5 of 4.8 ms: above 7%
    assert cq.quantum_cost_exponential(latency_rows())[0] == "holds"
    power = latency_rows().assign(ms=lambda d: np.where(d.stage == "RL inference", d.ms, d.n.astype(float) ** 2))
    verdict, ours = cq.quantum_cost_exponential(power)                   # n^2: positive slope, shrinking ratios
    assert verdict == "partly" and "successive ratios 2.78, 1.96, 1.65" in ours


def test_table13_bands_are_the_ones_its_own_cells_span():
    assert cq.attack_impact(t13_rows(), "ghz")[0] == "holds"             # the paper's cells pass
    shifted = t13_rows({**cq.PAPER_TABLE13, "AD": (0.64, 0.45, 0.30)})   # D +275%: outside 200-263%
    verdict, ours = cq.attack_impact(shifted, "ghz")
    assert verdict == "fails" and "AD: F -33%, S +114%, D +275%" in ours


def test_correlation_significance_gains_and_the_defence_effect():
    ep = episode_rows()
    verdict, ours = cq.fidelity_entropy_correlation(ep, "ghz")
    assert verdict == "holds" and "over 54 test episodes" in ours
    tight = ep.assign(S_post=5 * (1 - ep.F_post))                        # r = -1: outside -0.88 +- 0.1
    assert cq.fidelity_entropy_correlation(tight, "ghz")[0] == "fails"
    assert cq.improvements_significant(ep, "ghz")[0] == "holds"          # constant gaps: d_z infinite, p 0
    close = episode_rows({**F, "random": F["reinforce"] - 0.001, cq.HEURISTIC: F["reinforce"] - 0.001})
    jitter = 0.002 * np.sin(np.arange(len(close)))
    assert cq.improvements_significant(close.assign(F_post=close.F_post + jitter), "ghz")[0] == "fails"
    ps = cq.seed_means(ep, "ghz")
    assert cq.relative_gains(ps, ep, "ghz")[0] == "holds"
    # heuristic 0.92, random 0.915 against REINFORCE 0.93: best F gain under 2%, S reductions 1 - 0.35 / 0.40 =
    # 12.5% and 1 - 0.35 / 0.425 = 17.6%, D reductions 1 - 0.08 / 0.09 = 11.1% and 1 - 0.08 / 0.095 = 15.8% (the
    # mean of the per-seed ratios, which the seed shift and the episode offset move by ~0.001)
    near = episode_rows({**F, cq.HEURISTIC: 0.92, "random": 0.915})
    verdict, ours = cq.relative_gains(cq.seed_means(near, "ghz"), near, "ghz")
    assert verdict == "fails" and "best F gain +1.7%" in ours and "S reduction vs heuristic_symptom 0.126 [" in ours
    assert "D reduction vs random 0.159 [" in ours
    # heuristic 0.90: S reductions 30% and 36.6% reach 27%, D 27.3% and 33.5% do not exceed 40%, F gain 4.5%
    mixed = episode_rows({**F, cq.HEURISTIC: 0.90, "random": 0.89})
    assert cq.relative_gains(cq.seed_means(mixed, "ghz"), mixed, "ghz")[0] == "partly"
    s_only = ep.assign(D_post=np.where(ep.policy == "reinforce", ep.D_post + 0.1, ep.D_post))
    assert cq.relative_gains(cq.seed_means(s_only, "ghz"), s_only, "ghz")[0] == "partly"   # D: 0.18 vs 0.26
    assert cq.defence_improves_state(ps)[0] == "holds"
    worse = ep.assign(D_post=ep.D_pre + 0.01)
    assert cq.defence_improves_state(cq.seed_means(worse, "ghz"))[0] == "fails"


def test_inconclusive_where_the_intervals_straddle_and_the_remaining_failure_paths():
    # REINFORCE - PPO per seed -0.01 / +0.01 / 0: sd 0.01, t(2) 4.303 x 0.01 / sqrt 3 = 0.025, spans 0
    ps = per_seed({"reinforce": [0.90, 0.92, 0.91], "ppo": [0.91] * 3, "a2c": [0.80] * 3, "dqn": [0.80] * 3})
    verdict, ours = cq.reinforce_vs_comparators(ps, {"F_post": ">="})
    assert verdict == "inconclusive" and "reinforce - ppo +0.000 [-0.025, +0.025] (95% paired t" in ours
    # CQDT's AUC 0.85 / 0.95 / 0.90 against the GBDT IDS 0.87 / 0.88 / 0.89: differences -0.02 / +0.07 / +0.01,
    # mean 0.02, sd 0.0458, +- 4.303 x 0.0458 / sqrt 3 = 0.114 (Q-OBS and the heuristic straddle 0 too)
    d = detection_rows()
    d.loc[d.method == "cqdt", "AUC"] = [0.85, 0.95, 0.90]
    verdict, ours = cq.detection_beats_rivals(*cq.detection_per_seed(d, "ghz"))
    assert verdict == "inconclusive" and "ids 0.880 (cqdt - ids +0.020 [-0.094, +0.134] (95% paired t" in ours
    # the final accuracy 0.925 / 0.930 / 0.935: [0.918, 0.942], all of it below 0.95
    assert cq.typing_accuracy(typing_rows(), 0.95) == ("fails", "4-class accuracy at k = 10: 0.930 [0.918, 0.942] "
                                                                "(95% t, n = 3 seeds)")
    # n = 3 loop totals 11.392 / 15.432 / 19.472 ms (entanglement 8 / 12 / 16 ms): sd 4.04, +- 4.303 x 4.04 / sqrt 3
    lat = latency_rows()
    lat = lat.assign(ms=np.where((lat.n == 3) & (lat.stage == "entanglement"), 12.0 + 4 * (lat.rep - 1), lat.ms))
    verdict, ours = cq.loop_latency(lat)
    assert verdict == "inconclusive" and "total 15.432 [5.396, 25.468] (95% t, n = 3 repetitions) ms" in ours
    # quantum cost n^2 (ratios shrink) and RL inference n^3 (max/min 27): neither facet holds
    grow = latency_rows().assign(ms=lambda t: t.n.astype(float) ** np.where(t.stage == "RL inference", 3, 2))
    assert cq.quantum_cost_exponential(grow)[0] == "fails"
    # the entropy scatter 0.01 / 0.02 / 0.03 per seed: per-seed r from -0.97 to -0.77 straddles -0.88 +- 0.1
    ep = episode_rows()
    scale = ep.seed.map({42: 0.5, 43: 1.0, 44: 1.5})
    scattered = ep.assign(S_post=5 * (1 - ep.F_post) + scale * (ep.S_post - 5 * (1 - ep.F_post)))
    verdict, ours = cq.fidelity_entropy_correlation(scattered, "ghz")
    assert verdict == "inconclusive" and ours.startswith("per-seed r(F, S) -0.871 [-1.111, -0.632]")
    # S reductions against the heuristic 1 - 0.35 / (0.40, 0.50, 0.60) = 0.125 / 0.300 / 0.417 straddle 27%
    gains = per_seed({"reinforce": [0.35] * 3, cq.HEURISTIC: [0.40, 0.50, 0.60], "random": [1.0] * 3}, "S_post")
    gains = gains.assign(D_post=np.where(gains.index.get_level_values("policy") == "reinforce", 0.1, 0.5))
    verdict, ours = cq.relative_gains(gains, ep, "ghz")                  # F from the paper-built episodes: holds
    assert verdict == "inconclusive" and "S reduction vs heuristic_symptom 0.281 [" in ours
    # post - pre F per seed +0.05 / -0.05 / 0 spans 0; S and D clearly improve
    state = per_seed({"reinforce": [0.90] * 3}).assign(F_pre=[0.85, 0.95, 0.90], S_post=0.3, S_pre=0.5, D_post=0.1,
                                                          D_pre=0.3)
    verdict, ours = cq.defence_improves_state(state)
    assert verdict == "inconclusive" and ours.startswith("F post - pre +0.000 [-0.124, +0.124]")


def test_fixed_action_control():
    ps = cq.seed_means(episode_rows(), "ghz")
    verdict, ours = cq.fixed_action_control(ps)
    assert verdict == "holds" and ours.startswith("F oracle 0.950, entrec 0.950 (regret 0 per episode)")
    assert "ppo - oracle -0.050" in ours and "equal in 0 of 3 seeds" in ours
    assert cq.best_fixed_action(ps) == ("entrec", True)
    beaten = cq.seed_means(episode_rows({**F, "entrec": 0.94}), "ghz")   # the oracle beats every fixed action
    assert cq.fixed_action_control(beaten)[0] == "fails"


def test_no_na_with_enough_seeds_na_only_for_stated_reasons_and_missing_columns_raise():
    one = claims_of(episodes=episode_rows(seeds=(42,)), detection=detection_rows(seeds=(42,)),
                    typing=typing_rows(seeds=(42,)), t13=t13_rows(seeds=(42,)))
    assert one.loc["C7", "verdict"] == "n/a" and one.loc["C7", "ours"].endswith("[only 1 seed(s); needs >= 3]")
    assert one.loc["C10", "verdict"] == "holds"                          # repetitions, not seeds
    no_sb3 = claims_of(episodes=episode_rows({k: v for k, v in F.items() if k not in cq.COMPARATORS}))
    assert no_sb3.loc["C6", "ours"] == "not run in this tier: ppo, a2c, dqn (the A2C / PPO / DQN comparators)"
    assert no_sb3.loc["C18", "verdict"] == "holds"
    no_sweep = claims_of(latency=latency_rows()[lambda d: d.n == 3])
    assert no_sweep.loc["C16", "verdict"] == "n/a"
    with pytest.raises(KeyError):
        claims_of(episodes=episode_rows().drop(columns="D_post"))


# --- the committed tables: the aggregate writes them, and they alone decide the claims and the ledger -------------

def run_files(tmp_path: Path) -> dict[str, list]:
    """Per-run tables of two states x three seeds, as cqdt_run writes them."""
    makers = {"episodes": episode_rows, "detection": detection_rows, "typing": typing_rows, "t13": t13_rows,
              "training": training_rows}
    files = {name: [] for name in makers}
    for state in ("ghz", "cluster"):
        for seed in SEEDS:
            for name, make in makers.items():
                path = tmp_path / "runs" / state / f"seed{seed}" / f"{name}.csv"
                path.parent.mkdir(parents=True, exist_ok=True)
                make(seeds=(seed,), state=state).to_csv(path, index=False)
                files[name].append(path)
    return files


def test_claims_and_ledger_recompute_from_the_committed_tables_alone(tmp_path):
    latency = tmp_path / "results/cqdt/latency.csv"
    latency.parent.mkdir(parents=True)
    latency_rows().to_csv(latency, index=False)
    outputs = {name: tmp_path / f"results/cqdt/{name}.csv" for name in
               ("episodes", "policies", "detection", "typing", "t13", "training", "claims")}
    outputs["defence"] = tmp_path / "results/cqdt/defence_scenarios.csv"
    written = aggregate(run_files(tmp_path), latency, "ghz", **outputs, dvc_metrics=tmp_path / "summary.json")
    committed = {Path(p).name.removesuffix(".csv"): pd.read_csv(tmp_path / p) for p in PER_SEED}
    assert set(committed) == {"defence_scenarios", "detection", "typing", "t13", "training", "latency"}
    assert list(committed["defence_scenarios"].columns) == list(cq.DEFENCE_COLUMNS)
    assert len(committed["defence_scenarios"]) == 2 * 3 * len(F) * 9 and (committed["defence_scenarios"].n == 2).all()
    claims = cq.evaluate_claims(committed["defence_scenarios"], committed["detection"], committed["typing"],
                                committed["t13"], committed["latency"], "ghz")
    pd.testing.assert_frame_equal(claims, written)
    assert "cluster: " in claims.set_index("claim").loc["C1", "ours"]
    rows = ledger.rows(committed["detection"], claims, "ghz", defence=committed["defence_scenarios"])
    assert [r["classical"] for r in rows] == ["ids_lr", "ids_gbdt", "ppo", "a2c", "dqn"]
    det = committed["detection"].query("state == 'ghz'")
    auc = det.pivot(index="seed", columns="method", values="AUC")
    assert rows[0]["effect"] == pytest.approx((auc.cqdt - auc.ids_lr).mean())
    assert rows[0]["interval"] == "paired t, n = 3" and rows[0]["verdict"] == "holds"
    assert rows[0]["reference"].startswith("qobs") and rows[0]["reference_value"] == pytest.approx(auc.qobs.mean())
    ep = committed["defence_scenarios"].query("state == 'ghz'")
    macro = ep.groupby(["policy", "seed", "scenario"]).F_post.mean().groupby(["policy", "seed"]).mean()
    assert rows[2]["effect"] == pytest.approx((macro["reinforce"] - macro["ppo"]).mean())
    assert rows[2]["claim"] == "C6" and rows[2]["p_improve"] == 1.0
    assert rows[2]["reference"] == "entrec: fixed action, = per-step oracle"
    assert rows[2]["reference_value"] == pytest.approx(macro["entrec"].mean())
    assert [r["classical"] for r in ledger.rows(committed["detection"], claims, "ghz")] == ["ids_lr", "ids_gbdt"]
