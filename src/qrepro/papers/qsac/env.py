"""LTE/NR dynamic spectrum sharing env of the QSAC paper (spec 000 section 1), gymnasium API.

Each step splits a pool of ``n_r`` PRBs between LTE and NR; reward is -J (weighted squared relative
error) with the paper's scarcity / over-allocation branches. The demand index persists across unseeded
resets, so 1-step training episodes walk through the series in order, as in the authors' code; a seeded
reset (or ``options={"rewind": True}``) starts again at ``start_idx``.
"""

from __future__ import annotations

import gymnasium as gym
import numpy as np
from gymnasium import spaces


def dss_reward(demand, alloc, zeta: float, n_r: float, overalloc_tol: float | None = None) -> float:
    """Reward of spec 000 section 1.5 (the code's nested branches), ``alloc`` after clip and rescale.

    ``overalloc_tol=None`` is the faithful strict float32 comparison (fires on 1-ulp rounding after a
    feasible rescale); a relative tolerance such as 1e-6 (times ``n_r``) gives the clean variant.
    """
    d_l, d_n = float(demand[0]), float(demand[1])
    a = np.asarray(alloc, dtype=np.float32)
    a_l, a_n = float(a[0]), float(a[1])
    j = zeta * ((a_l - d_l) / d_l) ** 2 + (1.0 - zeta) * ((a_n - d_n) / d_n) ** 2
    total = float(a.sum(dtype=np.float32)) if overalloc_tol is None else a_l + a_n
    over = total - n_r > (0.0 if overalloc_tol is None else overalloc_tol * n_r)
    if over:
        return -j - 10.0 * j
    if d_l + d_n - n_r > 0:  # scarcity
        if a_l == 0 or a_n == 0:
            return -5.0 * j
        if a_l + a_n > n_r - 0.03:
            return -j + 10.0
        return -j + 5.0
    return -j


class DSSEnv(gym.Env):
    """Observation (2H+5,): normalised LTE history, NR history, current demands, zeta, 1.0, time index."""

    metadata = {"render_modes": []}

    def __init__(self, lte, nr, zeta: float = 0.5, n_r: float = 60.0, history_len: int = 10,
                 max_steps: int = 1, overalloc_tol: float | None = None, start_idx: int = 0):
        super().__init__()
        self.lte = np.asarray(lte, dtype=np.float32)
        self.nr = np.asarray(nr, dtype=np.float32)
        if self.lte.shape != self.nr.shape or self.lte.ndim != 1 or len(self.lte) < history_len:
            raise ValueError(f"lte and nr must be 1-D series of equal length >= history_len={history_len}")
        if np.any(self.lte <= 0) or np.any(self.nr <= 0):
            raise ValueError("demands must be strictly positive (J divides by them)")
        if not 0.0 <= zeta <= 1.0:
            raise ValueError(f"zeta must lie in [0, 1], got {zeta}")
        if n_r <= 0:
            raise ValueError(f"n_r (PRB pool) must be > 0, got {n_r}")
        self.T = len(self.lte)
        self.zeta, self.n_r, self.H = float(zeta), float(n_r), int(history_len)
        self.max_steps, self.overalloc_tol = int(max_steps), overalloc_tol
        norm = lambda x: (x - x.min()) / (x.max() - x.min() + 1e-8)  # noqa: E731
        self.lte_n, self.nr_n = norm(self.lte), norm(self.nr)
        self.observation_space = spaces.Box(0.0, 1.0, (2 * self.H + 5,), np.float32)
        self.action_space = spaces.Box(0.0, 1.0, (2,), np.float32)
        self._start_idx = int(start_idx) % self.T
        self.idx: int | None = None
        self.step_count = 0

    def _obs(self) -> np.ndarray:
        hist = (self.idx - np.arange(self.H - 1, -1, -1)) % self.T
        return np.concatenate([
            self.lte_n[hist], self.nr_n[hist],
            [self.lte_n[self.idx], self.nr_n[self.idx], self.zeta, 1.0, self.idx / (self.T - 1)],
        ]).astype(np.float32)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.step_count = 0
        if self.idx is None or seed is not None or (options or {}).get("rewind"):  # seeded reset = fresh start
            self.idx = self._start_idx
        return self._obs(), {}

    def allocate(self, action) -> np.ndarray:
        """Clip to [0,1], scale by n_r, rescale onto the pool if over-subscribed (float32, as the code)."""
        a = np.clip(np.asarray(action, dtype=np.float32), 0.0, 1.0)
        alloc = a * np.float32(self.n_r)
        s = alloc.sum(dtype=np.float32)
        if s > self.n_r:
            alloc = alloc / s * np.float32(self.n_r)
        return alloc

    def step(self, action):
        alloc = self.allocate(action)
        demand = (float(self.lte[self.idx]), float(self.nr[self.idx]))
        r = dss_reward(demand, alloc, self.zeta, self.n_r, self.overalloc_tol)
        info = {"alloc": alloc.astype(float), "demand": demand, "t_idx": self.idx,
                "raw_feasible": float(np.clip(action, 0, 1).sum()) <= 1.0}
        self.idx = (self.idx + 1) % self.T
        self.step_count += 1
        return self._obs(), float(r), False, self.step_count >= self.max_steps, info
