"""Paper 004 claims by hand: the three-state evidence (shown / contradicted / cannot tell) over seeds, each newer
decider on numbers worked out here (a holding, an inconclusive and a failing case), and the aggregation of the
main, long and team-size runs into per-run summaries, compact curves and claims."""

import numpy as np
import pandas as pd
import pytest

from qrepro.papers.qimarl import claims as qi
from qrepro.papers.qimarl.aggregate import CURVE_BIN, PER_SEED, aggregate, binned_curves, per_run, read_logs
from qrepro.papers.qimarl.evidence import mean_bound, sooner, spread_smaller, tally, verdict, versus
from qrepro.papers.qimarl.run import EPISODE_SCHEMA

SEEDS = pd.Index([0, 1, 2], name="seed")


def s(*values) -> pd.Series:
    return pd.Series(values, index=SEEDS[:len(values)], dtype=float)


# --- evidence ---------------------------------------------------------------------------------------------------

def test_versus_reads_the_paired_t_interval():
    # differences 1, 2, 3: mean 2, sd 1, t(0.975, 2) = 4.303 -> half-width 4.303 / sqrt(3) = 2.484
    e = versus(s(11, 12, 13), s(10, 10, 10))
    assert e.state is None and e.effect == pytest.approx(2.0)
    assert (e.lo, e.hi) == pytest.approx((2 - 2.4841, 2 + 2.4841), abs=1e-3) and e.how == "paired t, n = 3"
    assert e.text() == "+2 [-0.484, 4.48] (paired t, n = 3): cannot tell"
    assert versus(s(12, 13, 14), s(10, 10, 10)).state is True            # differences 2, 3, 4: [1.52, 5.48]
    assert versus(s(12, 13, 14), s(10, 10, 10), higher=False).state is False
    assert versus(s(1.0), s(0.0)).state is None                          # one seed: no interval


def test_mean_bound_sooner_spread_and_verdict():
    assert mean_bound(s(0.9, 0.95, 1.0), 0.8).state is True               # [0.826, 1.07] at or above 0.8
    assert mean_bound(s(0.5, 0.55, 0.6), 0.8).state is False              # [0.426, 0.674] below
    assert mean_bound(s(0.7, 0.8, 0.9), 0.8).state is None                # [0.552, 1.05] spans it
    assert mean_bound(s(0.2, 0.3, 0.4), 0.6, above=False).state is True    # [0.052, 0.548] at or below 0.6
    # sooner: QI 400, 410, 420 against 600, 610, 620 (difference -200 exactly)
    q, c, no, yes = s(400, 410, 420), s(600, 610, 620), s(0, 0, 0).astype(bool), s(1, 1, 1).astype(bool)
    assert sooner(q, no, c, no).state is True and sooner(q, no, c, yes).state is True    # a censored rival: wider
    assert sooner(q, yes, c, no).state is None                             # QI's 400 only a lower bound
    assert sooner(c, no, q, yes).state is None and sooner(c, no, q, no).state is False
    state, p = spread_smaller(s(1, 1.1, 1.2), s(0, 5, 10))
    assert state is None and p == pytest.approx(0.1216, abs=1e-4)       # 3 seeds: sds 0.1 vs 5, not told apart
    five = pd.Series([1, 1.1, 1.2, 1.0, 1.1]), pd.Series([0, 10, 5, 20, -10.0])
    state, p = spread_smaller(*five)
    assert state is True and p == pytest.approx(0.0294, abs=1e-4)
    assert spread_smaller(five[1], five[0])[0] is False
    assert spread_smaller(s(1, 1.1, 1.2), s(1, 1.2, 1.4))[0] is None
    assert [verdict(v) for v in ([True, True], [True, None], [None, False], [None, None])] == [
        "holds", "partly", "fails", "inconclusive"]
    assert tally([True, False, None, None]) == "1 of 4 parts shown, 1 contradicted, 2 cannot tell"
    with pytest.raises(ValueError):
        verdict([])


# --- deciders ---------------------------------------------------------------------------------------------------

def table(values: dict, **fixed) -> pd.DataFrame:
    """method -> {column: per-seed values}; ``fixed`` columns the same for every row."""
    rows = []
    for m, cols in values.items():
        n = len(next(iter(cols.values())))
        for k in range(n):
            rows.append({"method": m, "seed": k, **fixed, **{c: v[k] for c, v in cols.items()}})
    return pd.DataFrame(rows)


def test_c4_on_the_long_runs_with_censoring():
    conv = table({"qimarl": {"e_conv": [440, 450, 460], "censored": [False] * 3},
                  "ppo": {"e_conv": [600, 620, 640], "censored": [False] * 3},
                  "ddpg": {"e_conv": [780, 800, 1000], "censored": [False, False, True]}},
                 family="long", episodes=1000)
    verdict_, ours = qi.converges_sooner(conv)
    assert verdict_ == "holds" and "1000-episode runs (long)" in ours
    assert "ddpg >= 860 (1 of 3 censored at 1000)" in ours and "(paper ~450 / > 600 / ~800)" in ours
    assert "QI - ppo -170 [-195, -145] (paired t, n = 3): shown" in ours       # differences -160, -170, -180
    unfinished = conv.assign(e_conv=1000, censored=True)
    verdict_, ours = qi.converges_sooner(unfinished)           # nobody converged: lower bounds decide nothing
    assert verdict_ == "inconclusive" and "qimarl >= 1000 (3 of 3 censored at 1000)" in ours
    late = conv.assign(e_conv=np.where(conv.method == "qimarl", 1000, conv.e_conv),
                       censored=np.where(conv.method == "qimarl", True, conv.censored))
    assert qi.converges_sooner(late)[0] == "fails"             # QI's lower bound 1000 is already past PPO's 620
    hidden = conv.assign(e_conv=np.where(conv.method == "qimarl", 700, conv.e_conv),
                         censored=conv.method != "qimarl")     # QI 700 against PPO's lower bounds 600-640
    assert qi.converges_sooner(hidden)[0] == "inconclusive"


def test_convergence_runs_prefer_long_runs_and_name_the_missing():
    runs = pd.concat([table({"qimarl": {"e_conv": [300] * 3}, "ppo": {"e_conv": [300] * 3}}, family="main",
                            episodes=300),
                      table({"qimarl": {"e_conv": [450] * 3}}, family="long", episodes=1000)])
    chosen, missing = qi.convergence_runs(runs, ("qimarl", "ppo", "ddpg"))
    assert list(chosen.family.unique()) == ["long"] and missing == ["ppo", "ddpg"]   # 300-episode main runs: too short
    paper_tier = runs.assign(episodes=1000)
    chosen, missing = qi.convergence_runs(paper_tier[paper_tier.family == "main"], ("qimarl", "ppo"))
    assert missing == [] and set(chosen.method) == {"qimarl", "ppo"}


def pairs(rows) -> pd.DataFrame:
    return pd.DataFrame([dict(config="E", model="qimarl", baseline=b, cells_better=cb, cells_worse=cw,
                              outperforms=out, p_improve=p) for b, cb, cw, out, p in rows])


def test_c4s_decides_on_the_long_runs_where_there_are_some():
    summary = table({"qimarl": {"episodes": [300] * 3}})
    main = pairs([("ppo", 0, 3, False, 0.2), ("ddpg", 0, 0, False, 0.5), ("iql", 4, 0, True, 0.9)])
    verdict_, ours = qi.fewer_samples(summary, main)
    assert verdict_ == "fails" and "outperforms iql and is significantly slower somewhere than ppo" in ours
    long = pairs([("ppo", 2, 0, True, 0.8), ("ddpg", 0, 0, False, 0.6)])
    verdict_, ours = qi.fewer_samples(summary, main, long, 5)
    assert verdict_ == "partly" and ours.startswith("Def. 4.2 on the oracle-normalised return; long runs (5 seeds, ")
    assert qi.fewer_samples(summary, pairs([("ppo", 0, 0, False, .5), ("ddpg", 0, 0, False, .5)]))[0] == "inconclusive"


def test_c8b_and_c18_are_contradicted_by_the_paper_and_fail_unless_ours_show_them():
    base = {m: {"entropy": [e] * 3, "episode_time_s": [t] * 3}
            for m, e, t in (("qimarl", 0.42, 2.0), ("ppo", 0.35, 1.0), ("ddpg", 0.33, 1.5), ("iql", 0.29, 0.5))}
    summary = table(base)
    assert qi.lower_entropy_contradicted(summary)[0] == "fails"
    assert "contradicted by the paper's Table 5" in qi.lower_entropy_contradicted(summary)[1]
    assert qi.compute_cost_contradicted(summary)[0] == "fails"
    cheap = summary.assign(entropy=np.where(summary.method == "qimarl", 0.1, summary.entropy),
                           episode_time_s=np.where(summary.method == "qimarl", 0.1, summary.episode_time_s))
    assert qi.lower_entropy_contradicted(cheap)[0] == "partly"      # ours show it; the paper's own table does not
    assert qi.compute_cost_contradicted(cheap)[0] == "partly"


def test_c8c_entropy_decay_and_its_smoothness():
    assert qi.largest_step_share(np.linspace(1.0, 0.0, 100)) == pytest.approx(1 / 9)
    step = np.r_[np.ones(50), np.zeros(50)]                           # one step: tenths 1,1,1,1,1,0,0,0,0,0
    assert qi.largest_step_share(step) == pytest.approx(1.0)
    assert np.isnan(qi.largest_step_share(np.ones(100))) and np.isnan(qi.largest_step_share(np.ones(5)))
    smooth = table({"qimarl": {"entropy_early": [3.0, 3.1, 3.2], "entropy": [1.0, 1.0, 1.0],
                               "entropy_step_share": [0.11, 0.12, 0.13]}})
    assert qi.entropy_decays_smoothly(smooth)[0] == "holds"
    abrupt = smooth.assign(entropy_step_share=[0.9, 0.95, 1.0])
    assert qi.entropy_decays_smoothly(abrupt)[0] == "partly"        # decays, in one step
    flat = smooth.assign(entropy=[2.0, 3.5, 3.0], entropy_step_share=[0.2, 0.9, 0.5])
    verdict_, ours = qi.entropy_decays_smoothly(flat)
    assert verdict_ == "inconclusive" and "decline +0.267 [-1.48, 2.01]" in ours     # differences 1, -0.4, 0.2


def test_c16_and_c17_against_each_table5_baseline():
    methods = ("qimarl", "ppo", "ddpg", "iql")
    summary = table({m: {"signal_dbm": [-50 - k, -51 - k, -52 - k], "overlap": [0.02 * (k + 1)] * 3,
                         "coverage": [0.5] * 3} for k, m in enumerate(methods)})
    assert qi.signal_quality(summary)[0] == "holds"
    verdict_, ours = qi.coordination(summary)
    # redundancy = overlap / coverage: QI 0.04 against 0.08, 0.12, 0.16
    assert verdict_ == "holds" and "overlap / coverage qimarl 0.04, ppo 0.08, ddpg 0.12, iql 0.16" in ours
    crowded = summary.assign(overlap=np.where(summary.method == "qimarl", 0.3, summary.overlap))
    assert qi.coordination(crowded)[0] == "fails"
    with pytest.raises(AttributeError):
        qi.coordination(summary.drop(columns="overlap"))


def sized(econv: dict, reward=None, censored=None) -> pd.DataFrame:
    """QI-MARL's (and PPO's) runs by team size: n -> per-seed E_conv; the smallest N the main runs."""
    rows = []
    smallest = min(econv)
    for n, values in econv.items():
        for k, e in enumerate(values):
            for m in ("qimarl", "ppo"):
                r = (reward or {}).get((m, n), [30.0] * 3)[k]
                rows.append(dict(family="main" if n == smallest else "scale", method=m, n_uav=n, seed=k, e_conv=e,
                                 censored=bool((censored or {}).get(n, False)), episodes=300, reward=r))
    return pd.DataFrame(rows)


def test_c11b_econv_grows_sub_linearly_with_n():
    grows = sized({10: [100, 110, 120], 20: [150, 160, 170], 50: [200, 215, 230]})
    verdict_, ours = qi.econv_sublinear(grows)
    # grows: 10 -> 20 by 50 exactly, 20 -> 50 by 45 +- t sd 5; sub-linear: 160 < 2 x 110, 215 < 5 x 110
    assert verdict_ == "holds" and "sub-linear at N = 50: E(50) - 5 E(10) -335 [" in ours
    flat = sized({10: [100, 110, 120], 20: [90, 110, 130]})          # differences -10, 0, 10: cannot tell
    assert qi.econv_sublinear(flat)[0] == "partly"                   # grows undecided, sub-linear shown
    censored = sized({10: [300, 300, 300], 20: [300, 300, 300]}, censored={10: True, 20: True})
    assert qi.econv_sublinear(censored)[0] == "inconclusive"
    shrinks = sized({10: [200, 210, 220], 20: [100, 110, 120]})
    assert qi.econv_sublinear(shrinks)[0] == "partly"                # shrinking: "grows" contradicted


def test_c12_reward_at_scale_decided_on_the_scale_runs_only():
    reward = {("qimarl", 20): [31.0, 32.0, 33.0], ("ppo", 20): [25.0, 25.5, 26.0],
              ("qimarl", 50): [20.0, 21.0, 22.0], ("ppo", 50): [24.0, 25.0, 26.0]}
    runs = sized({10: [100] * 3, 20: [150] * 3, 50: [200] * 3}, reward=reward)
    verdict_, ours = qi.reward_at_scale(runs)
    assert verdict_ == "partly" and "N = 10 (main runs, not decided)" in ours
    assert "N = 50: reward QI 21, PPO 25, QI - PPO -4 [-4, -4] (paired t, n = 3): contradicted" in ours
    runs50 = runs[runs.n_uav != 20]
    assert qi.reward_at_scale(runs50)[0] == "fails"
    claims = qi.evaluate_claims(_full_summary(), runs=runs).set_index("claim")
    assert claims.loc["C12", "verdict"] == "partly" and claims.loc["C11b", "verdict"] != "n/a"


def _full_summary(methods=("qimarl", "ppo", "ddpg", "iql")) -> pd.DataFrame:
    cols = dict(episodes=300, coverage=0.5, oracle_coverage=0.6, exploration_ratio=0.85, entropy=1.0,
                cum_regret=1000.0, e_conv=300, censored=True, msg_kb=15.0, loc_err_m=1.3, eer=0.5, signal_dbm=-60.0,
                overlap=0.05, entropy_early=2.0, entropy_step_share=0.2, episode_time_s=1.0, oracle_return=50.0)
    return pd.DataFrame([dict(method=m, seed=k, reward=30.0 + k, **cols) for m in methods for k in range(3)])


def test_c6_curiosity_parts_by_hand():
    base = {"qimarl": 30, "qi_icm": 30.5, "icm": 29.8, "rnd": 25, "ppo": 20, "ddpg": 18}
    summary = table({m: {"reward": [r, r + 1, r + 2.5], "cum_regret": [1000 - 10 * r] * 3} for m, r in base.items()})
    verdict_, ours = qi.curiosity_comparison(summary)
    # QI_ICM - QI: differences 0.5 each, constant -> shown above QI, so "not significantly above" fails
    assert verdict_ == "partly" and "QI_ICM highest, not significantly above QI [no]" in ours
    # QI - ICM +0.2 each seed (above on the means), regret 700 below ICM's 702 and RND's 750
    assert "5 of 6 parts shown, 1 contradicted, 0 cannot tell" in ours
    assert "QI regret below ICM's and RND's (means) [yes]" in ours
    worse = summary.assign(reward=np.where(summary.method == "qimarl", summary.reward - 15, summary.reward))
    assert qi.curiosity_comparison(worse)[0] == "partly"        # only "QI_ICM highest, not above QI" left
    assert "QI above ppo [no]" in qi.curiosity_comparison(worse)[1]


# --- aggregation ------------------------------------------------------------------------------------------------

def log(method: str, seed: int, episodes: int, level: float = 10.0) -> pd.DataFrame:
    e = np.arange(episodes)
    ret = level * (1 - np.exp(-e / 20.0)) + 0.01 * seed
    row = dict(coverage=0.5, coverage_final=0.5, overlap=0.04, signal_mean_dbm=-60.0, snr_db=30.0,
               exploration_ratio=0.8, oracle_step_reward=1.0, oracle_coverage=0.6, approx_kl=0.01, gp_var_mean=None,
               qaoa_time_s=0.0, qaoa_approx_ratio=None, qaoa_feasible_frac=None, qaoa_cross_conflicts=None,
               intrinsic_reward=None, msg_kb=15.0, loc_err_m=1.3, episode_time_s=0.5)
    df = pd.DataFrame({"method": method, "seed": seed, "episode": e, "return_ext": ret, "regret_ep": 20.0 - ret,
                       "policy_entropy": np.linspace(3.0, 1.0, episodes), **row})
    return EPISODE_SCHEMA.validate(df[list(EPISODE_SCHEMA.columns)])


def write_runs(root, family, methods, seeds, episodes, size=None):
    files = []
    for m in methods:
        for k in seeds:
            folder = root / family / m / (size or "") / f"seed{k}"
            folder.mkdir(parents=True)
            log(m, k, episodes, 10.0 if m == "qimarl" else 8.0).to_csv(folder / "episodes.csv", index=False)
            files.append(folder / "episodes.csv")
    return files


def test_aggregate_reads_every_family_and_writes_compact_curves(tmp_path):
    env = {"n_uav": 10, "grid": 20, "horizon": 100}
    runs = write_runs(tmp_path, "runs", ("qimarl", "ppo"), range(3), 120)
    long = write_runs(tmp_path, "long", ("qimarl", "ppo"), range(3), 130)
    scale = write_runs(tmp_path, "scale", ("qimarl", "ppo"), range(3), 60, size="n20_g28")
    out = {k: tmp_path / f"{k}.csv" for k in ("episodes", "summary", "run_summary", "curves", "claims")}
    estimator = {"episodes_per_epoch": 10, "seed": 0,
                 "sc": {"eps": [0.7, 0.6], "delta": [0.5], "resamples": 50, "percentile": 5}}
    verdicts = aggregate(runs, None, None, None, long, scale, env=env, estimator=estimator,
                         dvc_metrics=tmp_path / "summary.json", **out)
    run_summary, curves = pd.read_csv(out["run_summary"]), pd.read_csv(out["curves"])
    assert len(run_summary) == 18 and set(run_summary.n_uav) == {10, 20}
    assert set(run_summary[run_summary.family == "scale"].grid) == {28}
    assert len(pd.read_csv(out["summary"])) == 6 and len(pd.read_csv(out["episodes"])) == 6 * 120
    # 50-episode bins: 120 -> 3 bins (50, 50, 20), 130 -> 3 (50, 50, 30), 60 -> 2 (50, 10); 6 runs each
    assert len(curves) == 6 * 3 + 6 * 3 + 6 * 2 and CURVE_BIN == 50
    first = curves[(curves.family == "long") & (curves.method == "qimarl") & (curves.seed == 1)]
    assert list(first.episode) == [50, 100, 130] and list(first.episodes_in_bin) == [50, 50, 30]
    ref = log("qimarl", 1, 130)
    assert first.return_ext.iloc[2] == pytest.approx(ref.return_ext.iloc[100:].mean(), abs=1e-6)
    assert set(PER_SEED) >= {"results/qimarl/curves.csv", "results/qimarl/run_summary.csv"}
    c = verdicts.set_index("claim")
    assert c.loc["C4", "config"] == "E-long" and c.loc["C4", "verdict"] == "n/a"      # ddpg not run long
    assert "only 3 seed(s)" not in c.loc["C12", "ours"] and c.loc["C12", "verdict"] in ("holds", "partly")
    with pytest.raises(ValueError, match="n<N>_g<G>"):
        read_logs([runs[0]], "scale", env)


def test_binned_curves_and_per_run_keep_the_run_keys():
    logs = pd.concat([log("qimarl", 0, 7).assign(family="main", n_uav=10, grid=20)])
    curves = binned_curves(logs, width=3)
    assert list(curves.episode) == [3, 6, 7] and list(curves.episodes_in_bin) == [3, 3, 1]
    assert curves.policy_entropy.iloc[0] == pytest.approx(np.linspace(3, 1, 7)[:3].mean())
    runs = per_run(logs)
    assert list(runs.columns[:5]) == ["family", "method", "n_uav", "grid", "seed"] and len(runs) == 1
