"""Statistics shared by every paper: bootstrap confidence intervals over seeds, growth fits."""

from .bootstrap import T_BELOW, bootstrap_ci, difference_ci, mean_ci, summarise
from .fits import linear_fit

__all__ = ["T_BELOW", "bootstrap_ci", "difference_ci", "linear_fit", "mean_ci", "summarise"]
