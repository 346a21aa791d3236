"""CQDT headline claims (spec 002 section 5, C1-C16) decided on the main state, with the paper's numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .qsac_claims import CLAIMS_SCHEMA, MIN_SEEDS_FOR_SIGNIFICANCE

PAPER_TABLE7 = {"reinforce": (0.912, 0.352, 0.182, 1.3), "a2c": (0.905, 0.361, 0.189, 2.1),
                "ppo": (0.910, 0.356, 0.185, 2.6), "dqn": (0.887, 0.392, 0.214, 1.8)}
PAPER_TABLE11 = {"random": (0.58, 0.38, 0.66, 0.18), "heuristic": (0.75, 0.22, 0.82, 0.48),
                 "qobs": (0.84, 0.18, 0.88, 0.62), "ids": (0.86, 0.15, 0.90, 0.68), "cqdt": (0.93, 0.08, 0.95, 0.81)}
PAPER_TABLE13 = {"NONE": (0.95, 0.21, 0.08), "BF": (0.59, 0.52, 0.29), "PF": (0.62, 0.49, 0.26), "AD": (0.64, 0.45, 0.24)}
PAPER_TABLE14 = {"initialisation": 4.5, "entanglement": 6.2, "noise injection": 3.1, "measurement": 4.0,
                 "RL inference": 1.3}
HEURISTIC = "heuristic_symptom"      # the better of the two rule sets (spec 3.4); heuristic_reset is reported too


def policy_table(episodes: pd.DataFrame) -> pd.DataFrame:
    """Table 7 style: per state x policy, the mean and sd across T12 scenarios of the post-action F, S, D."""
    per = episodes.groupby(["state", "policy", "scenario"])[["F_post", "S_post", "D_post", "t_inf_ms", "regret"]].mean()
    g = per.groupby(["state", "policy"])
    out = g.mean().join(g.std()[["F_post", "S_post", "D_post"]], rsuffix="_sd")
    return out.reset_index()


def evaluate_claims(episodes: pd.DataFrame, detection: pd.DataFrame, typing: pd.DataFrame, t13: pd.DataFrame,
                    latency: pd.DataFrame, main_state: str = "ghz") -> pd.DataFrame:
    rows = []
    tab = policy_table(episodes).set_index(["state", "policy"])
    states = sorted(episodes.state.unique())

    n_seeds = int(episodes.groupby("state").seed.nunique().min())

    def add(cid, statement, paper, decide, statistical=True):
        try:
            verdict, ours = decide()
        except KeyError as err:
            verdict, ours = "n/a", f"not run in this tier ({err})"
        if statistical and n_seeds < MIN_SEEDS_FOR_SIGNIFICANCE and verdict != "n/a":
            verdict, ours = "n/a", f"{ours} [only {n_seeds} seed(s); needs >= {MIN_SEEDS_FOR_SIGNIFICANCE}]"
        rows.append({"config": main_state, "claim": cid, "statement": statement, "paper": paper, "ours": ours,
                     "verdict": verdict})

    def metric(policy, col, state=main_state):
        return float(tab.loc[(state, policy), col])

    def others(policy, col, fmt="{:.3f}"):
        return "; ".join(f"{s}: {fmt.format(metric(policy, col, s))}" for s in states)

    add("C1", "REINFORCE mean post-defence fidelity > 0.91 (T12)", "0.912 +- 0.018",
        lambda: ("holds" if metric("reinforce", "F_post") >= 0.91 else "fails", others("reinforce", "F_post")))
    add("C2", "REINFORCE entropy near 0.35 bits (within 0.10)", "0.352 +- 0.027",
        lambda: ("holds" if abs(metric("reinforce", "S_post") - 0.352) <= 0.10 else "fails",
                 others("reinforce", "S_post")))
    add("C3", "REINFORCE trace distance < 0.18", "0.182 (Table 7); < 0.18 (abstract)",
        lambda: ("holds" if metric("reinforce", "D_post") < 0.18 else "fails", others("reinforce", "D_post")))

    def c4():
        per = episodes[(episodes.state == main_state) & (episodes.policy == "reinforce")].groupby("scenario").F_post.mean()
        ok = per.get("S9", np.nan) >= 0.91 and per.max() - per.min() <= 0.05
        return ("holds" if ok else "fails", f"F(S9) = {per.get('S9', np.nan):.3f}, max - min over scenarios "
                                            f"{per.max() - per.min():.3f}")
    add("C4", "CQDT fidelity > 0.91 at S9 and nearly flat across S1-S9", "> 0.91, flat", c4)

    def c5():
        order = {m: [metric(p, m) for p in ("reinforce", HEURISTIC, "random")] for m in ("F_post", "S_post", "D_post")}
        ok = (order["F_post"][0] > order["F_post"][1] > order["F_post"][2]
              and order["S_post"][0] < order["S_post"][1] < order["S_post"][2]
              and order["D_post"][0] < order["D_post"][1] < order["D_post"][2])
        txt = "; ".join(f"{m[0]}: " + " / ".join(f"{v:.3f}" for v in vals) for m, vals in order.items())
        return ("holds" if ok else "fails", f"REINFORCE / {HEURISTIC} / random = {txt}; heuristic_reset F = "
                                            f"{metric('heuristic_reset', 'F_post'):.3f}")
    add("C5", "Ordering CQDT > heuristic > random on F (and reversed on S, D)", "F 0.91 > 0.74 > 0.60", c5)

    def c6():
        agents = [a for a in ("reinforce", "ppo", "a2c", "dqn") if (main_state, a) in tab.index]
        if len(agents) < 4:
            raise KeyError("A2C / PPO / DQN comparators")
        f = {a: metric(a, "F_post") for a in agents}
        t = {a: metric(a, "t_inf_ms") for a in agents}
        ok = f["reinforce"] >= f["ppo"] >= f["a2c"] > f["dqn"] and min(t, key=t.get) == "reinforce"
        return ("holds" if ok else "fails", "F " + ", ".join(f"{a} {v:.3f}" for a, v in f.items())
                + "; t_inf ms " + ", ".join(f"{a} {v:.2f}" for a, v in t.items()))
    add("C6", "REINFORCE F >= PPO >= A2C > DQN and lowest inference time", "0.912/0.910/0.905/0.887; 1.3 ms", c6)

    det = detection[detection.state == main_state].groupby("method")[["DR", "FPR", "AUC", "MCC", "ACC"]].mean()

    def c7():
        ids = max(det.loc["ids_lr", "AUC"], det.loc["ids_gbdt", "AUC"])
        rivals = {"classical IDS": ids, **{m: det.loc[m, "AUC"] for m in ("qobs", "heuristic", "random")}}
        ok = all(det.loc["cqdt", "AUC"] > v for v in rivals.values())
        return ("holds" if ok else "fails", f"CQDT DR {det.loc['cqdt', 'DR']:.2f} FPR {det.loc['cqdt', 'FPR']:.2f} AUC "
                f"{det.loc['cqdt', 'AUC']:.3f} MCC {det.loc['cqdt', 'MCC']:.2f}; AUC " +
                ", ".join(f"{k} {v:.3f}" for k, v in rivals.items()))
    add("C7", "CQDT detection beats classical IDS, Q-OBS, heuristic and random (AUC)", "AUC 0.95 vs 0.90/0.88/0.82/0.66",
        c7)
    ty = typing[(typing.state == main_state) & (typing.label == "all")].groupby("k").accuracy.mean()

    def c8():
        final = ty.loc[ty.index.max()]
        return ("holds" if final >= 0.87 else "fails", f"4-class accuracy at k = {ty.index.max()}: {final:.3f}")
    add("C8", "Attack (channel) classification accuracy > 87%", "> 0.87", c8)

    def c9():
        final = ty.loc[ty.index.max()]
        k = int(ty[ty >= 0.95 * final].index.min())
        return ("holds" if k <= 7 else "fails", f"first k with accuracy >= 95% of final: {k}")
    add("C9", "Channel typing converges within 5-7 decisions", "5-7", c9)

    def c10():
        lat = latency[latency.n == 3].groupby("stage").ms.median()
        total = float(lat.sum())
        share = float(lat["RL inference"] / total)
        return ("holds" if total < 20 and share < 0.07 else "fails",
                f"n = 3 medians: total {total:.1f} ms, RL inference {lat['RL inference']:.2f} ms ({share:.1%})")
    add("C10", "Loop latency ~19.1 ms at n = 3 (< 20 ms), RL inference < 7%", "19.1 ms; 1.3 ms (6.8%)", c10,
        statistical=False)

    def c11():
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
    add("C11", "p = gamma = 0.3: F -33..38%, S +114..148%, D +225..262% vs no attack", "Table 13", c11,
        statistical=False)

    def c12():
        e = episodes[(episodes.state == main_state) & (episodes.policy == "reinforce")]
        r = float(np.corrcoef(e.F_post, e.S_post)[0, 1])
        return ("holds" if abs(r + 0.88) <= 0.1 else "fails", f"Pearson r(F, S) = {r:.2f} over {len(e)} test episodes")
    add("C12", "r(F, S) = -0.88 on test-episode aggregates", "-0.88", c12)

    def c13():
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
    add("C13", "Improvements significant (p < 1e-8), Cohen's d > 0.6 for F and D", "p < 1e-8, d > 0.6", c13)

    def c14():
        e = episodes[(episodes.state == main_state) & (episodes.policy == "reinforce")]
        ad = [s for s in e.scenario.unique() if s != "S4"]     # every T12 scenario but S4 contains damping
        f = float(e[e.scenario.isin(ad)].groupby("scenario").F_post.mean().min())
        return ("holds" if f >= 0.85 else "fails", f"lowest scenario-mean F over damping scenarios: {f:.3f}")
    add("C14", "Damping scenarios keep F > 0.85", "> 0.85", c14)

    def c15():
        f_gain = metric("reinforce", "F_post") / metric("random", "F_post") - 1
        s_red = 1 - metric("reinforce", "S_post") / metric("random", "S_post")
        d_red = 1 - metric("reinforce", "D_post") / metric("random", "D_post")
        ok = f_gain >= 0.24 and s_red >= 0.27 and d_red > 0.40
        return ("holds" if ok else "fails", f"vs random: F {f_gain:+.0%}, S {-s_red:+.0%}, D {-d_red:+.0%}")
    add("C15", "Gains vs baselines: F +24%, S -27%, D < -40%", "+24% / -27% / < -40%", c15)

    def c16():
        q = latency[latency.stage != "RL inference"].groupby(["n", "rep"]).ms.sum()
        med = q.groupby("n").median()
        rl = latency[latency.stage == "RL inference"].groupby("n").ms.median()
        if len(med) < 3:
            raise KeyError("n sweep")
        slope = np.polyfit(med.index, np.log(med.values), 1)[0]
        flat = rl.max() / rl.min()
        return ("holds" if slope > 0 and flat < 3 else "fails",
                f"log-time slope {slope:.2f} per qubit (quantum stages, n = {list(med.index)}); RL max/min {flat:.1f}")
    add("C16", "Quantum cost grows exponentially with n; RL cost flat", "n = 3..9", c16, statistical=False)
    return CLAIMS_SCHEMA.validate(pd.DataFrame(rows))
