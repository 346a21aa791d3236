"""How many Q14-4 runs the claims tier needs, from the spread the default tier measured (issue 44: seeds from the
measured spread, not from the budget alone).

The default tier publishes each model's S with its 5-95% cluster-bootstrap range at 20 runs on the Fig. 6 grid. A
range's width scales as 1/sqrt(runs), so at n runs it is sqrt(20/n) times as wide about S. Q14-4 was never run; its
stand-in is the next quantum model, Q10-4 (the paper: "close to, but not quite competitive with" Q14-4). H1 needs
Q14-4's ranges to lie below C16-2's; the "not significantly different" claims (H3, H5, H6) can only see a difference
wider than both ranges' facing halves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def _cells(sc: pd.DataFrame, model: str) -> pd.DataFrame:
    return sc[sc.model == model].sort_values(["eps", "delta"]).reset_index(drop=True)


def widened(rows: pd.DataFrame, factor: float) -> tuple[np.ndarray, np.ndarray]:
    """(lo, hi) of each row's range stretched about S by ``factor``: S - f (S - lo), S + f (hi - S)."""
    S = rows.S.to_numpy(float)
    return S - factor * (S - rows.lo.to_numpy(float)), S + factor * (rows.hi.to_numpy(float) - S)


def runs_to_separate(sc: pd.DataFrame, lower: str, upper: str) -> int | None:
    """The fewest runs n (from 2) at which ``lower``'s ranges, measured at its ``n_runs`` and widened by
    sqrt(n_runs / n), still lie strictly below ``upper``'s (as measured) in every cell; None if not even at n_runs."""
    a, b = _cells(sc, lower), _cells(sc, upper)
    n_ref = int(a.n_runs.iloc[0])
    for n in range(2, n_ref + 1):
        if (widened(a, np.sqrt(n_ref / n))[1] < b.lo.to_numpy(float)).all():
            return n
    return None


def detectable_gaps(sc: pd.DataFrame, few: str, peer: str, factor: float) -> np.ndarray:
    """Per cell and direction, the smallest S difference that Definition 4.2 can call significant between ``few``
    (its ranges widened by ``factor``) and ``peer`` (as measured): the facing halves of the two ranges. Shape
    (cells, 2): ``peer`` below ``few``, ``few`` below ``peer``."""
    a, b = _cells(sc, few), _cells(sc, peer)
    Sa, Sb = a.S.to_numpy(float), b.S.to_numpy(float)
    peer_below = factor * (Sa - a.lo.to_numpy(float)) + (b.hi.to_numpy(float) - Sb)
    few_below = factor * (a.hi.to_numpy(float) - Sa) + (Sb - b.lo.to_numpy(float))
    return np.stack([peer_below, few_below], axis=1)


def _passing(n: int, delta: float) -> int:
    """Runs of n that must reach the threshold for the success fraction to be >= delta."""
    return int(np.ceil(n * delta - 1e-9))


def _steps(x: float) -> str:
    return f"{x:,.0f}"


def seed_reasoning(sample_complexity: pd.DataFrame, chosen: int = 5, hours_per_run: float = 0.93,
                   stand_in: str = "Q10-4", rival: str = "C16-2", peers=("C32-2", "C64-2"),
                   config: str = "a3-main-d3/ddqn", sweep_runs: int = 5, ppo_runs: int = 5) -> str:
    """The report's paragraph on Q14-4's run count, from the default tier's ``sample_complexity.csv`` (columns
    config, model, eps, delta, S, lo, hi, n_runs): the fewest runs at which ``stand_in``'s widened ranges still
    separate from ``rival``'s in every cell (what H1 needs), the ``chosen`` count and its cost, and what that count
    costs in resolution: how much wider each range is and the smallest difference a "not significantly different"
    claim can then detect against each of ``peers``; then why the other models' counts suffice: the ablation
    models run as many times as the default tier measured, the sweeps (``sweep_runs``, Q10-4 against C16-2 again)
    meet the same separation count, and PPO (``ppo_runs``) has no measured spread."""
    sc = sample_complexity[sample_complexity.config == config]
    n_ref = int(_cells(sc, stand_in).n_runs.iloc[0])
    n_min = runs_to_separate(sc, stand_in, rival)
    factor = np.sqrt(n_ref / chosen)
    cells = len(_cells(sc, stand_in))
    need = (f"they still lie below {rival}'s in all {cells} cells from n = {n_min} runs" if n_min is not None else
            f"they do not lie below {rival}'s in every cell even at {n_ref} runs")
    gaps = []
    for peer in peers:
        now, before = detectable_gaps(sc, stand_in, peer, factor), detectable_gaps(sc, stand_in, peer, 1.0)
        gaps.append(f"against {peer} {_steps(now.min())} to {_steps(now.max())} steps (median "
                    f"{_steps(np.median(now))}; {_steps(np.median(before))} at {n_ref} runs)")
    return (
        f"Seeds from the measured spread. The default tier measured each model's S with its 5-95% cluster-bootstrap "
        f"range at {n_ref} runs on the Fig. 6 grid ({cells} cells). A range's width scales as 1/sqrt(runs), so at n "
        f"runs it is sqrt({n_ref}/n) times as wide about S. Q14-4 was never run; taking {stand_in}'s ranges as its "
        f"stand-in and widening them so, {need}, which H1 (Q14-4 outperforms {rival}) needs. The claims tier runs "
        f"Q14-4 {chosen} times, the budget's limit at {hours_per_run:g} CPU-h a run "
        f"({chosen * hours_per_run:.1f} CPU-h). That costs resolution: at {chosen} runs each range is "
        f"sqrt({n_ref}/{chosen}) = {factor:.2f} times as wide, so a 'not significantly different' claim (H3, H5, "
        f"H6) misses any difference smaller than the facing halves of the two ranges: by cell and direction, "
        + "; ".join(gaps) + f". And at {chosen} runs the success fraction moves in steps of 1/{chosen}: delta 0.5, "
        f"0.75 and 0.85 ask {', '.join(str(_passing(chosen, d)) for d in (0.5, 0.75, 0.85))} of the {chosen} runs "
        f"to pass (of {n_ref}: {', '.join(str(_passing(n_ref, d)) for d in (0.5, 0.75, 0.85))}), so point estimates "
        f"are compared at equal runs (the larger model's first {chosen}). The other DDQN models of the main "
        f"layout (the Fig. 19 ablations, C10-1, C14-1) run {n_ref} times, as measured. The sweeps run Q10-4 and "
        f"C16-2 {sweep_runs} times per environment: "
        + (f"{stand_in}'s ranges separate from {rival}'s from n = {n_min}, so {sweep_runs} runs suffice for H19 and "
           f"H20 on environments as hard as the main one (a harder one widens the ranges), at "
           f"sqrt({n_ref}/{sweep_runs}) = {np.sqrt(n_ref / sweep_runs):.2f} times the width."
           if n_min is not None and n_min <= sweep_runs else
           f"{stand_in}'s ranges do not separate from {rival}'s at {sweep_runs} runs, so H19 and H20 may read "
           "inconclusive or fail for want of runs.")
        + f" PPO runs {ppo_runs} times per model; the default tier ran no PPO, so its spread is unmeasured and H11, "
        f"H11a and H18 read an overlap at {ppo_runs} runs as 'not significant', not as 'equal'."
    )
