"""RL agents: SB3 algorithms configured as the papers' (with the quantum actor for QSAC)."""
