"""qrlbench figures: validation curves per model and the sample-complexity grid (Fig. 6 equivalent)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from . import stats_figures
from .style import save, setup


def model_order(models) -> list[str]:
    """Classical by width, then quantum by qubits (as Fig. 6 orders by size within a family)."""
    return sorted(models, key=lambda m: (m[0], int(m[1:].split("-")[0]), int(m.split("-")[1])))


def model_colors(models) -> dict:
    c = [m for m in models if m.startswith("C")]
    q = [m for m in models if m.startswith("Q")]
    pal = dict(zip(c, sns.color_palette("Blues", len(c) + 2)[2:]))
    pal.update(zip(q, sns.color_palette("Purples", len(q) + 2)[2:]))
    return pal


def validation_curves(curves: pd.DataFrame, path) -> None:
    """Mean validation ratio per epoch with the interquartile band over runs; one panel per algorithm."""
    setup()
    algos = sorted(curves.algo.unique())
    colors = model_colors(model_order(curves.model.unique()))
    fig, axes = plt.subplots(1, len(algos), figsize=(8 * len(algos), 4.2), squeeze=False)
    for ax, algo in zip(axes[0], algos):
        ca = curves[curves.algo == algo]
        for m in model_order(ca.model.unique()):
            cm = ca[ca.model == m]
            g = cm.groupby("env_steps").V
            q = g.quantile([0.25, 0.75]).unstack()
            ax.plot(q.index, g.mean(), color=colors[m], label=f"{m} ({int(cm.n_params.iloc[0])} params, n={cm.seed.nunique()})")
            ax.fill_between(q.index, q[0.25], q[0.75], color=colors[m], alpha=0.2, lw=0)
        ax.set(xlabel="environment steps", ylabel="validation V = sum_selected / sum_optimal", ylim=(0, 1.02),
               title=f"{algo.upper()} on BeamManagement6G a3-main (mean, IQR over runs)")
        ax.legend(fontsize=8, loc="lower right")
    save(fig, path)


def _placeholder(path, text: str) -> None:
    setup()
    fig, ax = plt.subplots(figsize=(6, 1.5))
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center")
    save(fig, path)


def sample_complexity(sc: pd.DataFrame, path, config: str) -> None:
    """S table of one ``<env>/<algo>`` config; a placeholder if it was not run."""
    algo = config.rsplit("/", 1)[-1]
    sc = sc[sc.config == config]
    if sc.empty:
        _placeholder(path, f"no {algo.upper()} runs in this tier")
        return
    models = model_order(sc.model.unique())
    stats_figures.sample_complexity(sc, path, models, {}, model_colors(models), f"eps (V >= 1 - eps), {algo.upper()}")


def surface(surf: pd.DataFrame, path) -> None:
    """Fig. 1 equivalent: point estimates of S over the eps x delta grid, one heatmap per model."""
    setup()
    models = model_order(surf.model.unique())
    fig, axes = plt.subplots(1, len(models), figsize=(3.6 * len(models), 3.4), squeeze=False)
    vmax = surf.S.max()
    for ax, m in zip(axes[0], models):
        grid = surf[surf.model == m].pivot(index="eps", columns="delta", values="S").sort_index(ascending=False)
        sns.heatmap(grid / 1000, ax=ax, vmin=0, vmax=vmax / 1000, cmap="viridis", cbar=ax is axes[0, -1],
                    annot=len(grid) <= 7, fmt=".0f", annot_kws={"fontsize": 6},
                    cbar_kws={"label": "S (thousand env steps)"})
        ax.set(title=m, xlabel="delta", ylabel="eps" if ax is axes[0, 0] else "")
    fig.suptitle("Sample complexity surfaces (paper Fig. 1; point estimates)")
    fig.tight_layout()
    save(fig, path)


def size_scaling(sc: pd.DataFrame, curves: pd.DataFrame, path, eps: float = 0.15, delta: float = 0.75) -> None:
    """Fig. 7 equivalent: S at one (eps, delta) cell against parameter count, classical vs quantum."""
    setup()
    params = curves.groupby("model").n_params.first()
    cell = sc[np.isclose(sc.eps, eps) & np.isclose(sc.delta, delta)].copy()
    fig, ax = plt.subplots(figsize=(6.5, 4))
    if cell.empty:
        ax.text(0.5, 0.5, f"cell eps={eps}, delta={delta} not in the grid", ha="center", transform=ax.transAxes)
    for kind, marker, label in (("C", "o", "classical C[W-D]"), ("Q", "s", "hybrid Q[n-L]")):
        r = cell[cell.model.str.startswith(kind)].assign(n=lambda d: d.model.map(params)).sort_values("n")
        if r.empty:
            continue
        ax.errorbar(r.n, r.S, yerr=[r.S - r.lo, r.hi - r.S], fmt=marker + "-", capsize=3, label=label)
        for row in r.itertuples():
            ax.annotate(row.model, (row.n, row.S), textcoords="offset points", xytext=(4, 4), fontsize=7)
    ax.set_xscale("log")
    ax.set(xlabel="trainable parameters", ylabel="sample complexity S (env steps)",
           title=f"S vs model size at eps = {eps}, delta = {delta} (paper Fig. 7)")
    ax.legend(fontsize=8)
    save(fig, path)


def sweeps(sc: pd.DataFrame, main_layout: str, path) -> None:
    """Fig. 20 equivalent at the loosest grid cell: S vs trajectory degree (main layout) and mean S over
    random layout instances vs antenna count; DDQN only."""
    from ..config import parse_qrl_env

    d = sc[sc.config.str.endswith("/ddqn")].copy()
    d["env"] = d.config.str.rsplit("/", n=1).str[0]
    d["layout"] = d.env.map(lambda e: parse_qrl_env(e)[0])
    d["degree"] = d.env.map(lambda e: parse_qrl_env(e)[1])
    eps, delta = d.eps.max(), d.delta.min()
    d = d[(d.eps == eps) & (d.delta == delta)]
    deg = d[d.layout == main_layout]
    rnd = d[d.layout != "a3-main"].assign(A=lambda x: x.layout.str.extract(r"^a(\d+)-")[0].astype(float))
    if deg.degree.nunique() < 2 and rnd.A.nunique() < 1:
        _placeholder(path, "no degree or antenna sweeps in this tier")
        return
    setup()
    colors = model_colors(model_order(d.model.unique()))
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for m, g in deg.groupby("model"):
        g = g.sort_values("degree")
        axes[0].errorbar(g.degree, g.S, yerr=[g.S - g.lo, g.hi - g.S], fmt="o--", color=colors[m], capsize=3, label=m)
    axes[0].set(xlabel="trajectory degree", ylabel="S (env steps)", title=f"{main_layout}: degree sweep")
    for m, g in rnd.groupby("model"):
        axes[1].scatter(g.A, g.S, color=colors[m], alpha=0.5, s=15)
        mean = g.groupby("A").S.mean()
        axes[1].plot(mean.index, mean.values, "--", color=colors[m], label=f"{m} (mean over instances)")
    axes[1].set(xlabel="antennas", ylabel="S (env steps)", title="random layouts: antenna-count sweep")
    for ax in axes:
        if ax.has_data():
            ax.legend(fontsize=7)
    fig.suptitle(f"Sample complexity sweeps at eps = {eps:g}, delta = {delta:g} (paper Fig. 20)")
    fig.tight_layout()
    save(fig, path)
