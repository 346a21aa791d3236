"""The QSAC chapter of the report: setup, Table II/III side by side, references, claims, figures, deviations."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...report.pdf import FRAME_WIDTH, PageBreak, claims_table, deviations_table, figure, heading, para, table
from ...report.stats_tables import sample_complexity_wide
from .claims import PAPER_PARAMS, PAPER_TABLE3, TABLE3_COLS
from .deviations import DEVIATIONS
from .figures import CAPTIONS, MODEL_LABELS


def _fmt(mean, lo, hi, n) -> str:
    return f"{mean:.3f}" if n <= 1 or lo == hi else f"{mean:.3f} [{lo:.3f}, {hi:.3f}]"


def table3(summary: pd.DataFrame, config: str) -> pd.DataFrame:
    rows = []
    for m in [m for m in MODEL_LABELS if m in set(summary.model)]:
        s = summary[(summary.config == config) & (summary.model == m)].set_index("metric")
        rows.append([f"{MODEL_LABELS[m]} paper"] + [f"{PAPER_TABLE3[m][c]:.3f}" for c in TABLE3_COLS])
        rows.append([f"{MODEL_LABELS[m]} ours"]
                    + [_fmt(*s.loc[c, ["mean", "ci_lo", "ci_hi", "n"]]) for c in TABLE3_COLS])
    return pd.DataFrame(rows, columns=["model"] + [c.replace("BCR_", "") for c in TABLE3_COLS])


def section(summary: pd.DataFrame, claims: pd.DataFrame, runs: pd.DataFrame, refs: dict[str, pd.DataFrame],
            figures: dict[str, Path], setup: dict, sample_complexity: pd.DataFrame) -> list:
    out = [heading("QSAC: quantum soft actor-critic for LTE/NR spectrum sharing (paper 000)", 1)]
    out.append(para(
        f"Tier <b>{setup['tier']}</b>: env configs {', '.join(setup['configs'])}; models "
        f"{', '.join(MODEL_LABELS[m] for m in setup['models'])}; seeds {setup['seeds']}; "
        f"{setup['steps']} one-step training episodes per run; deterministic evaluation over "
        f"{setup['eval_steps']} steps of AdapShare series #32. Training on the 860-sample hourly series. "
        "Numbers are seed means with 95% percentile-bootstrap CIs over seeds."))
    out.append(heading("Claim verdicts", 2))
    out.append(para("A claim holds when it holds for the seed means and in a majority of paired seeds."))
    several = claims.config.nunique() > 1              # the paper tier adds the scarce / abundant pools
    out.append(claims_table(claims.assign(claim=claims.config + " " + claims.claim) if several else claims))
    for config in sorted(summary.config.unique()):
        out.append(heading(f"Table III: paper vs ours (config {config})", 2))
        if config != "nr60":
            out.append(para("Extension config, not in the paper: paper rows are the nr60 values, "
                            "for orientation only."))
        out.append(table(table3(summary, config), [70] + [(FRAME_WIDTH - 70) / 9] * 9, font_size=7))
        r = refs[config]
        ref_tab = r[["policy", "DSR_LTE", "DSR_NR", "Util", "BCR_LTE_5", "BCR_NR_5", "BCR_LTE_10", "eval_regret"]]
        ref_tab = ref_tab.assign(**{c: ref_tab[c].map("{:.4f}".format) for c in ref_tab.columns[1:]})
        out.append(para("Reference policies on the same evaluation window (spec 5.7): the oracle reads the current "
                        "demand from the observation, persistence allocates the previous hour's demand."))
        out.append(table(ref_tab, title=f"Reference policies on the evaluation window (config {config})"))
    out.append(heading("Table II: parameter counts", 2))
    got = runs.groupby("model")[["n_actor_params", "n_critic_params"]].first()
    out.append(table(pd.DataFrame(
        [[MODEL_LABELS[m], PAPER_PARAMS[m][0], int(got.loc[m, "n_actor_params"]), PAPER_PARAMS[m][1],
          int(got.loc[m, "n_critic_params"])] for m in MODEL_LABELS if m in got.index],
        columns=["model", "actor (paper)", "actor (ours)", "critic (paper)", "critic (ours)"])))
    out.append(heading("Sample complexity (qrepro.stats, Meyer et al. Def. 4.1)", 2))
    out.append(para(
        f"Training curves cut into epochs of {setup['episodes_per_epoch']} one-step episodes; epoch value "
        "V = clip(1 + mean reward, 0, 1), so V >= 1 - eps means the epoch's mean J is at most eps. "
        "S = training steps in epochs where fewer than a fraction delta of the seeds reached it; "
        "[lo, hi] = 5-95% cluster-bootstrap range over seeds; 'cap' marks censored cells."))
    wide = sample_complexity_wide(sample_complexity, ["config", "eps", "delta"], list(MODEL_LABELS))
    out.append(table(wide.rename(columns=MODEL_LABELS), font_size=7))
    out.append(PageBreak())
    out.append(heading("Figures", 2))
    out += figure(figures["table3"], CAPTIONS["table3"])
    out += figure(figures["rewards"], CAPTIONS["rewards"])
    out += figure(figures["sample_complexity"], CAPTIONS["sample_complexity"])
    out += figure(figures["allocation"], CAPTIONS["allocation"])
    out.append(heading("Deviations from the paper", 2))
    out.append(deviations_table(DEVIATIONS))
    out.append(PageBreak())
    return out
