"""The qrlbench chapter: setup, claim verdicts, sample-complexity table, figures, deviations."""

from __future__ import annotations

import pandas as pd

from ...report.pdf import FRAME_WIDTH, PageBreak, claims_table, deviations_table, figure, heading, para, table
from ...report.stats_tables import sample_complexity_wide
from .deviations import DEVIATIONS
from .figures import CAPTIONS, model_order
from .seeds import seed_reasoning


def section(curves: pd.DataFrame, sc: pd.DataFrame, claims: pd.DataFrame, figures: dict, setup: dict) -> list:
    out = [heading("qrlbench: benchmarking quantum RL on BeamManagement6G (paper 001)", 1)]
    main = setup["main_env"]
    main_ddqn = (curves.env == main) & (curves.algo == "ddqn")
    params = curves[main_ddqn].groupby("model").n_params.first()
    runs = curves.groupby(["env", "algo", "model"]).seed.nunique()        # as run, whatever the tier asked
    listed = lambda env, algo: ", ".join(f"{m} ({runs[env, algo, m]} runs)"  # noqa: E731
                                         for m in model_order(runs[env, algo].index))
    sweeps = [e for e in runs.index.get_level_values("env").unique() if e not in (main, "cartpole")]
    out.append(para(
        f"Tier <b>{setup['tier']}</b>: DDQN on {main} (layout-degree) with "
        + ", ".join(f"{m} ({params[m]} params, {runs[main, 'ddqn', m]} runs)" for m in model_order(params.index))
        + f"; {setup['epochs']} epochs of {setup['steps_per_epoch']} steps, "
        f"{setup['val_envs']} validation trajectories per epoch. Sample complexity with "
        f"{setup['resamples']} cluster-bootstrap resamples (5-95% ranges), Definition 4.2 for significance. "
        + (f"PPO on {main}: {listed(main, 'ppo')}. " if (main, "ppo") in runs.droplevel(2).index else
           "No PPO runs at this tier. ")
        + ("Degree and antenna sweeps: " + "; ".join(f"{e}: {listed(e, 'ddqn')}" for e in sweeps) + "."
           if sweeps else "No degree or antenna sweeps at this tier.")))
    out.append(heading("Claim verdicts", 2))
    out.append(claims_table(claims))
    out.append(heading("Sample complexity S [lo, hi] (env steps)", 2))
    s = sc[sc.config.str.startswith(main + "/")]
    wide = sample_complexity_wide(s, ["config", "eps", "delta"], model_order(s.model.unique()))
    out.append(table(wide.rename(columns={"config": "algo"}), font_size=7))
    measured = set(sc[(sc.config == f"{main}/ddqn") & (sc.n_runs >= 10)].model)
    if setup["tier"] in ("default", "claims") and {"Q10-4", "C16-2", "C32-2", "C64-2"} <= measured:
        out.append(heading("Seeds per comparison", 2))              # issue 44: seeds from the measured spread
        out.append(para(seed_reasoning(sc, config=f"{main}/ddqn")))
    out += figure(figures["curves"], CAPTIONS["curves"])
    out += figure(figures["sample_complexity"], CAPTIONS["sample_complexity"])
    if (curves.algo == "ppo").any():
        out += figure(figures["ppo_sample_complexity"], CAPTIONS["ppo_sample_complexity"])
    out += figure(figures["surface"], CAPTIONS["surface"], width=FRAME_WIDTH)
    out += figure(figures["sweeps"], CAPTIONS["sweeps"])
    out += figure(figures["size"], CAPTIONS["size"],
                  width=0.7 * FRAME_WIDTH)
    if "policy_test" in figures:
        out += figure(figures["policy_test"], CAPTIONS["policy_test"], width=FRAME_WIDTH)
    if "estimator_bias" in figures:
        out += figure(figures["estimator_bias"], CAPTIONS["estimator_bias"], width=0.7 * FRAME_WIDTH)
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
        out += figure(figures["cartpole"], CAPTIONS["cartpole"], width=FRAME_WIDTH)
    out.append(heading("Deviations from the paper", 2))
    out.append(deviations_table(DEVIATIONS))
    out.append(PageBreak())
    return out
