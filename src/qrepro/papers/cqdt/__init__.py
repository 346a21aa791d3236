"""Paper 002: a cybersecurity-driven quantum digital twin (CQDT) for O-RAN: GHZ / cluster states under CPTP
attacks, a REINFORCE defence against A2C / PPO / DQN, detection and typing, loop latency."""

from ...paper import Paper
from .config import check

PAPER = Paper(
    key="cqdt", spec="002", check=check,
    title="Quantum digital twin for O-RAN security (002)",
    citation="Y. Al-Karawi, R. S. Alhumaima, H. Al-Raweshidy: Cybersecurity Driven Quantum Digital Twin for "
             "Proactive Threat Reversal in Open RAN. IET Quantum Communication, 2026.",
)
