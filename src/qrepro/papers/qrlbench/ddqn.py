"""Double DQN as in the qrlbench paper's code (spec 001 section 3.1; Tianshou 1.0 semantics), own code because
SB3's DQN is not double. Per epoch: 10 envs x 200 steps, one gradient step per 10 env steps, then greedy
validation on fresh trajectories. Target: r + gamma (1 - done) Q'(s', argmax_b Q(s', b)); plain MSE; Adam."""

from __future__ import annotations

import copy
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from .env import A3_MAIN, BeamBatch, GeneratedTables, RecordedTables, Recorder
from .models import HybridVQC


@dataclass
class DDQNConfig:
    """DDQN's settings: params.yaml ``qrlbench.ddqn`` (buffer_size and sync_every from the authors' code, Table 1 says
    1000), and the run's validation envs, horizon and trajectory degree (:func:`..run.ddqn_config` builds it)."""
    epsilon: float
    gamma: float
    batch_size: int
    buffer_size: int
    sync_every: int                # gradient steps
    lr_classical: float
    lr_quantum: float
    n_train_envs: int
    steps_per_epoch: int
    n_val_envs: int
    horizon: int
    degree: int


class Replay:
    """Circular buffer of (s, a, r, s', done); uniform sampling with replacement."""

    def __init__(self, size: int, obs_dim: int = 3):
        self.s = np.zeros((size, obs_dim), np.float32)
        self.s2 = np.zeros((size, obs_dim), np.float32)
        self.a = np.zeros(size, np.int64)
        self.r = np.zeros(size, np.float32)
        self.d = np.zeros(size, np.float32)
        self.size, self.ptr, self.full = size, 0, False

    def add_batch(self, s, a, r, s2, d) -> None:
        """Rows go to ptr, ptr + 1, ... (wrapping), as if added one at a time."""
        i = (self.ptr + np.arange(len(a))) % self.size
        self.s[i], self.a[i], self.r[i], self.s2[i], self.d[i] = s, a, r, s2, d
        self.full |= self.ptr + len(a) >= self.size
        self.ptr = (self.ptr + len(a)) % self.size

    def sample(self, rng: np.random.Generator, n: int):
        idx = rng.integers(0, self.size if self.full else self.ptr, n)
        t = torch.from_numpy
        return t(self.s[idx]), t(self.a[idx]), t(self.r[idx]), t(self.s2[idx]), t(self.d[idx])


def table_sources(cfg: DDQNConfig, seed: int, antennas=A3_MAIN) -> tuple[GeneratedTables, GeneratedTables]:
    """The training and validation episodes of seed ``seed`` as a run draws them. They depend on the seed and the
    environment alone, not on the model, so the runs of one seed can share them (:func:`record_tables`)."""
    _, _, _, train_traj, val_traj = np.random.SeedSequence(seed).spawn(5)
    return (GeneratedTables(np.random.default_rng(train_traj), antennas, cfg.degree, cfg.horizon),
            GeneratedTables(np.random.default_rng(val_traj), antennas, cfg.degree, cfg.horizon))


def record_tables(cfg: DDQNConfig, seed: int, antennas, epochs: int) -> dict[str, np.ndarray]:
    """Every episode table ``epochs`` epochs of a run at ``seed`` draw, in order ("train_*" and "val_*" arrays):
    the training batch steps and resets exactly as :meth:`DDQN.run_epoch` does (resets do not depend on the
    actions), and each validation batch as :meth:`DDQN.validate`."""
    train, val = (Recorder(s) for s in table_sources(cfg, seed, antennas))
    envs = BeamBatch(train, cfg.n_train_envs, antennas, cfg.degree, cfg.horizon)
    idle = np.zeros(cfg.n_train_envs, int)
    for _ in range(epochs):
        for _ in range(cfg.steps_per_epoch // cfg.n_train_envs):
            envs.step(idle)
        batch = BeamBatch(val, cfg.n_val_envs, antennas, cfg.degree, cfg.horizon)
        for k in range(cfg.horizon):
            batch.step(np.zeros(cfg.n_val_envs, int), reset=k + 1 < cfg.horizon)
    return {**train.arrays("train"), **val.arrays("val")}


class DDQN:
    """One training run; ``run_epoch()`` returns the epoch's validation value (mean of sum_sel/sum_opt).
    ``tables``: a file of :func:`record_tables` for this seed and environment, read instead of drawing the same
    episodes again (identical numbers)."""

    def __init__(self, model: nn.Module, cfg: DDQNConfig, seed: int, antennas=A3_MAIN, tables=None):
        self.cfg, self.antennas = cfg, antennas
        ss = np.random.SeedSequence(seed)
        init, explore, replay, _, _ = ss.spawn(5)
        self.rng_explore = np.random.default_rng(explore)
        self.rng_replay = np.random.default_rng(replay)
        train, self.val_tables = (table_sources(cfg, seed, antennas) if tables is None else
                                  (RecordedTables(tables, "train"), RecordedTables(tables, "val")))
        self.q = model
        self.q_target = copy.deepcopy(model)
        quantum = model.quantum_parameters() if isinstance(model, HybridVQC) else []
        qids = {id(p) for p in quantum}
        groups = [{"params": [p for p in model.parameters() if id(p) not in qids], "lr": cfg.lr_classical}]
        if quantum:
            groups.append({"params": quantum, "lr": cfg.lr_quantum})
        # Adam's fused step: one pass per group, where the per-tensor step's dozen small ops per tensor were a fifth of
        # a classical epoch. Its rounding differs from the per-tensor step's
        self.opt = torch.optim.Adam(groups, fused=True)
        self.buffer = Replay(cfg.buffer_size)
        self.envs = BeamBatch(train, cfg.n_train_envs, antennas, cfg.degree, cfg.horizon)
        self.grad_steps = 0
        self.A = self.envs.A
        self.steps_per_epoch = cfg.steps_per_epoch
        del init  # network init is seeded by the caller (torch.manual_seed) before building the model

    @torch.no_grad()
    def act(self, obs: np.ndarray, epsilon: float, rng) -> np.ndarray:
        greedy = self.q(torch.from_numpy(obs)).argmax(1).numpy()
        explore = rng.random(len(obs)) < epsilon
        return np.where(explore, rng.integers(0, self.A, len(obs)), greedy)

    @torch.no_grad()
    def td_target(self, r, s2, d) -> torch.Tensor:
        """Double-DQN target: the online net picks the next action, the target net evaluates it."""
        a2 = self.q(s2).argmax(1, keepdim=True)
        return r + self.cfg.gamma * (1 - d) * self.q_target(s2).gather(1, a2).squeeze(1)

    def gradient_step(self) -> float:
        c = self.cfg
        if self.grad_steps % c.sync_every == 0:
            self.q_target.load_state_dict(self.q.state_dict())
        s, a, r, s2, d = self.buffer.sample(self.rng_replay, c.batch_size)
        y = self.td_target(r, s2, d)
        loss = ((self.q(s).gather(1, a[:, None]).squeeze(1) - y) ** 2).mean()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.grad_steps += 1
        return loss.item()

    def run_epoch(self) -> float:
        c = self.cfg
        updates_per_collect = max(1, round(0.1 * c.n_train_envs))
        for _ in range(c.steps_per_epoch // c.n_train_envs):
            s = self.envs.obs.copy()
            a = self.act(s, c.epsilon, self.rng_explore)
            s2, r, done, _ = self.envs.step(a)
            self.buffer.add_batch(s, a, r, s2, done.astype(np.float32))
            for _ in range(updates_per_collect):
                self.gradient_step()
        return self.validate()

    @torch.no_grad()
    def validate(self) -> float:
        """Greedy policy on ``n_val_envs`` fresh trajectories: mean of per-episode sum_sel / sum_opt."""
        c = self.cfg
        envs = BeamBatch(self.val_tables, c.n_val_envs, self.antennas, c.degree, c.horizon)
        ratios = None
        for k in range(c.horizon):
            _, _, done, ratio = envs.step(self.act(envs.obs, 0.0, self.rng_explore), reset=k + 1 < c.horizon)
            if done.all():
                ratios = ratio
        return float(np.mean(ratios))
