"""QSAC paper figures: training reward (Fig. 3), allocation vs demand (Fig. 4), Table III vs ours."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, SymmetricalLogLocator

from ...report import stats_figures
from ...report.stats_figures import FULL_WIDTH, declutter_ticks
from ...report.style import save, setup
from .claims import TABLE3_COLS, paper_value
from .metrics import moving_average

# what each figure shows, whatever the tier: the PDF report's captions and Snakemake's report's (workflow/report/)
CAPTIONS = {
    "table3": "Table III metrics per model: the paper's value (black x) and our seed mean with its 95% bootstrap CI "
              "over seeds.",
    "rewards": "Training reward, MA(100), per model (paper Fig. 3): seed mean (line) and min..max over seeds (band); "
               "right, the last 25% of training on its own scale.",
    "sample_complexity": "Empirical sample complexity S per model and (eps, delta) cell with 5-95% cluster-bootstrap "
                         "ranges over seeds; hollow markers are censored at the training budget.",
    "allocation": "Allocation against demand on the evaluation window (first seed) per model, and the surplus or "
                  "deficit A - D per network (paper Fig. 4).",
}

# the DVC plots of this paper (dvc.yaml's top-level plots, by qrepro.publication.dvc_stages; each template is
# workflow/report/dvc_plots/<template>.json): the git-tracked sample-complexity table, shown without a pull
DVC_PLOTS = {
    "qsac_sample_complexity": dict(file="results/qsac/sample_complexity.csv", x="eps", y="S",
                                   template="sample_complexity", title="QSAC: sample complexity S per model",
                                   x_label="eps (epoch-mean J <= eps)", y_label="S (env steps)"),
}

# one colour per model in every figure of this paper
MODEL_COLORS = {"qsac": "#7b3294", "sac": "#1b9e77", "td3": "#d95f02", "ddpg": "#386cb0",
                "oracle": "#000000", "persistence": "#888888", "train_mean": "#bbbbbb"}
MODEL_LABELS = {"qsac": "QSAC", "sac": "SAC", "td3": "TD3", "ddpg": "DDPG"}


def reward_curves(train_logs: dict[tuple[str, int], pd.DataFrame], path, window: int = 100, points: int = 400) -> None:
    """MA(window) training reward per model: mean over seeds, band = min..max over seeds; legend below."""
    setup()
    fig, axes = plt.subplots(1, 2, figsize=(FULL_WIDTH, 3.3), gridspec_kw={"width_ratios": [1.6, 1]})
    models = sorted({m for m, _ in train_logs}, key=list(MODEL_LABELS).index)
    tail_lo, tail_hi = [], []
    for m in models:
        curves = np.stack([moving_average(df["reward"].to_numpy(), window)
                           for (mm, _), df in train_logs.items() if mm == m])
        x = np.arange(1, curves.shape[1] + 1)
        idx = np.unique(np.linspace(0, len(x) - 1, points).astype(int))
        tail = curves.mean(0)[int(0.75 * len(x)):]
        tail_lo.append(tail.min())
        tail_hi.append(tail.max())
        for ax in axes:
            ax.plot(x[idx], curves.mean(0)[idx], color=MODEL_COLORS[m], label=f"{MODEL_LABELS[m]} (n={len(curves)})")
            ax.fill_between(x[idx], curves.min(0)[idx], curves.max(0)[idx], color=MODEL_COLORS[m], alpha=0.15, lw=0)
    axes[0].set(xlabel="episode (1 step each)", ylabel=f"reward, MA({window})", title="Training reward (paper Fig. 3)")
    axes[0].set_yscale("symlog", linthresh=0.1)
    axes[0].yaxis.set_major_locator(SymmetricalLogLocator(linthresh=0.1, base=10, subs=(1.0, 2.0, 5.0)))
    axes[0].yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    n = curves.shape[1]
    pad = 0.1 * (max(tail_hi) - min(tail_lo) + 1e-3)
    axes[1].set(xlim=(int(0.75 * n), n), ylim=(min(tail_lo) - pad, max(tail_hi) + pad), xlabel="episode",
                title="Last 25% (zoom, seed means)")
    axes[1].xaxis.set_major_locator(plt.MaxNLocator(3))
    fig.tight_layout()
    fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0),
               ncol=len(models), frameon=False, title="line: seed mean; band: min..max over seeds")
    declutter_ticks(fig)
    save(fig, path)


def allocation_vs_demand(eval_ts: dict[str, pd.DataFrame], path) -> None:
    """Per-model LTE/NR allocation vs demand (one seed) and surplus/deficit panels (paper Fig. 4); one legend for
    the line styles on top, one for the models below."""
    setup()
    models = [m for m in MODEL_LABELS if m in eval_ts]
    fig, axes = plt.subplots(3, 2, figsize=(FULL_WIDTH, 7.6), sharex=True)
    for ax, m in zip(axes[:2].ravel(), models):
        ts = eval_ts[m]
        ax.plot(ts.step, ts.demand_lte, "k--", lw=1)
        ax.plot(ts.step, ts.demand_nr, "k-", lw=1)
        ax.plot(ts.step, ts.alloc_lte, "--", color=MODEL_COLORS[m])
        ax.plot(ts.step, ts.alloc_nr, "-", color=MODEL_COLORS[m], alpha=0.7)
        ax.set(title=MODEL_LABELS[m], ylabel="PRB")
    for ax in axes[:2].ravel()[len(models):]:
        ax.axis("off")
    for ax, net in zip(axes[2], ("lte", "nr")):
        for m in models:
            ts = eval_ts[m]
            ax.plot(ts.step, ts[f"surplus_{net}"], color=MODEL_COLORS[m], label=MODEL_LABELS[m])
        ax.axhline(0, color="k", lw=0.8)
        ax.set(title=f"{net.upper()} surplus (+) / deficit (-)", xlabel="evaluation step", ylabel="A - D [PRB]")
    for ax in axes[1]:
        ax.xaxis.set_tick_params(labelbottom=False)
    styles = [Line2D([], [], color="k", ls="--", lw=1, label="LTE demand"),
              Line2D([], [], color="k", ls="-", lw=1, label="NR demand"),
              Line2D([], [], color="grey", ls="--", label="LTE allocation (model colour)"),
              Line2D([], [], color="grey", ls="-", alpha=0.7, label="NR allocation (model colour)")]
    fig.suptitle("Allocation vs demand on the evaluation window, first seed (paper Fig. 4)")
    fig.tight_layout(rect=(0, 0, 1, 0.93))
    fig.legend(handles=styles, loc="upper center", bbox_to_anchor=(0.5, 0.955), ncol=2, frameon=False)
    fig.legend(*axes[2, 0].get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0),
               ncol=len(models), frameon=False)
    declutter_ticks(fig)
    save(fig, path)


def table3_comparison(summary: pd.DataFrame, path) -> None:
    """Ours (seed mean, 95% bootstrap CI) vs the paper's Table III value (as corrected by the spec), per metric
    and model."""
    setup()
    fig, axes = plt.subplots(3, 3, figsize=(FULL_WIDTH, 6.6))
    models = [m for m in MODEL_LABELS if m in set(summary.model)]
    for ax, col in zip(axes.ravel(), TABLE3_COLS):
        for i, m in enumerate(models):
            r = summary[(summary.model == m) & (summary.metric == col)]
            if r.empty:
                continue
            r = r.iloc[0]
            ax.errorbar(i, r["mean"], yerr=[[r["mean"] - r.ci_lo], [r.ci_hi - r["mean"]]], fmt="o",
                        color=MODEL_COLORS[m], capsize=4, label="ours" if i == 0 else None)
            ax.plot(i, paper_value(m, col), "kx", ms=8, mew=2, label="paper" if i == 0 else None)
        ax.set_xticks(range(len(models)), [MODEL_LABELS[m] for m in models])
        ax.set_xlim(-0.5, len(models) - 0.5)
        ax.set_title(col.replace("_", " ") + ("%" if col.startswith("BCR") else ""))
    fig.suptitle("Table III: paper (black x) vs ours (dot: mean over seeds; bar: 95% bootstrap CI)")
    fig.tight_layout()
    declutter_ticks(fig)
    save(fig, path)


def sample_complexity(sc: pd.DataFrame, path) -> None:
    stats_figures.sample_complexity(sc, path, [m for m in MODEL_LABELS if m in set(sc.model)], MODEL_LABELS,
                                    MODEL_COLORS, "eps (epoch-mean J <= eps)")
