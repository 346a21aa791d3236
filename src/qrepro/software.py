"""The packages whose versions a publication's manifest and the report's front page record."""

from __future__ import annotations

import platform
from importlib import metadata

PACKAGES = ("snakemake", "dvc", "torch", "numpy", "numba", "qiskit", "qiskit-aer", "pennylane", "stable-baselines3",
            "gpytorch", "pulp", "pandas", "scipy", "scikit-learn")


def versions() -> dict[str, str]:
    """Python's version and each package's, as installed where this runs."""
    return {"python": platform.python_version(), **{p: metadata.version(p) for p in PACKAGES}}
