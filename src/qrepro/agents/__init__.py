"""Learning algorithms, one module each: the SB3 SAC / TD3 / DDPG agents of paper 000 with QSAC's quantum actor
(:mod:`.sb3`, :mod:`.qsac_actor`); paper 001's C / Q networks, Double DQN, PPO and CartPole VPG; paper 002's
12-parameter REINFORCE; paper 004's MAPPO, off-policy baselines, curiosity modules and the QI-MARL learner."""
