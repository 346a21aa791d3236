"""qrlbench's claim deciders on hand-built tables with known values: holds / partly / fails / inconclusive, the
equal-runs rule of point estimates, the sweeps and PPO claims, the seed reasoning, and the aggregate end to end
(its rule block passes what its signature asks)."""

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qrepro.papers.qrlbench import claims as qr
from qrepro.papers.qrlbench.seeds import seed_reasoning

ROOT = Path(__file__).resolve().parents[1]
CELLS = [(0.2, 0.5), (0.1, 0.5)]


def reach(a, b, runs=5, epochs=6):
    """(runs, epochs) validation matrix: V 0.85 from epoch a (passes eps 0.2), 0.95 from b (passes eps 0.1); with
    100 samples an epoch S is 100 a at eps 0.2 and 100 b at eps 0.1 (600, the cap, for a or b >= 6)."""
    v = np.where(np.arange(epochs) >= b, 0.95, np.where(np.arange(epochs) >= a, 0.85, 0.0))
    return np.tile(v, (runs, 1))


def table(rows, n_runs=5, cap=600, config="a3-main-d3/ddqn"):
    """A sample-complexity table from (model, eps, delta, S, lo, hi) rows."""
    df = pd.DataFrame(rows, columns=["model", "eps", "delta", "S", "lo", "hi"])
    return df.assign(config=config, n_runs=n_runs, cap=cap, censored=df.hi >= cap)


def ranges(model_ranges: dict, cells=CELLS, **kw):
    """{model: [(S, lo, hi) per cell]} -> table."""
    return table([(m, e, d, *r) for m, rs in model_ranges.items() for (e, d), r in zip(cells, rs)], **kw)


# --- Def. 4.2 and point estimates  ----------------------------------------------------------------------------------

def test_outperforms_counts_disjoint_ranges_both_ways():
    sc = ranges({"Q14-4": [(100, 80, 120), (200, 150, 260)], "C16-2": [(300, 250, 350), (250, 200, 300)]},
                n_runs=5)
    assert qr.outperforms(sc, "Q14-4", "C16-2") == (
        "holds", "Q14-4 significantly lower in 1 cell(s), higher in 0 (Q14-4 5, C16-2 5 runs; 5-95% cluster-bootstrap "
                 "ranges)")
    worse = ranges({"Q14-4": [(100, 80, 120), (400, 360, 450)], "C16-2": [(300, 250, 350), (250, 200, 300)]})
    assert qr.outperforms(worse, "Q14-4", "C16-2")[0] == "fails"        # lower in one, higher in the other


def test_consistently_lower_at_equal_runs_with_capped_cells_left_out():
    # C16-2's first 5 runs reach at (2, 3); its 15 later runs never do: compared at 5 runs each, they do not count
    c16 = np.vstack([reach(2, 3), np.zeros((15, 6))])
    runs = qr.Runs({"Q14-4": reach(1, 2), "C16-2": c16}, per_epoch=100)
    assert qr.consistently_lower(runs, "Q14-4", "C16-2", CELLS) == (
        "holds", "S(Q14-4) <= S(C16-2) in 2/2 cells not capped for both (of 2: Fig. 6 and Fig. 1 grids); point "
                 "estimates at 5 runs each; largest S(Q14-4) - S(C16-2): -100 steps at eps 0.2, delta 0.5")
    five = [(0.2, 0.5), (0.1, 0.5), (0.2, 0.9), (0.1, 0.9), (0.01, 0.5)]   # eps 0.01: both capped, left out
    mixed = qr.Runs({"Q14-4": reach(1, 4), "C16-2": reach(2, 3)}, per_epoch=100)
    verdict, ours = qr.consistently_lower(mixed, "Q14-4", "C16-2", five)
    assert verdict == "fails" and "in 2/4 cells not capped for both (of 5" in ours and "+100 steps at eps 0.1" in ours
    capped = qr.Runs({"Q14-4": np.zeros((5, 6)), "C16-2": np.zeros((5, 6))}, per_epoch=100)
    assert qr.consistently_lower(capped, "Q14-4", "C16-2", CELLS) == ("inconclusive", "both capped in all 2 cells")


def test_c64_c32_and_on_par_claims():
    base = {"Q14-4": [(100, 80, 120), (200, 180, 220)], "Q10-4": [(110, 90, 130), (210, 190, 230)]}
    # H3: C64-2 never significantly lower: holds; lower in one, higher in the other: partly; lower only: fails
    assert qr.c64_never_better_than_q14(ranges({**base, "C64-2": [(110, 95, 125), (190, 170, 210)]}))[0] == "holds"
    assert qr.c64_never_better_than_q14(ranges({**base, "C64-2": [(50, 40, 60), (300, 260, 340)]}))[0] == "partly"
    assert qr.c64_never_better_than_q14(ranges({**base, "C64-2": [(50, 40, 60), (150, 140, 160)]}))[0] == "fails"
    # H6: overlapping ranges for both quantum models: holds; Q14-4 significantly lower in a cell: partly
    on_par = ranges({**base, "C32-2": [(105, 85, 125), (205, 185, 225)]})
    verdict, ours = qr.quantum_on_par_with_c32(on_par)
    assert verdict == "holds" and ours == ("vs C32-2 (5 runs): Q10-4 (5 runs) significantly lower in 0, higher in 0 "
                                           "cell(s), ranges overlap in 2/2; Q14-4 (5 runs) significantly lower in 0, "
                                           "higher in 0 cell(s), ranges overlap in 2/2")
    edge = ranges({**base, "C32-2": [(135, 125, 145), (205, 185, 225)]})   # Q14-4 [80, 120] below [125, 145]
    assert qr.quantum_on_par_with_c32(edge)[0] == "partly"
    # H5: point estimates at equal runs, Q14-4 lower in 2 of 3 cells and nowhere significant: holds; in all: fails
    three = CELLS + [(0.2, 0.9)]
    sc = ranges({"Q14-4": [(1, 0, 9)] * 3, "C32-2": [(1, 0, 9)] * 3}, cells=three)
    runs = qr.Runs({"Q14-4": reach(1, 3), "C32-2": reach(2, 2, runs=20)}, per_epoch=100)
    verdict, ours = qr.c32_slightly_worse_than_q14(sc, runs, three)
    assert verdict == "holds" and ours.startswith("S(Q14-4) < S(C32-2) in 2/3 cells (point estimates at 5 runs each); "
                                                  "0 significant")
    always = qr.Runs({"Q14-4": reach(1, 1), "C32-2": reach(2, 2)}, per_epoch=100)
    assert qr.c32_slightly_worse_than_q14(sc, always, three)[0] == "fails"


def test_q10_close_to_but_behind_q14():
    sc = ranges({"Q10-4": [(150, 120, 180), (250, 220, 280)], "Q14-4": [(100, 80, 130), (200, 170, 240)]})
    runs = qr.Runs({"Q10-4": reach(2, 3), "Q14-4": reach(1, 2)}, per_epoch=100)
    verdict, ours = qr.q10_close_to_q14(sc, runs, CELLS)
    assert verdict == "holds" and ours.startswith("S(Q10-4) >= S(Q14-4) in 2/2 cells") and "overlap in 2/2" in ours
    far = ranges({"Q10-4": [(300, 280, 320), (400, 380, 420)], "Q14-4": [(100, 80, 130), (200, 170, 240)]})
    assert qr.q10_close_to_q14(far, runs, CELLS)[0] == "partly"          # behind, but not close
    ahead = qr.Runs({"Q10-4": reach(1, 1), "Q14-4": reach(2, 3)}, per_epoch=100)
    assert qr.q10_close_to_q14(far, ahead, CELLS)[0] == "fails"


# --- the Fig. 19 ablations  -----------------------------------------------------------------------------------------

def test_no_quantum_saturation_over_the_qubit_counts_run():
    cell = (0.15, 0.85)                                         # V 0.85 passes eps 0.15 from epoch a

    def series(*a):
        return qr.Runs({m: reach(k, 6) for m, k in zip(qr.QUBIT_SERIES, a)}, per_epoch=100)

    verdict, ours = qr.no_quantum_saturation(series(4, 3, 2, 1), cell)
    assert verdict == "holds" and ours.startswith("Q6-4 400, Q8-4 300, Q10-4 200, Q14-4 100 at eps 0.15, delta 0.85, "
                                                  "point estimates at 5 runs each (each model's first 5; cap 600)")
    assert ours.endswith(qr.Q12_NOT_RUN)
    assert qr.no_quantum_saturation(series(3, 4, 2, 1), cell)[0] == "partly"       # Q14-4 lowest, not monotone
    assert qr.no_quantum_saturation(series(4, 3, 1, 2), cell)[0] == "fails"
    verdict, ours = qr.no_quantum_saturation(series(6, 6, 6, 6), cell)
    assert verdict == "inconclusive" and ours.startswith("all capped: Q6-4 600")


def test_depth_brings_no_gain_and_a_missing_cell_is_an_error():
    cell = (0.15, 0.85)
    abl = table([("C32-2", *cell, 100, 90, 110), ("C32-3", *cell, 105, 95, 115),
                 ("C64-2", *cell, 80, 70, 90), ("C64-3", *cell, 50, 40, 60)], n_runs=20)
    verdict, ours = qr.depth_brings_no_gain(abl, cell)
    assert verdict == "partly" and ours.startswith("C32-2 vs C32-3 overlap: yes, C64-2 vs C64-3 overlap: no")
    assert qr.depth_brings_no_gain(abl.assign(lo=0, hi=1000), cell)[0] == "holds"
    with pytest.raises(KeyError, match="eps=0.1, delta=0.5 is not in the table"):
        qr.depth_brings_no_gain(abl, (0.1, 0.5))


def test_classical_only_networks_learn_nothing():
    capped = ranges({"C10-1": [(600, 600, 600)] * 2, "C14-1": [(600, 600, 600)] * 2})
    runs = qr.Runs({"C10-1": np.full((5, 6), 0.4), "C14-1": np.full((5, 6), 0.5), "C16-2": reach(1, 2)}, 100)
    verdict, ours = qr.classical_only_learns_nothing(capped, runs, ("C10-1", "C14-1"), 0.3)
    assert verdict == "holds" and ours == (
        "C10-1: capped in 2/2 cells, S 600 at eps 0.2, delta 0.5, final V 0.400 (5 runs); C14-1: capped in 2/2 "
        "cells, S 600 at eps 0.2, delta 0.5, final V 0.500 (5 runs); final V for reference: C16-2 0.950, random "
        "policy ~0.30 (policy test: mean cumulative intensity over the optimal's)")
    learns = ranges({"C10-1": [(600, 600, 600)] * 2, "C14-1": [(300, 200, 400), (600, 600, 600)]})
    assert qr.classical_only_learns_nothing(learns, runs, ("C10-1", "C14-1"), None)[0] == "partly"


# --- PPO at an equal 200,000-step budget  ---------------------------------------------------------------------------

def test_ppo_less_efficient_at_equal_budgets():
    ddqn = qr.Runs({"C16-2": np.vstack([reach(1, 2), np.zeros((15, 6))]), "Q10-4": reach(1, 2)}, 100)
    ppo = qr.Runs({"C16-2": reach(2, 6), "Q10-4": reach(3, 4)}, 100, seconds={"C16-2": 0.5, "Q10-4": 1.0})
    verdict, ours = qr.ppo_less_efficient(ddqn, ppo, CELLS)
    # C16-2 at 5 runs: DDQN (100, 200), PPO (200, 600 capped): worse in 2/2, ratio median(2, 3) = 2.5
    assert verdict == "holds" and ours == (
        "cells with S_PPO > S_DDQN of those informative: C16-2 2/2 (median S_PPO/S_DDQN 2.50), Q10-4 2/2 (median "
        "S_PPO/S_DDQN 2.50); both capped at 600 steps (equal budgets); point estimates at equal runs")
    better = qr.Runs({"C16-2": reach(2, 6), "Q10-4": reach(1, 1)}, 100, seconds=ppo.seconds)
    assert qr.ppo_less_efficient(ddqn, better, CELLS)[0] == "fails"                     # 1 of 2 models
    never = qr.Runs({"C16-2": np.zeros((5, 6)), "Q10-4": np.zeros((5, 6))}, 100, seconds=ppo.seconds)
    verdict, ours = qr.ppo_less_efficient(qr.Runs(never.V, 100), never, CELLS)
    # 1,000,000 / 100 = 10,000 epochs x (0.5 + 1.0) s x 5 runs = 75,000 s ~ 21 CPU-h
    assert verdict == "inconclusive" and ours.endswith("C16-2 0/0, Q10-4 0/0; both capped at 600 steps (equal "
                                                       "budgets); point estimates at equal runs; the paper's 1,000,000 "
                                                       "steps would decide it: ~21 CPU-h at 5 runs per model "
                                                       "(measured per-epoch time x 10000 epochs)")


def test_ppo_quantum_pattern_and_consistent_outperformance():
    ppo = qr.Runs({m: reach(1, 2) for m in ("Q10-4", "C16-2", "C32-2", "C64-2")}, 100, seconds=dict.fromkeys(
        ("Q10-4", "C16-2", "C32-2", "C64-2"), 0.1))
    sc = ranges({"Q10-4": [(200, 150, 250), (300, 250, 350)], "C16-2": [(400, 350, 450), (500, 450, 550)],
                 "C32-2": [(210, 160, 260), (310, 260, 360)], "C64-2": [(180, 140, 220), (280, 240, 320)]},
                config="a3-main-d3/ppo")
    verdict, ours = qr.ppo_quantum_pattern(sc, ppo)
    assert verdict == "holds" and ours.startswith("cells (of those not capped for both) where Q10-4 is below C16-2 / "
                                                  "overlaps C32-2 / slightly above C64-2: vs C16-2 2/2, vs C32-2 2/2, "
                                                  "vs C64-2 2/2")
    inverted = sc.assign(S=sc.S.where(sc.model != "C64-2", 260))        # Q10-4 below C64-2 in cell 1
    inverted = inverted.assign(S=inverted.S.where(inverted.model != "C16-2", 100), lo=inverted.lo.where(
        inverted.model != "C16-2", 90), hi=inverted.hi.where(inverted.model != "C16-2", 110))
    assert qr.ppo_quantum_pattern(inverted, ppo)[0] == "partly"          # only the C32-2 overlap holds
    capped = sc.assign(S=600, lo=600, hi=600)
    verdict, ours = qr.ppo_quantum_pattern(capped, ppo)
    assert verdict == "inconclusive" and ours.startswith("every cell capped for both in every pair")
    # H18: Def. 4.2 (cell 1 disjoint) and lower S in every cell: holds; Def. 4.2 fails but lower in all: partly
    verdict, ours = qr.ppo_consistently_outperforms(sc, ppo)
    assert verdict == "holds" and ours.startswith("Def. 4.2: Q10-4 significantly lower in 2 cell(s), higher in 0")
    assert ours.endswith("S(Q10-4) < S(C16-2) in 2/2 cells not capped for both (PPO, cap 600)")
    close = sc.assign(lo=0, hi=599)
    assert qr.ppo_consistently_outperforms(close, ppo)[0] == "partly"
    assert qr.ppo_consistently_outperforms(inverted, ppo)[0] == "fails"
    assert qr.ppo_consistently_outperforms(capped, ppo)[0] == "inconclusive"


# --- the Fig. 20 sweeps  --------------------------------------------------------------------------------------------

def _sweeps(S: dict, width=10):
    """Sweep table from {env: {model: (S at eps 0.3, S at eps 0.1)}} on two cells (delta 0.5)."""
    rows = [dict(config=f"{env}/ddqn", model=m, eps=e, delta=0.5, S=s, lo=s - width, hi=s + width)
            for env, by in S.items() for m, ss in by.items() for e, s in zip((0.3, 0.1), ss)]
    df = pd.DataFrame(rows)
    return df.assign(n_runs=5, cap=600, censored=df.hi >= 600)


def test_sweep_claims_degrees_and_antennas():
    deg = {"a3-main-d3": {"Q10-4": (100, 200), "C16-2": (200, 300)},
           "a3-main-d4": {"Q10-4": (150, 250), "C16-2": (250, 350)},
           "a3-main-d5": {"Q10-4": (200, 300), "C16-2": (300, 400)}}
    ant = {"a2-0-d3": {"Q10-4": (100, 150), "C16-2": (105, 160)},        # ranges overlap: not outperformed
           "a3-0-d3": {"Q10-4": (110, 200), "C16-2": (200, 300)},
           "a4-0-d3": {"Q10-4": (120, 250), "C16-2": (250, 350)}}
    t = qr.sweep_claims(_sweeps({**deg, **ant}), "a3-main-d3").set_index("claim")
    assert t.loc["H12", "verdict"] == "holds" and t.loc["H12", "ours"].startswith(
        "S non-decreasing over degrees 3/4/5 in 4/4 (model, cell) sequences; degree 3 range below degree 5's at eps "
        "0.1, delta 0.75: - (5 runs each)")
    assert t.loc["H19", "verdict"] == "holds" and "degree 4: 2 lower, 0 higher" in t.loc["H19", "ours"]
    assert t.loc["H13", "verdict"] == "holds" and "A = 2/3/4 in 4/4" in t.loc["H13", "ours"]
    assert t.loc["H20", "verdict"] == "partly" and "antennas 2: 0 lower, 0 higher" in t.loc["H20", "ours"]
    falls = {**deg, "a3-main-d5": {"Q10-4": (120, 300), "C16-2": (300, 250)}}
    t = qr.sweep_claims(_sweeps({**falls, **ant}), "a3-main-d3").set_index("claim")
    assert t.loc["H12", "verdict"] == "fails" and t.loc["H12", "ours"].endswith(
        "falls: C16-2 at eps 0.1, delta 0.5, Q10-4 at eps 0.3, delta 0.5; degree 3 range below degree 5's at eps "
        "0.1, delta 0.75: - (5 runs each)")
    capped = {env: {m: (600, 600) for m in by} for env, by in ant.items()}
    t = qr.sweep_claims(_sweeps({**deg, **capped}, width=0), "a3-main-d3").set_index("claim")
    assert t.loc["H20", "verdict"] == "inconclusive" and "(both capped everywhere)" in t.loc["H20", "ours"]
    only_main = qr.sweep_claims(_sweeps({"a3-main-d3": deg["a3-main-d3"]}), "a3-main-d3").set_index("claim")
    assert only_main.loc["H12", "ours"] == "degree sweep not run in this tier"
    assert only_main.loc["H13", "ours"] == "antenna-count sweep not run in this tier (needs >= 2 counts)"


# --- CartPole  ------------------------------------------------------------------------------------------------------

def test_cartpole_competitive_not_superior_and_all_censored_is_inconclusive():
    cp = ranges({"Q4-1": [(30, 20, 40), (50, 40, 60)], "C16-1": [(25, 15, 35), (20, 10, 30)]}, cap=100,
                config="cartpole/vpg")
    t = qr.cartpole_claims(cp).set_index("claim")
    assert t.loc["H16", "verdict"] == "partly"              # C16-1 significantly lower in 1 of 2 cells: 50% competitive
    assert t.loc["H16", "ours"].startswith("C16-1 significantly lower S in 1/2 cells not censored for both, Q4-1 in 0")
    assert t.loc["H22", "verdict"] == "holds" and t.loc["H22", "ours"].endswith("C16-1 outperforms Q4-1: yes")
    censored = cp.assign(S=100, lo=100, hi=100, censored=True)
    assert qr.quantum_competitive(censored, "Q4-1", "C16-1", 0.8)[0] == "inconclusive"
    superior = cp.assign(S=[5, 5, 50, 50], lo=[1, 1, 45, 45], hi=[9, 9, 55, 55])
    assert qr.cartpole_claims(superior).set_index("claim").loc["H22", "verdict"] == "fails"


# --- seeds  ---------------------------------------------------------------------------------------------------------

def test_seed_reasoning_from_the_default_tiers_ranges():
    # Q10-4 S 50 [40, 60] at 20 runs; widened by sqrt(20/n) its top 50 + 10 sqrt(20/n) < C16-2's 80 from n = 3
    sc = table([("Q10-4", 0.2, 0.5, 50, 40, 60), ("C16-2", 0.2, 0.5, 100, 80, 120),
                ("C32-2", 0.2, 0.5, 55, 45, 65), ("C64-2", 0.2, 0.5, 45, 35, 55)], n_runs=20)
    text = seed_reasoning(sc)
    assert "they still lie below C16-2's in all 1 cells from n = 3 runs" in text
    assert "sqrt(20/5) = 2.00 times as wide" in text
    # facing halves at 5 runs: C32-2 below Q10-4: 2 x 10 + 10 = 30; Q10-4 below C32-2: 2 x 10 + 10 = 30
    assert "against C32-2 30 to 30 steps (median 30; 20 at 20 runs)" in text
    assert "ask 3, 4, 5 of the 5 runs to pass (of 20: 10, 15, 17)" in text
    assert "so 5 runs suffice for H19 and H20" in text
    wide = sc.assign(lo=sc.lo - 40, hi=sc.hi + 40)
    text = seed_reasoning(wide)
    assert "they do not lie below C16-2's in every cell even at 20 runs" in text
    assert "H19 and H20 may read inconclusive or fail for want of runs" in text


# --- the aggregate and its rule  ------------------------------------------------------------------------------------

def _rule_block(name: str) -> str:
    text = (ROOT / "workflow/rules/qrlbench.smk").read_text()
    start = text.index(f"rule {name}:")
    return text[start:text.index("\nrule ", start + 1)]


def _names(block: str, section: str) -> set[str]:
    body = re.search(rf"\n    {section}:\n((?:        .*\n|\s*\n)+)", block).group(1)
    return set(re.findall(r"^        (\w+)=", body, flags=re.M))


def test_aggregate_rule_passes_what_the_aggregate_asks():
    import inspect

    from qrepro.papers.qrlbench.aggregate import aggregate

    block = _rule_block("qrlbench_aggregate")
    sig = inspect.signature(aggregate).parameters
    keyword_only = {n for n, p in sig.items() if p.kind is p.KEYWORD_ONLY}
    outputs, params = _names(block, "output"), _names(block, "params") - {"code"}
    script = (ROOT / "workflow/scripts/qrlbench/aggregate.py").read_text()
    assert keyword_only == outputs | {"ablation_cell", "sweep_grid"}
    assert {"ablation_cell", "sweep_grid"} <= params
    assert all(f"p.{p}" in script for p in params), "a param of the rule the script does not pass on"


def test_aggregate_writes_every_table_and_decides_every_claim(tmp_path):
    from qrepro.papers.qrlbench.aggregate import aggregate

    rng = np.random.default_rng(0)
    files = []
    runs = [("a3-main-d3", "ddqn", m, 3) for m in ("C16-2", "Q10-4")] + [("a3-main-d3", "ppo", "C16-2", 3)]
    runs += [(env, "ddqn", m, 2) for env in ("a3-main-d4", "a2-0-d3", "a3-0-d3") for m in ("C16-2", "Q10-4")]
    for env, algo, model, seeds in runs:
        for seed in range(seeds):
            V = np.clip(np.linspace(0.3, 0.95, 6) + rng.normal(0, 0.03, 6), 0, 1)
            f = tmp_path / f"{env}_{algo}_{model}_{seed}.csv"
            pd.DataFrame({"env": env, "algo": algo, "model": model, "seed": seed, "n_params": 100,
                          "epoch": np.arange(1, 7), "env_steps": 100 * np.arange(1, 7), "V": V,
                          "seconds": 0.1234567}).to_csv(f, index=False)
            files.append(f)
    grid = {"eps": [0.2, 0.1], "delta": [0.5, 0.75], "resamples": 50, "percentile": 5}
    out = {k: tmp_path / f"{k}.csv" for k in ("validation_curves", "sample_complexity", "outperformance", "ablation",
                                             "sweeps", "claims", "surface")}
    aggregate(files, grid, {"eps": [0.1, 0.2], "delta": [0.5, 0.9]}, 0, "a3-main-d3",
              ablation_cell={"eps": 0.15, "delta": 0.85}, sweep_grid={"eps": [0.3, 0.1], "delta": [0.5]}, **out,
              dvc_metrics=tmp_path / "summary.json")
    claims = pd.read_csv(out["claims"], keep_default_na=False).set_index("claim")
    assert {"H1", "H2", "H4", "H11", "H12", "H13", "H19", "H20", "H16"} <= set(claims.index)
    assert claims.loc["H2", "verdict"] != "n/a" and claims.loc["H11", "verdict"] != "n/a"
    assert claims.loc["H12", "verdict"] != "n/a" and claims.loc["H13", "verdict"] != "n/a"
    assert claims.loc["H20", "ours"].startswith("only 2 run(s) per model")       # 2 sweep runs: withheld
    sweeps = pd.read_csv(out["sweeps"])
    assert set(sweeps.config) == {f"{e}/ddqn" for e in ("a3-main-d3", "a3-main-d4", "a2-0-d3", "a3-0-d3")}
    assert sweeps.n_runs.eq(2).all() and set(sweeps.eps) == {0.3, 0.1}           # main env at the sweeps' seeds
    abl = pd.read_csv(out["ablation"])
    assert set(abl.model) == {"C16-2", "Q10-4"} and abl.eps.eq(0.15).all() and abl.n_runs.eq(3).all()
    assert pd.read_csv(out["validation_curves"]).seconds.eq(0.123).all()
