"""Paper 001: benchmarking quantum RL with a sample-complexity estimator: BeamManagement6G, DDQN / PPO with
classical and hybrid VQC models, CartPole VPG."""

from ...paper import Paper
from .config import check

PAPER = Paper(
    key="qrlbench", spec="001", check=check,
    title="Benchmarking quantum RL: BeamManagement6G, sample complexity (001)",
    citation="N. Meyer, C. Ufrecht, G. Yammine, G. Kontes, C. Mutschler, D. D. Scherer: Benchmarking Quantum "
             "Reinforcement Learning. arXiv:2501.15893, 2025.",
)
