"""Paper 000: Quantum Soft Actor-Critic (QSAC) for LTE/NR dynamic spectrum sharing in O-RAN, against SAC, TD3 and
DDPG on NIST AdapShare demand data."""

from ...paper import Paper
from .config import check

PAPER = Paper(
    key="qsac", spec="000", check=check,
    title="Quantum soft actor-critic for LTE/NR spectrum sharing (000)",
    citation="V.-H. Nguyen, Y. A. Ergu, R.-H. Hwang, T. Q. Duong, V.-L. Nguyen: Efficient Quantum Soft "
             "Actor-Critic Model for Dynamic Spectrum Sharing in Intelligent O-RAN. IEEE ICC 2026.",
    params=("data",),
)
