"""What the papers that train with stable-baselines3 share: a silent logger."""

from __future__ import annotations

from stable_baselines3.common.logger import Logger


def without_log_dir(agent):
    """Give ``agent`` a silent logger: left alone, every ``learn()`` makes an empty SB3-<time> folder in /tmp."""
    agent.set_logger(Logger(folder=None, output_formats=[]))
    return agent
