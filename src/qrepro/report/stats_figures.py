"""Figures shared by every RL paper: sample complexity per (eps, delta) cell with bootstrap ranges, and the
legibility helpers the papers' figures use.

Legibility: the PDF report inserts each figure at a fixed printed width (the full frame, about 510 pt = 7.1 in,
unless the chapter asks for less), so a label prints at ``fontsize * printed width / figure width``. Figures are
therefore drawn about as wide as they are printed (:data:`FULL_WIDTH`), with fonts of at least 8 pt, legends
outside the data and tick labels thinned where they would overlap (:func:`declutter_ticks`)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.transforms import offset_copy

from .style import save, setup

FULL_WIDTH = 7.2      # inches: a figure printed at the report's full frame width (510 pt) keeps its font sizes


def _overlapping(texts, renderer) -> bool:
    boxes = [t.get_window_extent(renderer).expanded(1.2, 1.05) for t in texts]
    return any(a.overlaps(b) for a, b in zip(boxes, boxes[1:]))


def declutter_ticks(fig) -> None:
    """On every axis of ``fig`` whose major tick labels overlap, keep every k-th tick (the smallest k that
    separates them) and make the ticks fixed there; deterministic, and a no-op where nothing overlaps."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for ax in fig.axes:
        if not ax.axison:
            continue
        for axis, set_ticks in ((ax.xaxis, ax.set_xticks), (ax.yaxis, ax.set_yticks)):
            ticks = [(loc, lab) for loc, lab in zip(axis.get_majorticklocs(), axis.get_majorticklabels())
                     if lab.get_visible() and lab.get_text()]
            lo, hi = sorted(axis.get_view_interval())
            ticks = [(loc, lab) for loc, lab in ticks if lo - 1e-9 * abs(hi - lo) <= loc <= hi + 1e-9 * abs(hi - lo)]
            if len(ticks) < 3 or not _overlapping([lab for _, lab in ticks], renderer):
                continue
            step = 2
            while step < len(ticks) - 1 and _overlapping([lab for _, lab in ticks[::step]], renderer):
                step += 1
            kept = ticks[::step]
            set_ticks([loc for loc, _ in kept], [lab.get_text() for _, lab in kept])


def legend_below(ax, **kwargs):
    """A legend centred under ``ax``, just below its tick labels and x label (outside the data, whatever they
    show); ``kwargs`` go to ``ax.legend``. Call it once the axes' labels are set."""
    fig = ax.figure
    fig.canvas.draw()
    below = ax.bbox.y0 - ax.get_tightbbox(fig.canvas.get_renderer()).y0       # ticks and x label, in pixels
    anchor = offset_copy(ax.transAxes, fig=fig, y=-(below * 72 / fig.dpi + 3), units="points")
    return ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), bbox_transform=anchor,
                     **{"frameon": False, **kwargs})


def sample_complexity(sc: pd.DataFrame, path, models: list[str], labels: dict, colors: dict, eps_label: str,
                      unit: str = "env steps") -> None:
    """S_hat vs eps, one panel per delta; bars = 5-95% cluster-bootstrap range; hollow marker = censored."""
    setup()
    deltas = sorted(sc.delta.unique())
    ncols = min(len(deltas), 3)
    nrows = -(-len(deltas) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH, 0.6 + 3.0 * nrows), sharey=True, squeeze=False)
    offsets = (np.arange(len(models)) - (len(models) - 1) / 2) * min(0.12, 0.7 / max(1, len(models)))
    for ax, d in zip(axes.ravel(), deltas):
        eps = sorted(sc[sc.delta == d].eps.unique())
        for k, m in enumerate(models):
            r = sc[(sc.model == m) & (sc.delta == d)].sort_values("eps")
            x = np.searchsorted(eps, r.eps) + offsets[k]
            ax.errorbar(x, r.S, yerr=[r.S - r.lo, r.hi - r.S], fmt="none", ecolor=colors[m], capsize=3)
            ax.scatter(x, r.S, color=[colors[m] if not c else "white" for c in r.censored], edgecolors=colors[m],
                       zorder=3)
        ax.set_xticks(range(len(eps)), [f"{e:g}" for e in eps])
        ax.set(title=f"delta = {d:g}", xlabel=eps_label if ax in list(axes[-1]) else "")
    for ax in axes.ravel()[len(deltas):]:
        ax.set_visible(False)
    for row in axes:
        row[0].set_ylabel(f"sample complexity S ({unit})")
    handles = [Line2D([], [], marker="o", ls="none", color=colors[m], label=labels.get(m, m)) for m in models]
    handles.append(Line2D([], [], marker="o", ls="none", color="grey", markerfacecolor="white",
                          label="hollow: censored at the cap"))
    fig.suptitle("Empirical sample complexity S (bars: 5-95% cluster-bootstrap range)")
    fig.tight_layout()
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(len(handles), 4),
               frameon=False)
    declutter_ticks(fig)
    save(fig, path)
