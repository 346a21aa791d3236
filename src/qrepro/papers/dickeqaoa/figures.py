"""Paper 003 figures: optimisation trajectories (Fig. 2a), per-seed best conflicts (Table 3), deviation under
depolarizing noise per scope (Fig. 2b), and the dual-constraint landscape (Fig. 3)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ...report.style import save, setup

# what each figure shows, whatever the tier: the PDF report's captions and Snakemake's report's (workflow/report/)
CAPTIONS = {
    "best_conflict": "Best feasible conflict per seed against the ILP optimum and greedy (paper Table 3).",
    "trajectories": "Sampled objective per COBYLA evaluation: median and interquartile range over seeds "
                    "(paper Fig. 2a).",
    "noise": "Constraint deviation against the depolarizing error p_err per noise scope, +-1 sd over repeats "
             "(paper Fig. 2b).",
    "dual": "Dual-constraint landscape on the paper's (gamma, beta) grid (paper Fig. 3) and the exact mean conflict "
            "against beta.",
}

# the DVC plots of this paper (dvc.yaml's top-level plots, by qrepro.publication.dvc_stages; each template is
# workflow/report/dvc_plots/<template>.json): Fig. 2b's deviation under noise (after `dvc pull`)
DVC_PLOTS = {
    "dickeqaoa_noise": dict(file="results/dickeqaoa/noise.csv", x="p_err", y="deviation",
                            template="by_ansatz_per_scope", title="dickeqaoa: constraint deviation under noise",
                            x_label="depolarizing error p_err", y_label="deviation (mean over shots)"),
}

ANSATZ_COLORS = {"proposed": "#7b3294", "standard": "#d95f02"}
ANSATZ_LABELS = {"proposed": "proposed (Dicke + XY)", "standard": "standard (penalty, X mixer)"}
SCOPE_LABELS = {"transpiled_all": "all gates after transpiling to {rz, sx, x, cx}",
                "logical": "logical gates (XY mixer noiseless)", "cx_only": "CX only"}


def trajectories(traces: pd.DataFrame, path, variant: str = "paper") -> None:
    """Objective per COBYLA evaluation: median and IQR over seeds, one panel per N (log scale)."""
    setup()
    t = traces[traces.variant == variant]
    ns = sorted(t.N.unique())
    fig, axes = plt.subplots(1, len(ns), figsize=(4.6 * len(ns), 3.8), squeeze=False, sharey=True)
    for ax, n in zip(axes[0], ns):
        for a in ("standard", "proposed"):
            g = t[(t.N == n) & (t.ansatz == a)].groupby("eval").objective
            if g.ngroups == 0:
                continue
            q = g.quantile([0.25, 0.5, 0.75]).unstack()
            ax.plot(q.index, q[0.5], color=ANSATZ_COLORS[a], label=ANSATZ_LABELS[a])
            ax.fill_between(q.index, q[0.25], q[0.75], color=ANSATZ_COLORS[a], alpha=0.2, lw=0)
        ax.set(yscale="log", xlabel="COBYLA evaluation", title=f"N = {n} ({3 * n} qubits)")
    axes[0][0].set_ylabel("sampled objective (standard: C + 5 penalty)")
    axes[0][0].legend(fontsize=8)
    fig.suptitle("Optimisation trajectories (paper Fig. 2a): median and IQR over seeds", y=1.02)
    save(fig, path)


def best_conflict(runs: pd.DataFrame, base: pd.DataFrame, path, variant: str = "paper") -> None:
    """Per-seed best feasible conflict beside the ILP optimum and greedy (Table 3); 'none' = no feasible shot."""
    setup()
    r = runs[runs.variant == variant].copy()
    ns = sorted(r.N.unique())
    none_y = float(np.nanmax(r.best_conflict.to_numpy(dtype=float), initial=0)) + 1.5
    r["y"] = r.best_conflict.fillna(none_y)
    r["N"] = r.N.astype(str)
    fig, ax = plt.subplots(figsize=(1.8 + 1.6 * len(ns), 4))
    state = np.random.get_state()           # seaborn jitters from numpy's global stream: seeded, the figure's bytes
    np.random.seed(0)                       # depend on its data alone (a rebuilt figure equals the published one)
    try:
        sns.stripplot(data=r, x="N", y="y", hue="ansatz", order=[str(n) for n in ns],
                      hue_order=["proposed", "standard"], dodge=True, jitter=0.15, palette=ANSATZ_COLORS, alpha=0.7,
                      ax=ax)
    finally:
        np.random.set_state(state)
    b = base.set_index("N")
    for x, n in enumerate(ns):
        ax.hlines(b.ilp_opt[n], x - 0.45, x + 0.45, color="black", lw=2, label="ILP optimum" if x == 0 else None)
        ax.hlines(b.greedy[n], x - 0.45, x + 0.45, color="grey", lw=2, ls="--", label="greedy" if x == 0 else None)
    ax.axhline(none_y - 0.75, color="lightgrey", lw=0.8)
    ax.set_yticks(list(range(0, int(none_y))) + [none_y], list(map(str, range(0, int(none_y)))) + ["none\nfeasible"])
    ax.set(ylabel="best feasible conflict in the final sample", xlabel="N (nodes)",
           title=f"Best conflict per seed ({r.seed.nunique()} seeds; Table 3)")
    ax.legend(fontsize=8, loc="upper left")
    save(fig, path)


def noise(summary: pd.DataFrame, path) -> None:
    """Mean deviation (eq. 6) vs depolarizing p_err, one panel per noise scope, +-1 sd over repeats."""
    setup()
    scopes = [s for s in SCOPE_LABELS if s in set(summary.scope)]
    fig, axes = plt.subplots(1, max(1, len(scopes)), figsize=(4.8 * max(1, len(scopes)), 3.8), squeeze=False,
                             sharey=True)
    for ax, scope in zip(axes[0], scopes):
        for a in ("standard", "proposed"):
            s = summary[(summary.scope == scope) & (summary.ansatz == a)].sort_values("p_err")
            ax.errorbar(s.p_err, s.deviation, yerr=s.deviation_sd.fillna(0), marker="o", capsize=3,
                        color=ANSATZ_COLORS[a], label=f"{ANSATZ_LABELS[a]}, {int(s.n_noisy.max())} noisy gates")
        ax.axhline(1.0, color="grey", ls=":", lw=1)
        ax.set(xlabel="depolarizing error p_err", title=SCOPE_LABELS[scope])
        ax.legend(fontsize=7, loc="upper left")
    axes[0][0].set_ylabel("deviation sum_i |w_i - k_i| (mean over shots)")
    fig.suptitle("Constraint deviation under depolarizing noise (paper Fig. 2b)", y=1.02)
    save(fig, path)


def dual(grid: pd.DataFrame, curve: pd.DataFrame, path) -> None:
    """Mean conflict on the (gamma, beta) grid (paper Fig. 3) and the exact mean conflict against beta."""
    setup()
    info = curve.iloc[0]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [1, 1.3]})
    heat = grid.pivot_table(index="gamma", columns="beta", values="mean_conflict")
    sns.heatmap(heat.iloc[::-1], ax=axes[0], cmap="viridis", annot=heat.shape[0] <= 9, fmt=".1f",
                xticklabels=[f"{b:.2f}" for b in heat.columns], yticklabels=[f"{g:.2f}" for g in heat.index[::-1]],
                cbar_kws={"label": "mean conflict"})
    axes[0].set(xlabel="beta", ylabel="gamma", title="sampled mean conflict on the paper's grid")
    for mode, c in curve.groupby("mode"):
        axes[1].plot(c.beta, c.exact_mean_conflict, label=f"exact mean, {mode} mixer")
    axes[1].axhline(info.ilp_opt, color="black", lw=1.5, label=f"ILP optimum ({info.ilp_opt})")
    axes[1].axhline(info.greedy, color="grey", ls="--", label=f"greedy ({info.greedy})")
    axes[1].axhline(info.uniform_mean, color="grey", ls=":", label=f"uniform over {info.n_states} states")
    axes[1].set(xlabel="beta", ylabel="mean conflict", ylim=(0, None),
                title=f"dual ansatz from X0 (C = {info.x0_conflict}), exact")
    axes[1].legend(fontsize=7)
    save(fig, path)
