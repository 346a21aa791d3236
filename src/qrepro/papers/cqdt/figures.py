"""CQDT figures: post-action F/S/D per scenario and policy (Figs. 6-8), detection AUC (Table 11), channel typing
vs decisions (Fig. 14), per-stage latency and its scaling with n (Fig. 13, Table 14)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from ...report.stats_figures import FULL_WIDTH, declutter_ticks, legend_below
from ...report.style import save, setup

# what each figure shows, whatever the tier: the PDF report's captions and Snakemake's report's (workflow/report/)
CAPTIONS = {
    "scenarios": "Post-action F, S and D per T12 scenario and policy: mean and sd over test episodes and seeds "
                 "(paper Figs. 6-8); dotted: the paper's Table 7 REINFORCE value (its mean over scenarios).",
    "detection": "Detection AUC per method, mean over seeds with 95% bootstrap CIs; black x: the paper's Table 11 "
                 "value.",
    "typing": "Channel-typing accuracy against the number of decisions observed (paper Fig. 14), band: min..max "
              "over seeds; dotted: the paper's 87%.",
    "latency": "Per-stage latency at n = 3 beside the paper's Table 14, and its scaling with the register size n.",
}

# the DVC plots of this paper (dvc.yaml's top-level plots, by qrepro.publication.dvc_stages; each template is
# workflow/report/dvc_plots/<template>.json): the REINFORCE training curve (after `dvc pull`) and the git-tracked
# sample-complexity table
DVC_PLOTS = {
    "cqdt_training": dict(file="results/cqdt/training.csv", x="episode", y="val_v", template="mean_by_state",
                          title="cqdt: REINFORCE validation V, mean over seeds", x_label="training episode",
                          y_label="validation V"),
    "cqdt_sample_complexity": dict(file="results/cqdt/sample_complexity.csv", x="eps", y="S",
                                   template="sample_complexity", title="cqdt: sample complexity S",
                                   x_label="eps (V >= 1 - eps)", y_label="S (env steps)"),
}

POLICIES = {"reinforce": "#7b3294", "heuristic_symptom": "#1b9e77", "heuristic_reset": "#66a61e",
            "random": "#d95f02", "entrec": "#386cb0", "reinit": "#888888"}


def scenarios(episodes: pd.DataFrame, path, main_state: str) -> None:
    """Post-action F, S, D per T12 scenario and policy, one row per observable, a shared legend below; dotted: the
    paper's Table 7 REINFORCE value (its mean over the scenarios)."""
    from .claims import PAPER_TABLE7

    setup()
    e = episodes[(episodes.state == main_state) & episodes.policy.isin(POLICIES)]
    order = sorted(e.scenario.unique(), key=lambda s: int(s[1:]))
    fig, axes = plt.subplots(3, 1, figsize=(FULL_WIDTH, 7.2), sharex=True)
    for k, (ax, (m, label)) in enumerate(zip(axes, [("F_post", "fidelity F"), ("S_post", "entropy S (bits)"),
                                                    ("D_post", "trace distance D")])):
        sns.pointplot(data=e, x="scenario", y=m, hue="policy", order=order, palette=POLICIES, errorbar="sd",
                      dodge=0.4, markersize=4, linewidth=1.2, err_kws={"linewidth": 1}, capsize=0.05, ax=ax)
        ax.axhline(PAPER_TABLE7["reinforce"][k], color=POLICIES["reinforce"], ls=":", lw=1.2,
                   label="paper Table 7: REINFORCE,\nmean over scenarios")
        ax.set(xlabel="", ylabel=f"post-action\n{label}")
        handles, labels = ax.get_legend_handles_labels()
        ax.get_legend().remove()
    axes[-1].set_xlabel("Table 12 scenario")
    fig.suptitle(f"{main_state.upper()} n = 3: post-action observables per scenario (paper Figs. 6-8)\n"
                 "mean +- sd over test episodes and seeds")
    fig.tight_layout()
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, frameon=False)
    declutter_ticks(fig)
    save(fig, path)


# the paper's Table 11 row of each of our detection methods (both classical IDSs are read against its "ids" row)
PAPER_ROW = {"cqdt": "cqdt", "qobs": "qobs", "ids_lr": "ids", "ids_gbdt": "ids", "heuristic": "heuristic",
             "random": "random"}


def detection(det: pd.DataFrame, path) -> None:
    """Detection AUC per method and state: mean over seeds (bar) with the seeds' mean 95% bootstrap CI, each seed's
    AUC as a dot where there are several, the paper's Table 11 AUC as a black x over each method's bars."""
    from .claims import PAPER_TABLE11

    setup()
    g = det.groupby(["state", "method"])[["AUC", "AUC_lo", "AUC_hi"]].mean().reset_index()
    seeds = det.seed.nunique()
    order = ["cqdt", "qobs", "ids_lr", "ids_gbdt", "heuristic", "random"]
    fig, ax = plt.subplots(figsize=(FULL_WIDTH, 3.4))
    states = sorted(g.state.unique())
    width = 0.8 / len(states)
    for i, s in enumerate(states):
        d = g[g.state == s].set_index("method").reindex(order)
        x = np.arange(len(order)) + i * width
        ax.bar(x, d.AUC, width, yerr=[(d.AUC - d.AUC_lo).clip(lower=0), (d.AUC_hi - d.AUC).clip(lower=0)],
               capsize=3, label=f"ours, {s.upper()}")
        if seeds > 1:                               # the seeds' own AUCs, so that their spread shows beside the CI
            per = det[det.state == s].assign(x=lambda t: t.method.map(dict(zip(order, x))))
            ax.scatter(per.x, per.AUC, s=10, color="black", alpha=0.6, zorder=3,
                       label="one seed" if i == 0 else None)
    centre = np.arange(len(order)) + width * (len(states) - 1) / 2
    paper = [PAPER_TABLE11[PAPER_ROW[m]][2] for m in order]
    ax.plot(centre, paper, "kx", ms=9, mew=2, ls="none", label="paper Table 11")
    for x, v in zip(centre, paper):
        ax.annotate(f"{v:.2f}", (x, v), textcoords="offset points", xytext=(7, 0), ha="left", va="center", fontsize=8,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.8})
    ax.set_xticks(centre, order)
    ax.axhline(0.5, color="grey", ls=":")
    ax.set(ylabel="test AUC (95% bootstrap CI)", ylim=(0, 1.1),
           title=f"Attack detection on TYPED test episodes (paper Table 11), mean over {seeds} seed(s)")
    legend_below(ax, ncol=4)
    save(fig, path)


def typing(ty: pd.DataFrame, path, main_state: str) -> None:
    """Typing accuracy against decisions observed (printed at 0.65 of the frame width, so drawn about 4.7 in wide);
    mean over seeds, band = min..max over seeds where there are several."""
    setup()
    t = ty[ty.state == main_state]
    fig, ax = plt.subplots(figsize=(4.7, 3.3))
    several = "seed" in t and t.seed.nunique() > 1
    sns.lineplot(data=t, x="k", y="accuracy", hue="label", marker="o", errorbar=("pi", 100) if several else None,
                 ax=ax)
    ax.axhline(0.87, color="grey", ls=":", label="paper: > 87%")
    ax.set(xscale="log", xlabel="decisions observed (k steps)", ylabel="test accuracy", ylim=(0, 1.02),
           title=f"Channel typing vs decisions (paper Fig. 14)\n{main_state.upper()}"
                 + (f", mean over {t.seed.nunique()} seeds, band min..max" if several else ""))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    legend_below(ax, ncol=2, frameon=False)
    declutter_ticks(fig)
    save(fig, path)


def latency(lat: pd.DataFrame, paper: dict, path) -> None:
    """Per-stage latency at n = 3 beside the paper's Table 14 (stacked bars, stage legend below) and its scaling
    with the register size n (log y)."""
    setup()
    med = lat.groupby(["n", "stage"], sort=False).ms.median().unstack()[list(paper)]
    fig, axes = plt.subplots(1, 2, figsize=(FULL_WIDTH, 3.3))
    pd.DataFrame({"paper": paper, "ours (n = 3)": med.loc[3] if 3 in med.index else np.nan}).T.plot.barh(
        stacked=True, ax=axes[0], colormap="viridis", legend=False)
    axes[0].set(xlabel="ms per defence cycle (median)", title="Per-stage latency\n(paper Table 14 / Fig. 13)")
    med.plot(ax=axes[1], marker="o", logy=True, colormap="viridis", legend=False)
    axes[1].set(xlabel="qubits n", ylabel="ms (median, log scale)", title="Scaling with register size")
    axes[1].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    axes[1].set_xticks(sorted(med.index), [f"{n:g}" for n in sorted(med.index)])
    fig.tight_layout()
    fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
               frameon=False, title="stage (colour in both panels)")
    declutter_ticks(fig)
    save(fig, path)
