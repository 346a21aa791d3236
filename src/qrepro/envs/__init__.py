"""Environments of the papers: LTE/NR spectrum sharing (:mod:`.dss`, 000), BeamManagement6G (:mod:`.beam`, 001),
the CQDT defence loop (:mod:`.cqdt`, 002) and the UAV relay world and team (:mod:`.uav`, :mod:`.uav_env`, 004)."""

from .dss import DSSEnv, dss_reward

__all__ = ["DSSEnv", "dss_reward"]
