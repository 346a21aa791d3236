"""Figures shared by every RL paper: sample complexity per (eps, delta) cell with bootstrap ranges."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from .style import save, setup


def sample_complexity(sc: pd.DataFrame, path, models: list[str], labels: dict, colors: dict, eps_label: str,
                      unit: str = "env steps") -> None:
    """S_hat vs eps, one panel per delta; bars = 5-95% cluster-bootstrap range; hollow marker = censored."""
    setup()
    deltas = sorted(sc.delta.unique())
    fig, axes = plt.subplots(1, len(deltas), figsize=(4 * len(deltas), 3.6), sharey=True, squeeze=False)
    for ax, d in zip(axes[0], deltas):
        for k, m in enumerate(models):
            r = sc[(sc.model == m) & (sc.delta == d)].sort_values("eps")
            x = np.arange(len(r)) + (k - (len(models) - 1) / 2) * 0.12
            ax.errorbar(x, r.S, yerr=[r.S - r.lo, r.hi - r.S], fmt="none", ecolor=colors[m], capsize=3)
            ax.scatter(x, r.S, color=[colors[m] if not c else "white" for c in r.censored], edgecolors=colors[m],
                       zorder=3)
        ax.set_xticks(range(len(r)), [f"{e:g}" for e in r.eps])
        ax.set(title=f"delta = {d:g}", xlabel=eps_label)
    axes[0, 0].set_ylabel(f"sample complexity S ({unit})")
    handles = [Line2D([], [], marker="o", ls="none", color=colors[m], label=labels.get(m, m)) for m in models]
    axes[0, -1].legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1))   # filled: not censored
    fig.suptitle("Empirical sample complexity (hollow marker: interval reaches the cap, i.e. censored)")
    fig.tight_layout()
    save(fig, path)
