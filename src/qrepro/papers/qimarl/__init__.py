"""Paper 004: quantum-inspired MARL (GP field model, UCB shaping, QAOA-guided exploration) for a UAV team in 6G,
against PPO, DDPG, Q-learning and curiosity baselines; ablations, sensitivity sweeps, scaling."""

from ...paper import Paper
from .config import check

PAPER = Paper(
    key="qimarl", spec="004", check=check,
    title="Quantum-inspired MARL for UAV 6G (004)",
    citation="M. Taghavi, J. Vahidi: Quantum-Inspired Multi-Agent Reinforcement Learning for Exploration-"
             "Exploitation Optimization in UAV-Assisted 6G Network Deployment. Quantum Machine Intelligence, "
             "doi:10.1007/s42484-025-00335-8 (arXiv:2512.20624), 2025.",
)
