"""Statistics shared by every paper: bootstrap confidence intervals over seeds, growth fits."""

from .bootstrap import bootstrap_ci, summarise
from .fits import linear_fit

__all__ = ["bootstrap_ci", "linear_fit", "summarise"]
