"""Paper 003: subspace-confined QAOA (generalised Dicke states, XY mixer) for CBRS multi-channel allocation, against
penalty QAOA, greedy and the ILP optimum; noise and the dual-constraint landscape."""

from ...paper import Paper
from .config import check

PAPER = Paper(
    key="dickeqaoa", spec="003", check=check,
    title="Subspace-confined QAOA for CBRS channel allocation (003)",
    citation="G. Min, Y. Seo, J. Heo: Subspace-Confined QAOA with Generalized Dicke States for Multi-Channel "
             "Allocation in 5G CBRS Networks. Korea University, 2025.",
)
