"""The registry of reproduced papers, in report order: the one list that publish, plan, compare, dvc.yaml, the
Snakefile, the report and the ledger read. Adding a paper adds its key to :data:`KEYS` (docs/adding-a-paper.md); each
key names a package ``qrepro.papers.<key>`` whose ``__init__`` defines ``PAPER`` (:class:`qrepro.paper.Paper`).
:mod:`qrepro.publication.dvc_stages` counts this module as importing every paper package, as it does."""

from __future__ import annotations

from importlib import import_module

from .paper import Paper

KEYS: tuple[str, ...] = ("qsac", "qrlbench", "cqdt", "dickeqaoa", "qimarl")
PAPERS: tuple[Paper, ...] = tuple(import_module(f"{__package__}.papers.{key}").PAPER for key in KEYS)


def paper(key: str) -> Paper:
    """The registered paper ``key``; a clear error naming the registered ones otherwise."""
    for p in PAPERS:
        if p.key == key:
            return p
    raise KeyError(f"no paper {key!r} in qrepro.registry (registered: {', '.join(KEYS)})")


def by_paper(named) -> dict[str, dict]:
    """The cross-paper rules' named inputs (``<key>__<name>``) by paper: ``{"a__x": 1}`` -> ``{"a": {"x": 1}}``."""
    out: dict[str, dict] = {}
    for name, value in dict(named).items():
        key, sep, part = name.partition("__")
        if sep:
            out.setdefault(key, {})[part] = value
    return out
