"""What a paper package declares about itself, so that the cross-paper parts (publication, planning, comparison,
dvc.yaml, the report and the ledger) need no list of papers of their own: they read :mod:`qrepro.registry`.

A paper's package (``qrepro.papers.<key>``) defines ``PAPER = Paper(...)`` in its ``__init__``, which stays light
(no torch, no plotting): every DAG build imports it. Heavier per-paper parts are modules of the package that the
cross-paper code loads by name through :meth:`Paper.hook` (``section``, ``ledger``, ``costs``, ``bench``; the
README's headline claims are ``claims.HEADLINES``, the committed per-seed tables ``aggregate.PER_SEED``);
:mod:`qrepro.publication.dvc_stages` counts such a call as an import of that module of every paper, so the code
digests and DVC dependencies stay complete.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Callable


@dataclass(frozen=True)
class Paper:
    """One reproduced paper. ``key`` names everything of it: its params.yaml block, ``results/<key>/``, its rule
    file ``workflow/rules/<key>.smk``, its scripts ``workflow/scripts/<key>/`` and its DVC stage."""
    key: str
    spec: str                       # the spec number, "000" ... (../shared/specs/<spec>_*.md)
    title: str                      # its heading in the README's Findings
    citation: str                   # the paper's full reference
    check: Callable[[dict], None]   # cross-reference checks of its params block (after the schema)
    params: tuple[str, ...] = ()    # params.yaml sections its rules read besides tier, its own block and stats

    @property
    def stage_params(self) -> list[str]:
        """The params.yaml sections its DVC stage depends on."""
        return ["tier", *self.params, self.key, "stats"]

    def hook(self, name: str) -> ModuleType:
        """The package's module ``name`` (``section``, ``ledger``, ``costs``, ``bench``), imported on first use."""
        return importlib.import_module(f"qrepro.papers.{self.key}.{name}")
