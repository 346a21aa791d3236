"""The caption files of Snakemake's own report (``snakemake --report report.zip``): one reStructuredText file per
output a rule file marks with ``report()``, under ``workflow/report/``, written from the captions the PDF report
uses (each paper's ``figures.CAPTIONS``), so that the two reports say the same. ``python -m qrepro.report.captions``
rewrites them; a test fails when they and the captions disagree."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from ..config import REPO_ROOT
from ..registry import PAPERS

FOLDER = "workflow/report"
CLAIMS = ("Every claim of the paper: the statement, the paper's value, ours, the verdict and the file and line "
          "that decided it (``source``). Verdicts: holds, partly, fails, untestable, n/a, defined on the PDF "
          "report's first pages.")
TABLES = {
    "ledger.rst": "The cross-paper ledger: one row per quantum-versus-classical comparison the papers make, with "
                  "means over runs, the effect (quantum minus classical) with its 95% bootstrap CI, P(quantum run "
                  "beats a classical one), parameter counts, the compute-time ratio and the claim's verdict.",
    "report.rst": "The PDF report: front matter (verdict glossary, citations, provenance, ledger) and one numbered "
                  "chapter per paper with its summary, claims, tables, figures and deviations.",
}


def caption_files() -> dict[str, str]:
    """``{path under the repository: text}`` of every caption file."""
    out = {f"{FOLDER}/{name}": text + "\n" for name, text in TABLES.items()}
    for paper in PAPERS:
        captions = importlib.import_module(f"qrepro.papers.{paper.key}.figures").CAPTIONS
        made = (f"\n\nMade by rule ``{paper.key}_figures`` (``workflow/scripts/{paper.key}/figures.py``, plotting "
                f"with ``qrepro.papers.{paper.key}.figures``).\n")
        for name, text in captions.items():
            out[f"{FOLDER}/{paper.key}/{name}.rst"] = text + made
        out[f"{FOLDER}/{paper.key}/claims.rst"] = CLAIMS + "\n"
    return out


def write(root: Path = REPO_ROOT) -> list[str]:
    """Write every caption file; the paths written."""
    files = caption_files()
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return sorted(files)


if __name__ == "__main__":
    sys.stdout.write("\n".join(write()) + "\n")
