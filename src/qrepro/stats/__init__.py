"""Statistics shared by every paper: bootstrap confidence intervals over seeds."""

from .bootstrap import bootstrap_ci, summarise

__all__ = ["bootstrap_ci", "summarise"]
