"""Curiosity baselines of paper 004 (spec 2.6, Appendix A): ICM and RND intrinsic rewards on top of the MAPPO
backbone, normalised by a running standard deviation and added as lambda_int * r_int per agent.

Why here and not in SB3: the backbone is our own CTDE MAPPO, and both modules only need a per-step
``reward(obs, acts, next_obs)`` and their own optimiser; the spec's sizes are asserted in the tests."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from .mappo import HEADS

N_ACTIONS = int(np.prod(HEADS))        # 45 flat joint actions (move x power x beam)


def flat_action(acts: np.ndarray) -> np.ndarray:
    """(N, 3) factored actions -> flat index move * 9 + power * 3 + beam."""
    return (acts[:, 0] * HEADS[1] + acts[:, 1]) * HEADS[2] + acts[:, 2]


def mlp(*sizes: int) -> nn.Sequential:
    """Linear layers with ReLU between them (none after the last)."""
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers[:-1])


class RunningStd:
    """Welford running variance; intrinsic rewards are divided by its standard deviation (spec: 'normalised by a
    running mean and variance')."""

    def __init__(self):
        self.n, self.mean, self.m2 = 0, 0.0, 0.0

    def update(self, x: np.ndarray) -> None:
        for v in np.asarray(x, float).ravel():
            self.n += 1
            d = v - self.mean
            self.mean += d / self.n
            self.m2 += d * (v - self.mean)

    @property
    def std(self) -> float:
        return float(np.sqrt(self.m2 / (self.n - 1))) if self.n > 1 else 1.0


class ICM(nn.Module):
    """Encoder obs -> 128 -> 128; inverse [phi_t, phi_t+1] -> 256 -> 128 -> 45 logits; forward
    [phi_t, onehot(a_t)] -> 256 -> 128 -> 128. Loss (1 - beta) L_inv + beta L_fwd, beta = 0.2; trained on the
    episode's transitions in minibatches of 64 at the episode's end (cadence unstated in the paper)."""

    def __init__(self, obs_dim: int, lr: float = 1e-4, beta: float = 0.2, eta: float = 1.0, seed: int = 0):
        super().__init__()
        torch.manual_seed(seed)
        self.encoder = nn.Sequential(mlp(obs_dim, 128, 128), nn.ReLU())
        self.inverse = mlp(256, 256, 128, N_ACTIONS)
        self.forward_model = mlp(128 + N_ACTIONS, 256, 128, 128)
        self.beta, self.eta = beta, eta
        self.opt = torch.optim.Adam(self.parameters(), lr=lr)
        self.gen = torch.Generator().manual_seed(seed)
        self.buffer: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def _forward_error(self, phi, a, phi2):
        pred = self.forward_model(torch.cat([phi, nn.functional.one_hot(a, N_ACTIONS).float()], -1))
        return 0.5 * ((pred - phi2.detach()) ** 2).sum(-1)

    def _losses(self, s, a, s2):
        phi, phi2 = self.encoder(s), self.encoder(s2)
        inv = nn.functional.cross_entropy(self.inverse(torch.cat([phi, phi2], -1)), a, reduction="none")
        return inv, self._forward_error(phi, a, phi2)

    @torch.no_grad()
    def reward(self, obs: np.ndarray, acts: np.ndarray, next_obs: np.ndarray) -> np.ndarray:
        """(eta / 2) ||phi_hat(s') - phi(s')||^2 per agent; the transition is kept for the episode-end update."""
        a = flat_action(acts)
        self.buffer.append((obs, a, next_obs))
        phi, phi2 = (self.encoder(torch.as_tensor(x, dtype=torch.float32)) for x in (obs, next_obs))
        return self.eta * self._forward_error(phi, torch.as_tensor(a), phi2).numpy()   # inverse model: training only

    def end_episode(self, batch: int = 64) -> float:
        s, a, s2 = (np.concatenate(x) for x in zip(*self.buffer))
        self.buffer.clear()
        s, a, s2 = torch.as_tensor(s, dtype=torch.float32), torch.as_tensor(a), torch.as_tensor(s2, dtype=torch.float32)
        order, total = torch.randperm(len(a), generator=self.gen), 0.0
        for i in range(0, len(a), batch):
            idx = order[i:i + batch]
            inv, fwd = self._losses(s[idx], a[idx], s2[idx])
            loss = ((1 - self.beta) * inv + self.beta * fwd).mean()
            self.opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(self.parameters(), 0.5)
            self.opt.step()
            total += loss.item() * len(idx)
        return total / len(a)


class RND(nn.Module):
    """Frozen random target obs -> 128 -> 128 and a Xavier-initialised predictor of the same shape; r_int =
    ||f_hat(s') - f(s')||^2; the predictor takes one Adam step per env step on 64 recent observations."""

    def __init__(self, obs_dim: int, lr: float = 1e-4, batch: int = 64, memory: int = 1000, seed: int = 0):
        super().__init__()
        torch.manual_seed(seed)
        self.target, self.predictor = mlp(obs_dim, 128, 128), mlp(obs_dim, 128, 128)
        for p in self.target.parameters():
            p.requires_grad_(False)
        for m in self.predictor:
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)
        self.opt = torch.optim.Adam(self.predictor.parameters(), lr=lr)
        self.rng = np.random.default_rng(seed)
        self.batch, self.memory = batch, np.zeros((memory, obs_dim), np.float32)
        self.filled, self.ptr = 0, 0

    def reward(self, obs: np.ndarray, acts: np.ndarray, next_obs: np.ndarray) -> np.ndarray:
        x = torch.as_tensor(next_obs, dtype=torch.float32)
        with torch.no_grad():
            r = ((self.predictor(x) - self.target(x)) ** 2).sum(-1).numpy()
        slots = (self.ptr + np.arange(len(next_obs))) % len(self.memory)     # ring buffer, oldest overwritten
        self.memory[slots] = next_obs
        self.ptr = int(slots[-1] + 1) % len(self.memory)
        self.filled = min(self.filled + len(next_obs), len(self.memory))
        idx = self.rng.integers(0, self.filled, min(self.batch, self.filled))
        b = torch.as_tensor(self.memory[idx])
        loss = ((self.predictor(b) - self.target(b)) ** 2).sum(-1).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return r

    def end_episode(self) -> float:
        return 0.0


class Curiosity:
    """An ICM or RND module plus the running normalisation: ``bonus(...)`` returns lambda_int * r_int / std."""

    def __init__(self, kind: str, obs_dim: int, lam: float = 0.05, seed: int = 0):
        if kind not in ("icm", "rnd"):
            raise ValueError(f"curiosity kind must be 'icm' or 'rnd', got {kind!r}")
        self.module = ICM(obs_dim, seed=seed) if kind == "icm" else RND(obs_dim, seed=seed)
        self.lam, self.norm = lam, RunningStd()

    def bonus(self, obs, acts, next_obs) -> np.ndarray:
        r = self.module.reward(obs, acts, next_obs)
        self.norm.update(r)
        return self.lam * r / max(self.norm.std, 1e-8)

    def end_episode(self) -> float:
        return self.module.end_episode()

    def n_params(self) -> int:
        return sum(p.numel() for p in self.module.parameters())
