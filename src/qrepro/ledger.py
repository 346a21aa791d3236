"""The cross-paper ledger of quantum versus classical: every quantum-versus-classical comparison the papers make, in
one table, measured the same way (no paper or public code offers this view). Each paper's rows come from its
``ledger`` module (``rows``), through the registry.

Per comparison: the pair, the metric and which way is better, both means, the effect (quantum minus classical, in
the metric's units, paired by seed where both ran the same seeds) with its 95% interval and what that interval is
(``interval``: Student's t below 10 runs, a percentile bootstrap from there, and n), the probability that a quantum
run beats a classical run (ties count half), the runs behind it, both parameter counts, the quantum run's compute
cost over the classical one's, a reference policy's value on the same metric where a trivial or fixed policy shows
what the task demands (``reference``, ``reference_value``), and the verdict of the claim that makes the comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from .claims import read_claims
from .registry import PAPERS
from .stats import difference_ci
from .stats.sample_complexity import probability_of_improvement

LEDGER_SCHEMA = pa.DataFrameSchema({
    "paper": pa.Column(str), "comparison": pa.Column(str), "quantum": pa.Column(str), "classical": pa.Column(str),
    "metric": pa.Column(str), "better": pa.Column(str, pa.Check.isin(["higher", "lower"])),
    "quantum_mean": pa.Column(float, nullable=True), "classical_mean": pa.Column(float, nullable=True),
    "effect": pa.Column(float, nullable=True), "effect_lo": pa.Column(float, nullable=True),
    "effect_hi": pa.Column(float, nullable=True), "interval": pa.Column(str),
    "p_improve": pa.Column(float, pa.Check.in_range(0, 1), nullable=True),
    "n_quantum": pa.Column(int), "n_classical": pa.Column(int),
    "params_quantum": pa.Column(float, nullable=True), "params_classical": pa.Column(float, nullable=True),
    "cost_ratio": pa.Column(float, nullable=True), "reference": pa.Column(str),
    "reference_value": pa.Column(float, nullable=True), "claim": pa.Column(str), "verdict": pa.Column(str),
}, coerce=True, strict=True, name="ledger")


def compare(q: pd.Series, c: pd.Series, better: str, seed: int = 0) -> dict:
    """Means, effect (q - c) with its 95% interval and what it is (:func:`qrepro.stats.difference_ci`: paired
    when both are indexed by the same seeds), and P(a q run beats a c run)."""
    q, c = q.dropna().astype(float), c.dropna().astype(float)
    effect, lo, hi, how = difference_ci(q, c, seed=seed)
    p = probability_of_improvement(q, c) if better == "higher" else probability_of_improvement(-q, -c)
    return {"quantum_mean": q.mean(), "classical_mean": c.mean(), "effect": effect, "effect_lo": lo, "effect_hi": hi,
            "interval": how, "p_improve": p if len(q) and len(c) else np.nan, "n_quantum": len(q),
            "n_classical": len(c)}


def row(paper, comparison, quantum, classical, metric, better, stats, claims, claim, params=(np.nan, np.nan),
        cost_ratio=np.nan, reference: tuple[str, float] = ("", np.nan)) -> dict:
    """One ledger row: ``stats`` from :func:`compare`, the verdict of ``claim`` from the paper's claims table;
    ``reference``: (name, value on the metric) of a trivial or fixed policy that shows what the task demands."""
    verdict = claims.set_index("claim").verdict.get(claim, "n/a") if len(claims) else "n/a"
    return {"paper": paper, "comparison": comparison, "quantum": quantum, "classical": classical, "metric": metric,
            "better": better, **stats, "params_quantum": params[0], "params_classical": params[1],
            "cost_ratio": cost_ratio, "reference": reference[0], "reference_value": reference[1], "claim": claim,
            "verdict": verdict}


def ledger(rows: list[dict]) -> pd.DataFrame:
    return LEDGER_SCHEMA.validate(pd.DataFrame(rows, columns=list(LEDGER_SCHEMA.columns)))


def read_table(name: str, path) -> pd.DataFrame:
    """A table a paper's ledger rows read: its claims (verdict 'n/a' kept as text) or a plain CSV."""
    return read_claims(path) if name == "claims" else pd.read_csv(path)


def build(tables: dict[str, dict], params: dict[str, dict]) -> pd.DataFrame:
    """The ledger from the papers' aggregated tables: per paper of the registry that ``tables`` has ({key: {name:
    DataFrame}}), the rows of its ``ledger`` module (``rows(**its tables, **its params)``), in registry order."""
    rows = []
    for paper in PAPERS:
        if paper.key in tables:
            rows += paper.hook("ledger").rows(**tables[paper.key], **params.get(paper.key, {}))
    return ledger(rows)
