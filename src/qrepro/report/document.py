"""The whole report. Chapter 1, the front matter: what was run (tier, seeds, commit, date, machine, software), the
verdict glossary, the five papers' citations, the contents, the verdict overview and the cross-paper ledger of
quantum versus classical. Then one chapter per paper of the registry (chapter 2 onwards, as the README cites them),
each opening with a summary of what holds and what fails and why, then built by its package's ``section`` module
from the files its rule file registers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..claims import VERDICTS, read_claims
from ..registry import PAPERS
from .pdf import (FRAME_WIDTH, STYLES, PageBreak, Paragraph, build_pdf, contents, escaped, heading, in_claim_order,
                  number, para, plain, table)

TIER_NOTE = {
    "smoke": "<b>Smoke tier: its verdicts are not evidence.</b> One seed (or three very short runs) and minutes of "
             "training per model test that the pipeline runs end to end; a verdict here says nothing about the "
             "papers. Run the default tier for findings.",
    "default": "Default tier: several seeds per model and the papers' training lengths where a workstation allows "
               "(see each chapter's setup); statistical claims need at least three seeds and say so otherwise.",
    "claims": "Claims tier: the default tier plus the runs that decide the claims the default tier leaves open "
              "(each chapter's setup lists them).",
    "paper": "Paper tier: the papers' full grids.",
}
GLOSSARY = {
    "holds": "our runs support the claim as our test reads it (for a statistical claim: its interval or paired test "
             "at the tier's seeds)",
    "partly": "part of the claim holds (some of its orderings, settings or metrics) and part does not; the row "
              "says which",
    "fails": "not supported: what our runs measure is not what the paper states (an ordering reversed, a value "
             "outside the paper's margin, or an effect that does not reach significance); the row's numbers say "
             "whether they contradict the claim or only fail to show it",
    "inconclusive": "the runs exist but their numbers cannot tell (an interval that spans the paper's value)",
    "untestable": "the claim cannot be tested by any run (the paper gives too little to implement it); the row "
                  "says what is missing",
    "n/a": "not decided at this tier, for the reason the row states (a model or setting not run, too few seeds)",
}
READING = {
    "as stated": "tested as the paper words it",
    "stricter / looser": "tested deliberately stricter or looser than its words, for the reason given",
    "control": "a check of our own (a reference policy or a classical twin), not a claim of the paper",
    "contradicted": "the paper's own numbers contradict the claim; the row says where",
}


def seeds_per_paper(setups: dict[str, dict]) -> str:
    """``<key> 5, <key> 20, ...``: independent runs per configuration, as each tier sets them."""
    count = lambda s: len(s) if isinstance(s, (list, tuple)) else int(s)  # noqa: E731
    return ", ".join(f"{paper} {count(setup['seeds'])}" for paper, setup in setups.items() if "seeds" in setup)


def ledger_table(ledger: pd.DataFrame):
    """The front page's ledger: one row per quantum-versus-classical comparison, at 7 pt, quantum above classical
    in a cell where both have a value."""
    fmt = lambda v, d=3: "-" if pd.isna(v) else f"{v:.{d}g}"  # noqa: E731
    pair = lambda q, c, d=3: "-" if pd.isna(q) and pd.isna(c) else f"{fmt(q, d)} /<br/>{fmt(c, d)}"  # noqa: E731
    rows = pd.DataFrame({
        "paper": ledger.paper, "comparison": ledger.comparison, "metric": ledger.metric + " (" + ledger.better + ")",
        "mean<br/>q / c": [pair(q, c) for q, c in zip(ledger.quantum_mean, ledger.classical_mean)],
        "effect<br/>[95% CI]": [f"{fmt(e)}<br/>[{fmt(lo)}, {fmt(hi)}]" for e, lo, hi in
                            zip(ledger.effect, ledger.effect_lo, ledger.effect_hi)],
        "P(q&gt;c)": [fmt(p, 2) for p in ledger.p_improve],
        "runs<br/>q / c": [f"{a} / {b}" for a, b in zip(ledger.n_quantum, ledger.n_classical)],
        "params<br/>q / c": [pair(q, c, 6) for q, c in zip(ledger.params_quantum, ledger.params_classical)],
        "cost": [fmt(r, 3) + ("x" if not pd.isna(r) else "") for r in ledger.cost_ratio],
        "verdict": (ledger.claim.fillna("") + " " + ledger.verdict.fillna("")).str.strip()})
    widths = [50, 76, 56, 46, 62, 42, 38, 44, 38]                  # the verdict column fits "H16 inconclusive"
    return table(rows, [*widths, FRAME_WIDTH - sum(widths)], font_size=7, verbatim=("paper",),
                 title="Quantum versus classical, every comparison the papers make")


def read_inputs(key: str, paths: dict) -> dict:
    """A chapter's data from the files its rule file registers: ``claims`` (verdict 'n/a' kept as text), ``figures``
    (by name without the ``<key>_`` prefix), a CSV as a table, a list of CSVs as tables by their folder's name."""
    out = {}
    for name, value in paths.items():
        if name == "claims":
            out[name] = read_claims(value)
        elif name == "figures":
            out[name] = {Path(p).stem.removeprefix(f"{key}_"): Path(p) for p in value}
        elif isinstance(value, (list, tuple)):
            out[name] = {Path(p).parent.name: pd.read_csv(p) for p in value}
        else:
            out[name] = pd.read_csv(value)
    return out


def chapter_summary(claims: pd.DataFrame, matters: tuple[str, ...]) -> list:
    """A chapter's opening: its verdict counts, the claims that hold, partly hold and fail (each with our number),
    what is not decided here, and the deviations that shape the verdicts most (the paper's ``deviations.MATTERS``)."""
    rows = in_claim_order(claims)
    counts = ", ".join(f"{int((rows.verdict == v).sum())} {v}" for v in VERDICTS if (rows.verdict == v).any())
    out = [heading("Summary", 2), para(f"<b>{len(rows)} claims: {counts}.</b>")]
    for verdict, words in (("holds", "What holds"), ("partly", "What holds in part"), ("fails", "What fails"),
                           ("inconclusive", "What the runs cannot tell")):
        picked = rows[rows.verdict == verdict]
        if len(picked):
            out.append(para(f"<b>{words}:</b> " + "; ".join(f"<b>{r.claim}</b> {escaped(plain(r.statement))}"
                                                           for r in picked.itertuples()) + "."))
    undecided = rows[rows.verdict.isin(["untestable", "n/a"])]
    if len(undecided):
        out.append(para("<b>Not decided here:</b> " + ", ".join(undecided.claim) + " (the claims table says why)."))
    if matters:
        out.append(para("<b>What shapes these verdicts most:</b> " + " ".join(matters)))
    return out


def front_matter(title: str, tier: str, provenance: dict, chapters: list, ledger: pd.DataFrame) -> list:
    """Chapter 1: what was run and how to read it, the papers, the contents, the overview and the ledger."""
    commit = provenance["commit"][:12] + (" (with uncommitted changes to the code)" if provenance["dirty"] else "")
    software = ", ".join(f"{name} {version}" for name, version in provenance.get("software", {}).items())
    where = provenance.get("remote") or "a checkout without a git remote"
    flow = [Paragraph(title, STYLES["Title"]), heading("Front matter: what was run and how to read it", 1), para(
        f"Generated by the qrepro pipeline at tier <b>{tier}</b> from commit <b>{commit}</b> of {where}, dated by "
        f"that commit ({provenance['date']}). Seeds (independent runs per configuration): "
        f"{seeds_per_paper({paper.key: d['setup'] for paper, d in chapters})}. Each chapter opens with a summary, "
        "puts the paper's published numbers beside ours, states a verdict per checkable claim with the code that "
        "decided it, and lists every deviation from the paper."), para(TIER_NOTE[tier]), para(
        f"<b>Software:</b> {software}. <b>Compute:</b> each job's time is in the run's benchmarks/; a "
        "publication's CPU time per paper is in results/manifest.json and the README, and `qrepro plan --tier "
        f"{tier}` prices the tier before it runs.")]
    flow += [heading("How to read a verdict", 2),
             table(pd.DataFrame(GLOSSARY.items(), columns=["verdict", "meaning"]), [60, FRAME_WIDTH - 60],
                   verdict_col="verdict", title="The verdicts"),
             table(pd.DataFrame(READING.items(), columns=["reading", "meaning"]), [80, FRAME_WIDTH - 80],
                   title="How a claim's test reads the paper (printed under a claim's statement where its row says "
                         "other than 'as stated')")]
    flow += [heading("The papers", 2), table(pd.DataFrame(
        [[str(n), f"{paper.key}", paper.citation] for n, (paper, _) in enumerate(chapters, start=2)],
        columns=["chapter", "key", "paper"]), [48, 60, FRAME_WIDTH - 108], title="The five papers and their chapters",
        verbatim=("paper",))]
    flow += [heading("Contents", 2), contents(), PageBreak()]
    overview = [[f"{paper.key} ({paper.spec})", *(int((data["claims"].verdict == v).sum()) for v in VERDICTS)]
                for paper, data in chapters]
    flow.append(heading("Verdict overview", 2))
    flow.append(table(pd.DataFrame(overview, columns=["paper", *VERDICTS]),
                      [110, *[(FRAME_WIDTH - 110) / len(VERDICTS)] * len(VERDICTS)], title="Verdicts per paper"))
    flow.append(heading("Quantum versus classical, across the papers", 2))
    flow.append(para("Every quantum-versus-classical comparison the papers make, measured the same way: means over "
                     "runs, the effect (quantum minus classical; paired by seed where both ran the same seeds) with "
                     "its 95% interval, P(q&gt;c) the probability that a quantum run beats a classical one, runs and "
                     "parameter counts (quantum / classical; QSAC: the actors), cost the quantum run's compute time "
                     "over the classical run's, and the verdict of the claim that makes the comparison."))
    flow.append(ledger_table(ledger))
    flow.append(PageBreak())
    return flow


def build_report(path, title: str, tier: str, provenance: dict, ledger: pd.DataFrame, papers: dict[str, dict]
                 ) -> None:
    """``papers``: per paper key, its chapter's data (:func:`read_inputs` plus ``setup``); chapters in registry
    order (numbered from 2), papers without data left out. ``provenance``: commit, dirty, date, and optionally
    software (name: version) and remote."""
    chapters = [(paper, papers[paper.key]) for paper in PAPERS if paper.key in papers]
    commit = provenance["commit"][:12]
    flow = number(front_matter(title, tier, provenance, chapters, ledger), 1, f"commit {commit}")
    for n, (paper, data) in enumerate(chapters, start=2):
        body = paper.hook("section").section(**data)
        matters = getattr(paper.hook("deviations"), "MATTERS", ())
        body = body[:1] + chapter_summary(data["claims"], matters) + body[1:]
        flow += number(body, n, f"Made by rule {paper.key}_figures (workflow/scripts/{paper.key}/figures.py) "
                                f"at commit {commit}")
    build_pdf(path, title, flow, date=provenance["date"])
