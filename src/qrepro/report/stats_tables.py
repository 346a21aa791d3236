"""Tables shared by every RL paper's chapter: sample complexity as 'S [lo, hi]' cells, one column per model."""

from __future__ import annotations

import pandas as pd


def sample_complexity_wide(sc: pd.DataFrame, index: list[str], order: list[str], scale: float = 1) -> pd.DataFrame:
    """Rows ``index`` (e.g. config, eps, delta), columns the models in ``order`` first, cells 'S [lo, hi]' divided
    by ``scale``; ' cap' marks a censored cell (its interval reaches the budget)."""
    fmt = lambda v: f"{v / scale:.0f}"  # noqa: E731
    cells = sc.assign(cell=[f"{fmt(r.S)} [{fmt(r.lo)}, {fmt(r.hi)}]" + (" cap" if r.censored else "")
                            for r in sc.itertuples()])
    wide = cells.pivot_table(index=index, columns="model", values="cell", aggfunc="first")
    cols = [m for m in order if m in wide.columns] + sorted(set(wide.columns) - set(order))
    return wide[cols].reset_index()
