"""The one claims contract of every paper: table schema, verdict words, reader and the builder that decides rows.

Why: the claims are the product. Every row says what the paper claims (statement, the paper's value, taken from
the paper's table where it has one), the paper's own words (``quote``) and where they stand (``where``: section,
table or figure, and the line of the paper's text in shared/seeds/), how our test reads them (``reading``: as
stated, or deliberately stricter or looser and why, a control that is not a paper claim, or a claim the paper's
own numbers contradict), what we measured (ours), the verdict, and ``source``: the file and line that decide it
(the line that adds the claim, with the deciding function), so a reader goes from a verdict in the report to its
code in one hop. "inconclusive" is a decision: the runs exist and their numbers (in ``ours``) cannot tell, e.g.
an interval that spans the paper's value. A claim is "n/a" only for a stated reason (what was not run, too few
seeds); a decider that reads a column the table lacks raises.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pandera.pandas as pa

VERDICTS = ("holds", "partly", "fails", "inconclusive", "untestable", "n/a")
# how a row's test reads the paper's words: the first word of its ``reading``
READINGS = ("as stated", "stricter", "looser", "control", "contradicted")
MIN_SEEDS = 3   # below this a cluster bootstrap has (nearly) no spread and a paired test has no power

CLAIMS_SCHEMA = pa.DataFrameSchema(
    {"config": pa.Column(str), "claim": pa.Column(str), "statement": pa.Column(str), "paper": pa.Column(str),
     "quote": pa.Column(str), "where": pa.Column(str),
     "reading": pa.Column(str, pa.Check(lambda s: s.str.startswith(READINGS) | s.eq(""), element_wise=False,
                                        error=f"reading must start with one of {READINGS}")),
     "ours": pa.Column(str), "verdict": pa.Column(str, pa.Check.isin(VERDICTS)), "source": pa.Column(str)},
    coerce=True, strict=True, name="claims",
)


WORDS = ("quote", "where", "reading")      # columns a table published before they existed lacks (read as "")


def read_claims(path) -> pd.DataFrame:
    """A claims CSV with the verdict 'n/a' kept as text (pandas would read it as missing); a table published
    before rows carried the paper's words reads with those columns empty."""
    df = pd.read_csv(path, keep_default_na=False)
    missing = [c for c in WORDS if c not in df.columns]
    if missing:
        df = df.assign(**dict.fromkeys(missing, "")).reindex(columns=list(CLAIMS_SCHEMA.columns))
    return CLAIMS_SCHEMA.validate(df)


PACKAGE = Path(__file__).resolve().parent        # src/qrepro: sources are named relative to it


def source_of(decide: Callable) -> str:
    """``papers/<key>/claims.py:179 (dominates)``: the line that adds the claim, relative to ``src/qrepro``, and
    the function that decides it. The line is the first caller that is not :meth:`Claims.add` or a paper's local
    ``add`` helper (a table of claims often adds each through one), so a generic decider shared by several claims
    still leads to the one line that makes this claim."""
    frame = sys._getframe(1)
    while frame.f_code.co_name == "add" and frame.f_back is not None:
        frame = frame.f_back
    path = Path(frame.f_code.co_filename).resolve()
    where = path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else path.name
    return f"{where}:{frame.f_lineno} ({decide.__qualname__.rsplit('<locals>.', 1)[-1]})"


@dataclass(frozen=True)
class SeedRule:
    """A paper's minimum-seeds rule for its statistical claims. With fewer than ``minimum`` seeds (or runs) the
    verdict is "n/a" with ``note``; ``decide_anyway`` still shows our numbers beside it (``ours [note]``)."""
    note: str = "only {n} seed(s); needs >= {minimum}"
    minimum: int = MIN_SEEDS
    decide_anyway: bool = False


class Claims:
    """Builder of one paper's claims table: ``add`` one row per claim, then ``table()``."""

    def __init__(self, config: str, seed_rule: SeedRule = SeedRule(), ours_suffix: str = ""):
        self.config, self.seed_rule, self.ours_suffix, self.rows = config, seed_rule, ours_suffix, []

    def add(self, claim: str, statement: str, paper: str, decide: Callable, *args, not_run: str | None = None,
            seeds: int | None = None, config: str | None = None, quote: str = "", where: str = "",
            reading: str = "as stated", **kwargs) -> None:
        """Decide one claim with ``decide(*args, **kwargs) -> (verdict, ours)``. "n/a" instead when ``not_run``
        says what this tier did not run, or when a statistical claim (``seeds`` given) has too few seeds.
        ``quote``: the paper's words, verbatim; ``where``: their section / table / figure and seed-text line;
        ``reading``: one of :data:`READINGS`, then why (e.g. "looser: tests AUC only, not the false-alarm
        rate")."""
        rule = self.seed_rule
        short = seeds is not None and seeds < rule.minimum
        if not_run is not None:
            verdict, ours = "n/a", not_run
        elif short and not rule.decide_anyway:
            verdict, ours = "n/a", rule.note.format(n=seeds, minimum=rule.minimum)
        else:
            verdict, ours = decide(*args, **kwargs)
            if verdict not in VERDICTS:
                raise ValueError(f"{source_of(decide)} returned verdict {verdict!r}; allowed: {', '.join(VERDICTS)}")
            if short and verdict != "n/a":
                verdict, ours = "n/a", f"{ours} [{rule.note.format(n=seeds, minimum=rule.minimum)}]"
        self.rows.append({"config": self.config if config is None else config, "claim": claim, "statement": statement,
                          "paper": paper, "quote": quote, "where": where, "reading": reading,
                          "ours": f"{ours}{self.ours_suffix}", "verdict": verdict, "source": source_of(decide)})

    def table(self) -> pd.DataFrame:
        return CLAIMS_SCHEMA.validate(pd.DataFrame(self.rows, columns=list(CLAIMS_SCHEMA.columns)))


def not_run(needed, have) -> str | None:
    """The usual "n/a" reason: the names in ``needed`` this tier did not run, or None when all were run."""
    missing = [m for m in needed if m not in set(have)]
    return f"not run in this tier: {', '.join(missing)}" if missing else None

