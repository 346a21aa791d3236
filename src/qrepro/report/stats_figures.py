"""Figures shared by every RL paper: sample complexity per (eps, delta) cell with bootstrap ranges."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .style import save, setup


def sample_complexity(sc: pd.DataFrame, path, models: list[str], labels: dict, colors: dict, eps_label: str) -> None:
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
                       zorder=3, label=labels.get(m, m))
        ax.set_xticks(range(len(r)), [f"{e:g}" for e in r.eps])
        ax.set(title=f"delta = {d:g}", xlabel=eps_label)
    axes[0, 0].set_ylabel("sample complexity S (env steps)")
    axes[0, -1].legend(fontsize=8)
    fig.suptitle("Empirical sample complexity (hollow marker: interval reaches the cap, i.e. censored)")
    fig.tight_layout()
    save(fig, path)
