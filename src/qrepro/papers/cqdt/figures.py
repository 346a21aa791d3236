"""CQDT figures: post-action F/S/D per scenario and policy (Figs. 6-8), detection AUC (Table 11), channel typing
vs decisions (Fig. 14), per-stage latency and its scaling with n (Fig. 13, Table 14)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ...report.style import save, setup

# what each figure shows, whatever the tier: the PDF report's captions and Snakemake's report's (workflow/report/)
CAPTIONS = {
    "scenarios": "Post-action F, S and D per T12 scenario and policy: mean and sd over test episodes and seeds "
                 "(paper Figs. 6-8).",
    "detection": "Detection AUC per method, mean over seeds with 95% bootstrap CIs; black x: the paper's Table 11 "
                 "value.",
    "typing": "Channel-typing accuracy against the number of decisions observed (paper Fig. 14); dotted: the paper's "
              "87%.",
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
    setup()
    e = episodes[(episodes.state == main_state) & episodes.policy.isin(POLICIES)]
    order = sorted(e.scenario.unique(), key=lambda s: int(s[1:]))
    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    for ax, (m, label) in zip(axes, [("F_post", "fidelity F"), ("S_post", "entropy S (bits)"),
                                     ("D_post", "trace distance D")]):
        sns.pointplot(data=e, x="scenario", y=m, hue="policy", order=order, palette=POLICIES, errorbar="sd",
                      dodge=0.3, markersize=4, linewidth=1.2, ax=ax)
        ax.set(xlabel="Table 12 scenario", ylabel=f"post-action {label}")
        if m != "F_post":
            ax.get_legend().remove()
    axes[0].legend(fontsize=7, title=None)
    fig.suptitle(f"{main_state.upper()} n = 3: post-action observables per scenario (paper Figs. 6-8; "
                 "mean +- sd over test episodes and seeds)", y=1.02)
    save(fig, path)


def detection(det: pd.DataFrame, path) -> None:
    setup()
    g = det.groupby(["state", "method"])[["AUC", "AUC_lo", "AUC_hi"]].mean().reset_index()
    order = ["cqdt", "qobs", "ids_lr", "ids_gbdt", "heuristic", "random"]
    fig, ax = plt.subplots(figsize=(8, 3.8))
    states = sorted(g.state.unique())
    width = 0.8 / len(states)
    for i, s in enumerate(states):
        d = g[g.state == s].set_index("method").reindex(order)
        x = np.arange(len(order)) + i * width
        ax.bar(x, d.AUC, width, yerr=[d.AUC - d.AUC_lo, d.AUC_hi - d.AUC], capsize=3, label=s)
    ax.set_xticks(np.arange(len(order)) + width * (len(states) - 1) / 2, order)
    ax.axhline(0.5, color="grey", ls=":")
    ax.set(ylabel="test AUC (95% bootstrap CI)", ylim=(0, 1.05),
           title="Attack detection on TYPED test episodes (paper Table 11)")
    ax.legend(fontsize=8)
    save(fig, path)


def typing(ty: pd.DataFrame, path, main_state: str) -> None:
    setup()
    t = ty[ty.state == main_state]
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    sns.lineplot(data=t, x="k", y="accuracy", hue="label", marker="o", errorbar=None, ax=ax)
    ax.axhline(0.87, color="grey", ls=":", label="paper: > 87%")
    ax.set(xscale="log", xlabel="decisions observed (k steps)", ylabel="test accuracy", ylim=(0, 1.02),
           title=f"Channel typing vs decisions (paper Fig. 14), {main_state.upper()}")
    ax.legend(fontsize=7)
    save(fig, path)


def latency(lat: pd.DataFrame, paper: dict, path) -> None:
    setup()
    med = lat.groupby(["n", "stage"], sort=False).ms.median().unstack()[list(paper)]
    fig, axes = plt.subplots(1, 2, figsize=(12, 4))
    pd.DataFrame({"paper": paper, "ours (n = 3)": med.loc[3] if 3 in med.index else np.nan}).T.plot.barh(
        stacked=True, ax=axes[0], colormap="viridis")
    axes[0].set(xlabel="ms per defence cycle (median)", title="Per-stage latency (paper Table 14 / Fig. 13)")
    axes[0].legend(fontsize=7)
    med.plot(ax=axes[1], marker="o", logy=True)
    axes[1].set(xlabel="qubits n", ylabel="ms (median, log scale)", title="Scaling with register size")
    axes[1].legend(fontsize=7)
    save(fig, path)
