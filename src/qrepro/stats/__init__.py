"""Statistics shared by every paper: bootstrap confidence intervals over seeds, growth fits, Holm's adjustment."""

from .bootstrap import T_BELOW, bootstrap_ci, difference_ci, mean_ci, summarise
from .fits import holm, linear_fit

__all__ = ["T_BELOW", "bootstrap_ci", "difference_ci", "holm", "linear_fit", "mean_ci", "summarise"]
