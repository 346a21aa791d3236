"""Paper 004's off-policy baselines (spec 2.6): MADDPG-style DDPG with a continuous proto-action mapped to the
discrete (move, power, beam) action, and independent deep Q-learning over the 45 flat actions.

Both keep MAPPO's interface (``act`` / ``store`` / ``update`` once per episode, ``gen`` for checkpoints), so
the QI-MARL trainer runs them unchanged. The spec's 20 gradient updates per episode (one every 5 env steps) are
done together at the episode's end, after a warm-up of 5 episodes."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from .curiosity import N_ACTIONS, flat_action, mlp
from .mappo import HEADS
from .world import MOVES


@dataclass(frozen=True)
class OffPolicyConfig:
    """The off-policy baselines' settings; their values (and what each means) are params.yaml ``qimarl.offpolicy``."""
    actor_lr: float                  # MADDPG actor
    critic_lr: float                 # MADDPG critic
    q_lr: float                      # IQL Q-network
    gamma: float
    tau: float
    replay: int                      # joint transitions
    batch: int
    updates_per_episode: int
    warmup_episodes: int
    noise: tuple                     # DDPG Gaussian noise, linear over the first half of training
    epsilon: tuple                   # IQL epsilon-greedy, linear over the first half of training

    @classmethod
    def from_params(cls, p: dict, **overrides) -> "OffPolicyConfig":
        return cls(**{**p, "noise": tuple(p["noise"]), "epsilon": tuple(p["epsilon"]), **overrides})


def proto_to_discrete(proto: np.ndarray) -> np.ndarray:
    """(N, 4) proto-actions in [-1, 1] -> (N, 3) discrete: hover when ||(dx, dy)|| < 1/3, else the axis move with
    the largest dot product; power and beam levels by thresholds at -1/3 and 1/3 (spec's 'nearest valid waypoint')."""
    move = np.where(np.linalg.norm(proto[:, :2], axis=1) < 1 / 3, 0, (proto[:, :2] @ MOVES[1:].T).argmax(1) + 1)
    level = lambda x: np.digitize(x, [-1 / 3, 1 / 3])  # noqa: E731
    return np.stack([move, level(proto[:, 2]), level(proto[:, 3])], 1)


def _soft_update(target: nn.Module, source: nn.Module, tau: float) -> None:
    with torch.no_grad():
        for t, s in zip(target.parameters(), source.parameters()):
            t.mul_(1 - tau).add_(tau * s)


def _anneal(pair: tuple, episode: int, total: int) -> float:
    frac = min(1.0, episode / max(1, 0.5 * total))
    return pair[0] + frac * (pair[1] - pair[0])


class _Replay:
    """Joint transitions (obs, state, action, reward, next obs, next state, done) in a ring buffer: one float32
    array per field (what sampling returns: storing float32 rounds as converting a sample did), grown as it
    fills. A checkpoint pickles seven arrays, not seven small arrays per transition (~40 s per run before)."""

    def __init__(self, size: int):
        self.size, self.cols, self.n, self.ptr = size, None, 0, 0

    def __len__(self) -> int:
        return self.n

    def __getstate__(self):
        return {**self.__dict__, "cols": None if self.cols is None else [c[:self.n] for c in self.cols]}

    def add(self, item: tuple) -> None:
        if self.cols is None:
            self.cols = [np.zeros((0,) + np.shape(x), np.float32) for x in item]
        if self.n < self.size and self.n == len(self.cols[0]):          # full below its size: double it
            grow = min(self.size, max(1024, 2 * self.n)) - self.n
            self.cols = [np.concatenate([c, np.zeros((grow,) + c.shape[1:], np.float32)]) for c in self.cols]
        for c, x in zip(self.cols, item):
            c[self.ptr] = x
        self.ptr = (self.ptr + 1) % self.size
        self.n = min(self.n + 1, self.size)

    def sample(self, rng: np.random.Generator, k: int) -> list[torch.Tensor]:
        idx = rng.integers(0, self.n, k)
        return [torch.from_numpy(c[idx]) for c in self.cols]


class _OffPolicy:
    """Shared bookkeeping: a transition closes when the next step's observation arrives (or at episode end)."""

    def __init__(self, cfg: OffPolicyConfig, n_agents: int, total_episodes: int, seed: int):
        self.cfg, self.n, self.total = cfg, n_agents, total_episodes
        self.gen = torch.Generator().manual_seed(seed)
        self.rng = np.random.default_rng(seed)
        self.replay = _Replay(cfg.replay)
        self.episode, self.pending, self._last = 0, None, None

    def store(self, obs, state, acts, logp, rewards, move_bias=None) -> None:
        if self.pending is not None:
            o, s, a, r = self.pending
            self.replay.add((o, s, a, r, obs, state, np.float32(0.0)))
        self.pending = (obs, state, self._last, np.asarray(rewards, np.float32))

    def update(self, last_state: np.ndarray) -> dict:
        o, s, a, r = self.pending                     # time limit: the last transition is treated as terminal
        self.replay.add((o, s, a, r, o, last_state, np.float32(1.0)))
        self.pending = None
        self.episode += 1
        if self.episode > self.cfg.warmup_episodes:
            for _ in range(self.cfg.updates_per_episode):
                self._gradient_step(self.replay.sample(self.rng, self.cfg.batch))
        return {"approx_kl": 0.0, "value_loss": 0.0}


class MADDPG(_OffPolicy):
    """Actor 126 -> 128 -> 64 -> 4 (tanh) per agent (shared); central critic Q(state, all 4N proto-actions)
    -> 256 -> 128 -> 1 on the team reward; soft target updates."""

    def __init__(self, obs_dim: int, state_dim: int, n_agents: int, total_episodes: int, cfg: OffPolicyConfig,
                 seed: int = 0):
        super().__init__(cfg, n_agents, total_episodes, seed)
        torch.manual_seed(seed)
        self.actor = nn.Sequential(mlp(obs_dim, 128, 64, 4), nn.Tanh())
        self.critic = mlp(state_dim + 4 * n_agents, 256, 128, 1)
        self.actor_t, self.critic_t = copy.deepcopy(self.actor), copy.deepcopy(self.critic)
        self.opt_a = torch.optim.Adam(self.actor.parameters(), lr=cfg.actor_lr)
        self.opt_c = torch.optim.Adam(self.critic.parameters(), lr=cfg.critic_lr)

    @torch.no_grad()
    def act(self, obs: np.ndarray, move_bias=None) -> tuple[np.ndarray, np.ndarray, float]:
        """Noisy proto-actions -> discrete actions; entropy of the induced discrete histogram over 32 noise draws."""
        sigma = _anneal(self.cfg.noise, self.episode, self.total)
        mu = self.actor(torch.as_tensor(obs, dtype=torch.float32)).numpy()
        draws = np.clip(mu[None] + sigma * self.rng.standard_normal((33,) + mu.shape), -1, 1)
        self._last = draws[0].astype(np.float32)
        # proto_to_discrete works row by row: the 32 diagnostic draws' N x 32 rows in one call, (N, 32) flat actions
        flat = flat_action(proto_to_discrete(draws[1:].reshape(-1, mu.shape[1]))).reshape(32, -1).T
        ent = 0.0
        for row in flat:
            p = np.bincount(row, minlength=N_ACTIONS) / len(row)
            ent -= (p[p > 0] * np.log(p[p > 0])).sum() / len(flat)
        return proto_to_discrete(self._last), np.zeros(len(obs)), float(ent)

    def _gradient_step(self, batch) -> None:
        o, s, a, r, o2, s2, d = batch
        B = len(s)
        with torch.no_grad():
            a2 = self.actor_t(o2.reshape(B * self.n, -1)).reshape(B, -1)
            y = r.mean(1) + self.cfg.gamma * (1 - d) * self.critic_t(torch.cat([s2, a2], 1)).squeeze(1)
        q = self.critic(torch.cat([s, a.reshape(B, -1)], 1)).squeeze(1)
        loss_c = ((q - y) ** 2).mean()
        self.opt_c.zero_grad()
        loss_c.backward()
        self.opt_c.step()
        mu = self.actor(o.reshape(B * self.n, -1)).reshape(B, -1)
        loss_a = -self.critic(torch.cat([s, mu], 1)).mean()
        self.opt_a.zero_grad()
        loss_a.backward()
        self.opt_a.step()
        _soft_update(self.actor_t, self.actor, self.cfg.tau)
        _soft_update(self.critic_t, self.critic, self.cfg.tau)


class IQL(_OffPolicy):
    """Independent deep Q-learning with one shared network obs -> 128 -> 64 -> 45 and epsilon-greedy actions."""

    def __init__(self, obs_dim: int, n_agents: int, total_episodes: int, cfg: OffPolicyConfig, seed: int = 0):
        super().__init__(cfg, n_agents, total_episodes, seed)
        torch.manual_seed(seed)
        self.q = mlp(obs_dim, 128, 64, N_ACTIONS)
        self.q_t = copy.deepcopy(self.q)
        self.opt = torch.optim.Adam(self.q.parameters(), lr=cfg.q_lr)

    @torch.no_grad()
    def act(self, obs: np.ndarray, move_bias=None) -> tuple[np.ndarray, np.ndarray, float]:
        eps = _anneal(self.cfg.epsilon, self.episode, self.total)
        greedy = self.q(torch.as_tensor(obs, dtype=torch.float32)).argmax(1).numpy()
        flat = np.where(self.rng.random(len(obs)) < eps, self.rng.integers(0, N_ACTIONS, len(obs)), greedy)
        self._last = flat.astype(np.float32)
        acts = np.stack(np.unravel_index(flat, HEADS), 1)
        p_best, p_other = 1 - eps + eps / N_ACTIONS, eps / N_ACTIONS
        ent = -(p_best * np.log(p_best) + (N_ACTIONS - 1) * (p_other * np.log(p_other) if p_other > 0 else 0.0))
        return acts, np.zeros(len(obs)), float(ent)

    def _gradient_step(self, batch) -> None:
        o, _, a, r, o2, _, d = batch
        o, o2, a, r = o.reshape(-1, o.shape[-1]), o2.reshape(-1, o2.shape[-1]), a.reshape(-1).long(), r.reshape(-1)
        d = d.repeat_interleave(self.n)
        with torch.no_grad():
            y = r + self.cfg.gamma * (1 - d) * self.q_t(o2).max(1).values
        loss = ((self.q(o).gather(1, a[:, None]).squeeze(1) - y) ** 2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        _soft_update(self.q_t, self.q, self.cfg.tau)
