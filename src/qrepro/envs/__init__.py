"""Gymnasium environments, one module per paper."""

from .dss import DSSEnv, dss_reward

__all__ = ["DSSEnv", "dss_reward"]
