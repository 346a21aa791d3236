"""The qrlbench chapter: setup, claim verdicts, sample-complexity table, figures, deviations."""

from __future__ import annotations

import pandas as pd

from ...report.pdf import FRAME_WIDTH, PageBreak, claims_table, deviations_table, figure, heading, para, table
from ...report.stats_tables import sample_complexity_wide
from .deviations import DEVIATIONS
from .figures import model_order


def section(curves: pd.DataFrame, sc: pd.DataFrame, claims: pd.DataFrame, figures: dict, setup: dict) -> list:
    out = [heading("qrlbench: benchmarking quantum RL on BeamManagement6G (paper 001)", 1)]
    main = setup["main_env"]
    main_ddqn = (curves.env == main) & (curves.algo == "ddqn")
    params = curves[main_ddqn].groupby("model").n_params.first()
    out.append(para(
        f"Tier <b>{setup['tier']}</b>: DDQN on {main} (layout-degree); models "
        + ", ".join(f"{m} ({params[m]} params)" for m in model_order(params.index))
        + f"; {setup['seeds']} runs each, {setup['epochs']} epochs of {setup['steps_per_epoch']} steps, "
        f"{setup['val_envs']} validation trajectories per epoch. Sample complexity with "
        f"{setup['resamples']} cluster-bootstrap resamples (5-95% ranges), Definition 4.2 for significance. "
        f"PPO models: {', '.join(setup['ppo_models']) or 'none'}; sweep envs: "
        f"{', '.join(e for e in setup['envs'] if e != main) or 'none'} "
        f"with {', '.join(setup['sweep_models']) or '-'}."))
    out.append(heading("Claim verdicts", 2))
    out.append(claims_table(claims, 120))
    out.append(heading("Sample complexity S [lo, hi] (env steps)", 2))
    s = sc[sc.config.str.startswith(main + "/")]
    wide = sample_complexity_wide(s, ["config", "eps", "delta"], model_order(s.model.unique()))
    out.append(table(wide.rename(columns={"config": "algo"}), font_size=6.5))
    out += figure(figures["curves"],
                  "Validation ratio per epoch: mean (line) and interquartile range (band) over runs.")
    out += figure(figures["sample_complexity"], "Sample complexity with 5-95% cluster-bootstrap ranges (paper Fig. 6).")
    if (curves.algo == "ppo").any():
        out += figure(figures["ppo_sample_complexity"], "PPO sample complexity (paper Fig. 17).")
    out += figure(figures["surface"], "Point estimates of S over the paper's Fig. 1 grid.", width=FRAME_WIDTH)
    out += figure(figures["sweeps"], "Degree and antenna-count sweeps at the loosest grid cell (paper Fig. 20).")
    out += figure(figures["size"], "S against parameter count at eps = 0.15, delta = 0.75 (paper Fig. 7, [R] delta).",
                  width=0.7 * FRAME_WIDTH)
    if "policy_test" in figures:
        out += figure(figures["policy_test"], "Best trained instances vs the optimal and a random policy on fresh "
                      "test trajectories (paper Fig. 8, claim H14).", width=FRAME_WIDTH)
    if "estimator_bias" in figures:
        out += figure(figures["estimator_bias"], "How the S_hat indicator 1[P_hat_t < delta] smooths the step at "
                      "P_t = delta (paper Fig. 16, claim H15).", width=0.7 * FRAME_WIDTH)
    cp = setup.get("cartpole")
    if cp is not None and "cartpole" in figures:
        v = cp["vpg"]
        out.append(heading("CartPole (E8, paper Fig. 9; approximate)", 2))
        out.append(para(
            f"The paper gives no setup for this experiment; we follow the spec's recommendation (section 1.2): "
            f"models {', '.join(cp['models'])}, {setup['cartpole_seeds']} runs each, {setup['cartpole_epochs']} "
            f"updates from batches of {v['batch_episodes']} episodes (gamma {v['gamma']}, Adam, lr classical "
            f"{v['lr_classical']}, quantum {v['lr_quantum']}, raw-VQC angles {v['quantum_init']}), validation on "
            f"{v['val_episodes']} greedy episodes after each update, V = mean return / 500, S counted in episodes."))
        out += figure(figures["cartpole"], "CartPole: learning curves, S ratio over the eps-delta grid, and the "
                      "eps = 0.05 cross-cut (paper Fig. 9).", width=FRAME_WIDTH)
    out.append(heading("Deviations from the paper", 2))
    out.append(deviations_table(DEVIATIONS))
    out.append(PageBreak())
    return out
