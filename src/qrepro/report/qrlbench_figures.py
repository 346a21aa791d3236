"""qrlbench figures: validation curves per model and the sample-complexity grid (Fig. 6 equivalent)."""

from __future__ import annotations

import matplotlib.pyplot as plt
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
    """Mean validation ratio per epoch with the interquartile band over runs."""
    setup()
    models = model_order(curves.model.unique())
    colors = model_colors(models)
    fig, ax = plt.subplots(figsize=(8, 4.2))
    for m in models:
        g = curves[curves.model == m].groupby("env_steps").V
        q = g.quantile([0.25, 0.75]).unstack()
        n_params = int(curves[curves.model == m].n_params.iloc[0])
        ax.plot(q.index, g.mean(), color=colors[m], label=f"{m} ({n_params} params, n={curves[curves.model == m].seed.nunique()})")
        ax.fill_between(q.index, q[0.25], q[0.75], color=colors[m], alpha=0.2, lw=0)
    ax.set(xlabel="environment steps", ylabel="validation V = sum_selected / sum_optimal", ylim=(0, 1.02),
           title="DDQN on BeamManagement6G a3-main: mean and interquartile range over runs")
    ax.legend(fontsize=8, loc="lower right")
    save(fig, path)


def sample_complexity(sc: pd.DataFrame, path) -> None:
    models = model_order(sc.model.unique())
    stats_figures.sample_complexity(sc, path, models, {}, model_colors(models), "eps (V >= 1 - eps)")
