"""CQDT headline claims (spec 002 section 5, C1-C16) decided on the main state, with the paper's numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from ...claims import Claims, SeedRule

# the claims the README's Findings show (a selection; every claim is in the report)
HEADLINES = ("C1", "C6", "C7", "C10", "C13")

PAPER_TABLE7 = {"reinforce": (0.912, 0.352, 0.182, 1.3), "a2c": (0.905, 0.361, 0.189, 2.1),
                "ppo": (0.910, 0.356, 0.185, 2.6), "dqn": (0.887, 0.392, 0.214, 1.8)}
PAPER_TABLE11 = {"random": (0.58, 0.38, 0.66, 0.18), "heuristic": (0.75, 0.22, 0.82, 0.48),
                 "qobs": (0.84, 0.18, 0.88, 0.62), "ids": (0.86, 0.15, 0.90, 0.68), "cqdt": (0.93, 0.08, 0.95, 0.81)}
PAPER_TABLE13 = {"NONE": (0.95, 0.21, 0.08), "BF": (0.59, 0.52, 0.29), "PF": (0.62, 0.49, 0.26),
                 "AD": (0.64, 0.45, 0.24)}
PAPER_TABLE14 = {"initialisation": 4.5, "entanglement": 6.2, "noise injection": 3.1, "measurement": 4.0,
                 "RL inference": 1.3}
HEURISTIC = "heuristic_symptom"      # the better of the two rule sets (spec 3.4); heuristic_reset is reported too
COMPARATORS = ("reinforce", "ppo", "a2c", "dqn")
# the statistical claims are decided and shown with fewer seeds too, then withheld ("n/a" with the numbers beside)
SEED_RULE = SeedRule(decide_anyway=True)


def policy_table(episodes: pd.DataFrame) -> pd.DataFrame:
    """Table 7 style: per state x policy, the mean and sd across T12 scenarios of the post-action F, S, D."""
    per = episodes.groupby(["state", "policy", "scenario"])[["F_post", "S_post", "D_post", "t_inf_ms", "regret"]].mean()
    g = per.groupby(["state", "policy"])
    out = g.mean().join(g.std()[["F_post", "S_post", "D_post"]], rsuffix="_sd")
    return out.reset_index()


def _metric(tab, policy, col, state) -> float:
    return float(tab.loc[(state, policy), col])


def _per_state(tab, policy, col, states, fmt="{:.3f}") -> str:
    return "; ".join(f"{s}: {fmt.format(_metric(tab, policy, col, s))}" for s in states)


def fidelity_above(tab, main_state, states, level: float) -> tuple[str, str]:
    """C1: REINFORCE's mean post-defence fidelity on T12 reaches ``level``."""
    return ("holds" if _metric(tab, "reinforce", "F_post", main_state) >= level else "fails",
            _per_state(tab, "reinforce", "F_post", states))


def entropy_near(tab, main_state, states, target: float, within: float) -> tuple[str, str]:
    """C2: REINFORCE's post-defence entropy within ``within`` bits of ``target``."""
    return ("holds" if abs(_metric(tab, "reinforce", "S_post", main_state) - target) <= within else "fails",
            _per_state(tab, "reinforce", "S_post", states))


def trace_distance_below(tab, main_state, states, level: float) -> tuple[str, str]:
    """C3: REINFORCE's post-defence trace distance below ``level``."""
    return ("holds" if _metric(tab, "reinforce", "D_post", main_state) < level else "fails",
            _per_state(tab, "reinforce", "D_post", states))


def fidelity_flat_across_scenarios(episodes, main_state) -> tuple[str, str]:
    """C4: F >= 0.91 at S9 and a spread of at most 0.05 over the scenario means."""
    per = episodes[(episodes.state == main_state) & (episodes.policy == "reinforce")].groupby("scenario").F_post.mean()
    ok = per.get("S9", np.nan) >= 0.91 and per.max() - per.min() <= 0.05
    return ("holds" if ok else "fails", f"F(S9) = {per.get('S9', np.nan):.3f}, max - min over scenarios "
                                        f"{per.max() - per.min():.3f}")


def ordering_over_heuristic_and_random(tab, main_state) -> tuple[str, str]:
    """C5: REINFORCE > heuristic > random on F, and the reverse on S and D."""
    order = {m: [_metric(tab, p, m, main_state) for p in ("reinforce", HEURISTIC, "random")]
             for m in ("F_post", "S_post", "D_post")}
    ok = (order["F_post"][0] > order["F_post"][1] > order["F_post"][2]
          and order["S_post"][0] < order["S_post"][1] < order["S_post"][2]
          and order["D_post"][0] < order["D_post"][1] < order["D_post"][2])
    txt = "; ".join(f"{m[0]}: " + " / ".join(f"{v:.3f}" for v in vals) for m, vals in order.items())
    return ("holds" if ok else "fails", f"REINFORCE / {HEURISTIC} / random = {txt}; heuristic_reset F = "
                                        f"{_metric(tab, 'heuristic_reset', 'F_post', main_state):.3f}")


def reinforce_beats_comparators(tab, main_state) -> tuple[str, str]:
    """C6: F(REINFORCE) >= F(PPO) >= F(A2C) > F(DQN), and REINFORCE infers fastest."""
    f = {a: _metric(tab, a, "F_post", main_state) for a in COMPARATORS}
    t = {a: _metric(tab, a, "t_inf_ms", main_state) for a in COMPARATORS}
    ok = f["reinforce"] >= f["ppo"] >= f["a2c"] > f["dqn"] and min(t, key=t.get) == "reinforce"
    return ("holds" if ok else "fails", "F " + ", ".join(f"{a} {v:.3f}" for a, v in f.items())
            + "; t_inf ms " + ", ".join(f"{a} {v:.2f}" for a, v in t.items()))


def detection_beats_rivals(det) -> tuple[str, str]:
    """C7: the CQDT detector's AUC beats the best classical IDS, Q-OBS, the heuristic and random."""
    ids = max(det.loc["ids_lr", "AUC"], det.loc["ids_gbdt", "AUC"])
    rivals = {"classical IDS": ids, **{m: det.loc[m, "AUC"] for m in ("qobs", "heuristic", "random")}}
    ok = all(det.loc["cqdt", "AUC"] > v for v in rivals.values())
    return ("holds" if ok else "fails", f"CQDT DR {det.loc['cqdt', 'DR']:.2f} FPR {det.loc['cqdt', 'FPR']:.2f} AUC "
            f"{det.loc['cqdt', 'AUC']:.3f} MCC {det.loc['cqdt', 'MCC']:.2f}; AUC " +
            ", ".join(f"{k} {v:.3f}" for k, v in rivals.items()))


def typing_accuracy(ty) -> tuple[str, str]:
    """C8: 4-class channel typing accuracy at the last k above 0.87."""
    final = ty.loc[ty.index.max()]
    return "holds" if final >= 0.87 else "fails", f"4-class accuracy at k = {ty.index.max()}: {final:.3f}"


def typing_converges(ty) -> tuple[str, str]:
    """C9: typing reaches 95% of its final accuracy within 7 decisions."""
    final = ty.loc[ty.index.max()]
    k = int(ty[ty >= 0.95 * final].index.min())
    return "holds" if k <= 7 else "fails", f"first k with accuracy >= 95% of final: {k}"


def loop_latency(latency) -> tuple[str, str]:
    """C10: the n = 3 loop takes < 20 ms (medians per stage), RL inference < 7% of it."""
    lat = latency[latency.n == 3].groupby("stage").ms.median()
    total = float(lat.sum())
    share = float(lat["RL inference"] / total)
    return ("holds" if total < 20 and share < 0.07 else "fails",
            f"n = 3 medians: total {total:.1f} ms, RL inference {lat['RL inference']:.2f} ms ({share:.1%})")


def attack_impact(t13, main_state) -> tuple[str, str]:
    """C11: at p = gamma = 0.3 each channel lowers F by 33-38% and raises S by 114-148%, D by 225-262%."""
    t = t13[t13.state == main_state].groupby("scenario")[["F", "S", "D"]].mean()
    parts, ok = [], True
    for ch in ("BF", "PF", "AD"):
        drop = 1 - t.loc[ch, "F"] / t.loc["NONE", "F"]
        s_up = t.loc[ch, "S"] / t.loc["NONE", "S"] - 1
        d_up = t.loc[ch, "D"] / t.loc["NONE", "D"] - 1
        ok &= 0.33 <= drop <= 0.38 and 1.14 <= s_up <= 1.48 and 2.25 <= d_up <= 2.62
        parts.append(f"{ch}: F -{drop:.0%}, S +{s_up:.0%}, D +{d_up:.0%}")
    return ("holds" if ok else "fails", f"no attack F/S/D = {t.loc['NONE', 'F']:.2f}/{t.loc['NONE', 'S']:.2f}/"
            f"{t.loc['NONE', 'D']:.2f}; " + "; ".join(parts))


def fidelity_entropy_correlation(episodes, main_state) -> tuple[str, str]:
    """C12: Pearson r(F, S) over REINFORCE's test episodes within 0.1 of -0.88."""
    e = episodes[(episodes.state == main_state) & (episodes.policy == "reinforce")]
    r = float(np.corrcoef(e.F_post, e.S_post)[0, 1])
    return "holds" if abs(r + 0.88) <= 0.1 else "fails", f"Pearson r(F, S) = {r:.2f} over {len(e)} test episodes"


def improvements_significant(episodes, main_state) -> tuple[str, str]:
    """C13: paired over seed x scenario, REINFORCE beats the heuristic and random on F and D with p < 1e-8 and
    Cohen's d_z > 0.6."""
    e = episodes[episodes.state == main_state]
    per = e.groupby(["policy", "seed", "scenario"])[["F_post", "D_post"]].mean()
    parts, ok = [], True
    for base in (HEURISTIC, "random"):
        for m in ("F_post", "D_post"):
            diff = (per.loc["reinforce"][m] - per.loc[base][m]).to_numpy() * (1 if m == "F_post" else -1)
            d = diff.mean() / diff.std(ddof=1) if diff.std(ddof=1) > 0 else np.inf * np.sign(diff.mean())
            p = stats.ttest_1samp(diff, 0).pvalue if diff.std(ddof=1) > 0 else (0.0 if diff.mean() > 0 else 1.0)
            ok &= bool(p < 1e-8 and d > 0.6)
            parts.append(f"vs {base} {m[0]}: d_z {d:.2f}, p {p:.1e}")
    return ("holds" if ok else "fails", f"paired over seed x scenario (n = {len(per.loc['reinforce'])}): "
            + "; ".join(parts))


def damping_keeps_fidelity(episodes, main_state) -> tuple[str, str]:
    """C14: every damping scenario (all of T12 but S4) keeps a scenario-mean F of at least 0.85."""
    e = episodes[(episodes.state == main_state) & (episodes.policy == "reinforce")]
    ad = [s for s in e.scenario.unique() if s != "S4"]     # every T12 scenario but S4 contains damping
    f = float(e[e.scenario.isin(ad)].groupby("scenario").F_post.mean().min())
    return "holds" if f >= 0.85 else "fails", f"lowest scenario-mean F over damping scenarios: {f:.3f}"


def gains_over_random(tab, main_state) -> tuple[str, str]:
    """C15: against random, F +24% or more, S -27% or more, D below -40%."""
    f_gain = _metric(tab, "reinforce", "F_post", main_state) / _metric(tab, "random", "F_post", main_state) - 1
    s_red = 1 - _metric(tab, "reinforce", "S_post", main_state) / _metric(tab, "random", "S_post", main_state)
    d_red = 1 - _metric(tab, "reinforce", "D_post", main_state) / _metric(tab, "random", "D_post", main_state)
    ok = f_gain >= 0.24 and s_red >= 0.27 and d_red > 0.40
    return "holds" if ok else "fails", f"vs random: F {f_gain:+.0%}, S {-s_red:+.0%}, D {-d_red:+.0%}"


def _quantum_stage_medians(latency) -> pd.Series:
    return latency[latency.stage != "RL inference"].groupby(["n", "rep"]).ms.sum().groupby("n").median()


def quantum_cost_exponential(latency) -> tuple[str, str]:
    """C16: the quantum stages' log-time grows with n (positive slope), RL inference stays flat (max/min < 3)."""
    med = _quantum_stage_medians(latency)
    rl = latency[latency.stage == "RL inference"].groupby("n").ms.median()
    slope = np.polyfit(med.index, np.log(med.values), 1)[0]
    flat = rl.max() / rl.min()
    return ("holds" if slope > 0 and flat < 3 else "fails",
            f"log-time slope {slope:.2f} per qubit (quantum stages, n = {list(med.index)}); RL max/min {flat:.1f}")


def evaluate_claims(episodes: pd.DataFrame, detection: pd.DataFrame, typing: pd.DataFrame, t13: pd.DataFrame,
                    latency: pd.DataFrame, main_state: str = "ghz") -> pd.DataFrame:
    tab = policy_table(episodes).set_index(["state", "policy"])
    states = sorted(episodes.state.unique())
    seeds = int(episodes.groupby("state").seed.nunique().min())
    claims = Claims(main_state, SEED_RULE)
    r7 = PAPER_TABLE7["reinforce"]
    claims.add("C1", "REINFORCE mean post-defence fidelity > 0.91 (T12)", f"{r7[0]} +- 0.018", fidelity_above,
               tab, main_state, states, 0.91, seeds=seeds)
    claims.add("C2", "REINFORCE entropy near 0.35 bits (within 0.10)", f"{r7[1]} +- 0.027", entropy_near,
               tab, main_state, states, r7[1], 0.10, seeds=seeds)
    claims.add("C3", "REINFORCE trace distance < 0.18", f"{r7[2]} (Table 7); < 0.18 (abstract)",
               trace_distance_below, tab, main_state, states, 0.18, seeds=seeds)
    claims.add("C4", "CQDT fidelity > 0.91 at S9 and nearly flat across S1-S9", "> 0.91, flat",
               fidelity_flat_across_scenarios, episodes, main_state, seeds=seeds)
    claims.add("C5", "Ordering CQDT > heuristic > random on F (and reversed on S, D)", "F 0.91 > 0.74 > 0.60",
               ordering_over_heuristic_and_random, tab, main_state, seeds=seeds)
    have = all((main_state, a) in tab.index for a in COMPARATORS)
    claims.add("C6", "REINFORCE F >= PPO >= A2C > DQN and lowest inference time",
               "/".join(f"{PAPER_TABLE7[a][0]:.3f}" for a in COMPARATORS) + f"; {r7[3]} ms",
               reinforce_beats_comparators, tab, main_state, seeds=seeds,
               not_run=None if have else "not run in this tier ('A2C / PPO / DQN comparators')")
    det = detection[detection.state == main_state].groupby("method")[["DR", "FPR", "AUC", "MCC", "ACC"]].mean()
    t11 = PAPER_TABLE11
    claims.add("C7", "CQDT detection beats classical IDS, Q-OBS, heuristic and random (AUC)",
               f"AUC {t11['cqdt'][2]:.2f} vs "
               + "/".join(f"{t11[m][2]:.2f}" for m in ("ids", "qobs", "heuristic", "random")),
               detection_beats_rivals, det, seeds=seeds)
    ty = typing[(typing.state == main_state) & (typing.label == "all")].groupby("k").accuracy.mean()
    claims.add("C8", "Attack (channel) classification accuracy > 87%", "> 0.87", typing_accuracy, ty, seeds=seeds)
    claims.add("C9", "Channel typing converges within 5-7 decisions", "5-7", typing_converges, ty, seeds=seeds)
    claims.add("C10", "Loop latency ~19.1 ms at n = 3 (< 20 ms), RL inference < 7%",
               f"{sum(PAPER_TABLE14.values()):.1f} ms; {PAPER_TABLE14['RL inference']} ms "
               f"({PAPER_TABLE14['RL inference'] / sum(PAPER_TABLE14.values()):.1%})", loop_latency, latency)
    claims.add("C11", "p = gamma = 0.3: F -33..38%, S +114..148%, D +225..262% vs no attack", "Table 13",
               attack_impact, t13, main_state)
    claims.add("C12", "r(F, S) = -0.88 on test-episode aggregates", "-0.88", fidelity_entropy_correlation,
               episodes, main_state, seeds=seeds)
    claims.add("C13", "Improvements significant (p < 1e-8), Cohen's d > 0.6 for F and D", "p < 1e-8, d > 0.6",
               improvements_significant, episodes, main_state, seeds=seeds)
    claims.add("C14", "Damping scenarios keep F > 0.85", "> 0.85", damping_keeps_fidelity, episodes, main_state,
               seeds=seeds)
    claims.add("C15", "Gains vs baselines: F +24%, S -27%, D < -40%", "+24% / -27% / < -40%", gains_over_random,
               tab, main_state, seeds=seeds)
    claims.add("C16", "Quantum cost grows exponentially with n; RL cost flat", "n = 3..9", quantum_cost_exponential,
               latency,
               not_run=None if len(_quantum_stage_medians(latency)) >= 3 else "not run in this tier ('n sweep')")
    return claims.table()
