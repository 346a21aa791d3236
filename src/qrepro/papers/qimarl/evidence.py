"""Paper 004's decision rules over seeds. A comparison is shown (its 95% interval lies on the claimed side),
contradicted (on the other side) or cannot tell (the interval spans the bound); a claim's parts combine into one
verdict.

Why three states: with 3-5 seeds a difference whose interval spans zero is neither a success nor a failure of the
paper's claim, and the verdict "inconclusive" exists for it. Intervals are qrepro.stats' (Student's t below 10
runs, paired by seed where both sides ran the same seeds), and each says its kind and n. A convergence episode that
is censored (the run ended before it converged) is only a lower bound: a comparison may conclude from it only in
the direction the bound cannot overturn.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from ...stats import difference_ci, mean_ci

WORDS = {True: "shown", False: "contradicted", None: "cannot tell"}


def num(v: float) -> str:
    """A mean for the claims text: thousands separated above 1000, else 3 significant digits."""
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.3g}"


def signed(v: float) -> str:
    return f"{v:+,.0f}" if abs(v) >= 1000 else f"{v:+.3g}"


@dataclass(frozen=True)
class Evidence:
    """One comparison: ``state`` True (shown), False (contradicted) or None (cannot tell), with the effect (or
    mean: ``difference`` False) and its 95% interval and what that interval is (``how``: kind and n)."""
    state: bool | None
    effect: float
    lo: float
    hi: float
    how: str
    difference: bool = True

    def text(self) -> str:
        value = signed(self.effect) if self.difference else num(self.effect)
        return f"{value} [{num(self.lo)}, {num(self.hi)}] ({self.how}): {WORDS[self.state]}"


def _side(lo: float, hi: float, above: bool, bound: float = 0.0) -> bool | None:
    """True when [lo, hi] lies on the claimed side of ``bound``, False when on the other, None when it spans it
    or there is no interval."""
    if np.isnan(lo) or np.isnan(hi):
        return None
    if (lo > bound) if above else (hi < bound):
        return True
    if (hi < bound) if above else (lo > bound):
        return False
    return None


def versus(q: pd.Series, c: pd.Series, higher: bool = True) -> Evidence:
    """Is ``q`` higher (or lower) than ``c``? The 95% interval of mean(q) - mean(c), paired when both are indexed
    by the same seeds."""
    effect, lo, hi, how = difference_ci(q, c)
    return Evidence(_side(lo, hi, higher), effect, lo, hi, how)


def mean_bound(values: pd.Series, limit: float, above: bool = True) -> Evidence:
    """Does the mean of ``values`` reach ``limit`` (``above``: at or above it; else at or below)? Shown when the
    95% interval lies there, contradicted when it lies wholly on the other side."""
    mean, lo, hi, how = mean_ci(values.to_numpy(float))
    if np.isnan(lo):
        state = None
    elif above:
        state = True if lo >= limit else False if hi < limit else None
    else:
        state = True if hi <= limit else False if lo > limit else None
    return Evidence(state, mean, lo, hi, how, difference=False)


def sooner(q: pd.Series, q_censored: pd.Series, c: pd.Series, c_censored: pd.Series) -> Evidence:
    """Does ``q`` converge in fewer episodes than ``c``? Censored values (the run's length) are lower bounds, so
    "sooner" is shown only when no ``q`` run is censored (a censored ``c`` would only widen the gap) and
    contradicted only when no ``c`` run is censored."""
    effect, lo, hi, how = difference_ci(q, c)
    state = _side(lo, hi, above=False)
    if (state is True and q_censored.any()) or (state is False and c_censored.any()):
        state = None
    return Evidence(state, effect, lo, hi, how)


def spread_smaller(q: pd.Series, c: pd.Series) -> tuple[bool | None, float]:
    """Is the across-seed spread of ``q`` smaller than that of ``c``? (state, Brown-Forsythe p): the sds alone over
    a handful of seeds cannot tell, so the spreads must differ at p < 0.05."""
    q, c = q.dropna().to_numpy(float), c.dropna().to_numpy(float)
    if len(q) < 2 or len(c) < 2 or (q.var() == 0 and c.var() == 0):
        return None, float("nan")
    p = float(stats.levene(q, c, center="median").pvalue)
    return (None if not p < 0.05 else bool(q.std(ddof=1) < c.std(ddof=1))), p


def verdict(states: list[bool | None]) -> str:
    """Parts -> verdict: every part shown holds; some shown partly; none shown but one contradicted fails; none
    decided inconclusive (the runs exist, their numbers cannot tell)."""
    if not states:
        raise ValueError("a claim needs at least one part")
    if all(s is True for s in states):
        return "holds"
    if any(s is True for s in states):
        return "partly"
    return "fails" if any(s is False for s in states) else "inconclusive"


def tally(states: list[bool | None]) -> str:
    """``2 of 5 parts shown, 1 contradicted, 2 cannot tell``."""
    n = {w: sum(WORDS[s] == w for s in states) for w in WORDS.values()}
    return (f"{n['shown']} of {len(states)} parts shown, {n['contradicted']} contradicted, {n['cannot tell']} "
            "cannot tell")
