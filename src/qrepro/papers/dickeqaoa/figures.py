"""Paper 003 figures: optimisation trajectories (Fig. 2a), per-seed best conflicts (Table 3), deviation under
depolarizing noise per scope (Fig. 2b), and the dual-constraint landscape (Fig. 3)."""

from __future__ import annotations

from fractions import Fraction

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from ...report.stats_figures import FULL_WIDTH, declutter_ticks, legend_below
from ...report.style import save, setup

# what each figure shows, whatever the tier: the PDF report's captions and Snakemake's report's (workflow/report/)
CAPTIONS = {
    "best_conflict": "Best feasible conflict per seed against the ILP optimum and greedy; black x: the paper's Table 3 "
                     "best conflict.",
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


def _minor_log_label(v, _=None) -> str:
    """Minor log-axis labels at 2 and 5 times a power of ten only (all nine would overlap)."""
    return f"{v:g}" if v > 0 and round(v / 10 ** np.floor(np.log10(v))) in (2, 5) else ""


def trajectories(traces: pd.DataFrame, path, variant: str = "paper") -> None:
    """Objective per COBYLA evaluation: median and IQR over seeds, one panel per N (log scale), three per row."""
    setup()
    t = traces[traces.variant == variant]
    ns = sorted(t.N.unique())
    ncols = min(3, max(1, len(ns)))
    nrows = -(-max(1, len(ns)) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH, 0.9 + 2.6 * nrows), squeeze=False, sharey=True)
    for ax, n in zip(axes.ravel(), ns):
        for a in ("standard", "proposed"):
            g = t[(t.N == n) & (t.ansatz == a)].groupby("eval").objective
            if g.ngroups == 0:
                continue
            q = g.quantile([0.25, 0.5, 0.75]).unstack()
            ax.plot(q.index, q[0.5], color=ANSATZ_COLORS[a], label=ANSATZ_LABELS[a])
            ax.fill_between(q.index, q[0.25], q[0.75], color=ANSATZ_COLORS[a], alpha=0.2, lw=0)
        ax.set(yscale="log", xlabel="COBYLA evaluation", title=f"N = {n} ({3 * n} qubits)")
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.yaxis.set_minor_formatter(FuncFormatter(_minor_log_label))
    for ax in axes.ravel()[len(ns):]:
        ax.set_visible(False)
    for row in axes:
        row[0].set_ylabel("sampled objective\n(standard: C + 5 penalty)")
    fig.suptitle(f"Optimisation trajectories (paper Fig. 2a): median and IQR over "
                 f"{t.seed.nunique() if 'seed' in t else 'the'} seeds")
    fig.tight_layout()
    fig.legend(*axes[0][0].get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
               frameon=False)
    declutter_ticks(fig)
    save(fig, path)


def best_conflict(runs: pd.DataFrame, base: pd.DataFrame, path, variant: str = "paper") -> None:
    """Per-seed best feasible conflict beside the ILP optimum and greedy (Table 3); 'none' = no feasible shot; the
    paper's Table 3 best conflict per ansatz as a black x where it gives one. Printed at 0.6 of the frame width, so
    drawn about 4.4 in wide, legend below."""
    from .claims import PAPER_TABLE3

    setup()
    r = runs[runs.variant == variant].copy()
    ns = sorted(r.N.unique())
    paper_best = [v for n in ns for k in ("std_best", "prop_best") if (v := PAPER_TABLE3.get(n, {}).get(k)) is not None]
    none_y = float(np.nanmax(np.r_[r.best_conflict.to_numpy(dtype=float), paper_best], initial=0)) + 1.5
    r["y"] = r.best_conflict.fillna(none_y)
    r["N"] = r.N.astype(str)
    fig, ax = plt.subplots(figsize=(min(4.4, 1.4 + 1.0 * len(ns)), 3.6))
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
    shown = False
    for x, n in enumerate(ns):                  # stripplot's dodge puts hue_order[0] left of the centre, [1] right
        paper = PAPER_TABLE3.get(n)
        if paper is None:
            continue
        for off, key in ((-0.2, "prop_best"), (0.2, "std_best")):
            v = paper[key]
            ax.plot(x + off, none_y if v is None else v, "kx", ms=8, mew=2, zorder=5,
                    label=None if shown else "paper Table 3")
            shown = True
    ax.axhline(none_y - 0.75, color="lightgrey", lw=0.8)
    ax.set_yticks(list(range(0, int(none_y))) + [none_y], list(map(str, range(0, int(none_y)))) + ["none\nfeasible"])
    ax.set(ylabel="best feasible conflict\nin the final sample", xlabel="N (nodes)",
           title=f"Best conflict per seed\n({r.seed.nunique()} seeds; Table 3)")
    handles, labels = ax.get_legend_handles_labels()
    legend_below(ax, handles=handles, labels=[ANSATZ_LABELS.get(x, x).split(" (")[0] for x in labels], ncol=2)
    save(fig, path)


def noise(summary: pd.DataFrame, path) -> None:
    """Mean deviation (eq. 6) vs depolarizing p_err, one panel per noise scope, +-1 sd over repeats; the noisy-gate
    counts in each panel's title, one legend below."""
    setup()
    scopes = [s for s in SCOPE_LABELS if s in set(summary.scope)]
    fig, axes = plt.subplots(1, max(1, len(scopes)), figsize=(FULL_WIDTH, 3.6), squeeze=False, sharey=True)
    for ax, scope in zip(axes[0], scopes):
        gates = []
        for a in ("standard", "proposed"):
            s = summary[(summary.scope == scope) & (summary.ansatz == a)].sort_values("p_err")
            ax.errorbar(s.p_err, s.deviation, yerr=s.deviation_sd.fillna(0), marker="o", ms=4, capsize=3,
                        color=ANSATZ_COLORS[a], label=ANSATZ_LABELS[a])
            gates.append(f"{a[:4]}. {int(s.n_noisy.max())}")
        ax.axhline(1.0, color="grey", ls=":", lw=1)
        ax.set(xlabel="depolarizing error p_err", title=SCOPE_WRAPPED[scope] + "\nnoisy gates: " + ", ".join(gates))
        ax.xaxis.set_major_locator(plt.MaxNLocator(4))
    axes[0][0].set_ylabel("deviation sum_i |w_i - k_i|\n(mean over shots)")
    fig.suptitle("Constraint deviation under depolarizing noise (paper Fig. 2b), +-1 sd over repeats")
    fig.tight_layout()
    fig.legend(*axes[0][0].get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
               frameon=False)
    declutter_ticks(fig)
    save(fig, path)


SCOPE_WRAPPED = {"transpiled_all": "all gates, transpiled\nto {rz, sx, x, cx}",
                 "logical": "logical gates\n(XY mixer noiseless)", "cx_only": "CX only\n"}


def _angle_labels(values) -> list[str]:
    """Angles as multiples of pi where they are (0, pi/8, pi/4, 3pi/8, ...), else to two decimals."""
    out = []
    for v in values:
        f = Fraction(float(v) / np.pi).limit_denominator(16)
        if not np.isclose(float(f) * np.pi, v, atol=1e-6):
            return [f"{x:.2f}" for x in values]
        num = "" if f.numerator == 1 else str(f.numerator)
        out.append("0" if f == 0 else f"{num}π" + ("" if f.denominator == 1 else f"/{f.denominator}"))
    return out


def dual(grid: pd.DataFrame, curve: pd.DataFrame, path) -> None:
    """Mean conflict on the (gamma, beta) grid (paper Fig. 3; angles labelled as multiples of pi) and the exact mean
    conflict against beta (legend below)."""
    setup()
    info = curve.iloc[0]
    fig, axes = plt.subplots(1, 2, figsize=(FULL_WIDTH, 3.6), gridspec_kw={"width_ratios": [1.15, 1]})
    heat = grid.pivot_table(index="gamma", columns="beta", values="mean_conflict")
    sns.heatmap(heat.iloc[::-1], ax=axes[0], cmap="viridis", annot=heat.shape[0] <= 9, fmt=".1f",
                annot_kws={"fontsize": 8},
                xticklabels=_angle_labels(heat.columns), yticklabels=_angle_labels(heat.index[::-1]),
                cbar_kws={"label": "mean conflict"})
    axes[0].tick_params(axis="x", rotation=90 if heat.shape[1] > 5 else 0)
    axes[0].tick_params(axis="y", rotation=0)
    axes[0].set(xlabel="beta", ylabel="gamma", title="sampled mean conflict\non the paper's grid")
    for mode, c in curve.groupby("mode"):
        axes[1].plot(c.beta, c.exact_mean_conflict, label=f"exact mean, {mode} mixer")
    axes[1].axhline(info.ilp_opt, color="black", lw=1.5, label=f"ILP optimum ({info.ilp_opt})")
    axes[1].axhline(info.greedy, color="grey", ls="--", label=f"greedy ({info.greedy})")
    axes[1].axhline(info.uniform_mean, color="grey", ls=":", label=f"uniform over {info.n_states} states")
    axes[1].set(xlabel="beta", ylabel="mean conflict", ylim=(0, None),
                title=f"dual ansatz from X0 (C = {info.x0_conflict}),\nexact")
    ticks = np.linspace(0, np.pi, 5)
    if curve.beta.max() <= np.pi + 1e-9:
        axes[1].set_xticks(ticks, _angle_labels(ticks))
    fig.tight_layout()
    legend_below(axes[1], ncol=1)
    declutter_ticks(fig)
    save(fig, path)
