"""Vanilla policy gradient (REINFORCE) on CartPole-v1: qrlbench E8 / Fig. 9 (spec 001 section 1.2 [A]).

The paper gives no setup for this experiment, so everything here is the spec's recommendation: batches of 10
episodes per update, gamma 0.99, Adam, returns-to-go without a baseline, greedy validation on fresh episodes
after each update (V = mean return / 500), and S counted in episodes. Policies: a classical C[w-1] (4 -> w -> 2,
ReLU, softmax) and the 4-qubit raw-VQC with global-parity read-out, P(a = 0) = (1 + <Z Z Z Z>) / 2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import gymnasium as gym
import numpy as np
import torch
from torch import nn

from ...quantum.ansatz import raw_vqc_circuit
from ...quantum.backends import simulator
from .config import parse_model_id

OBS_SCALE = (2.4, 2.5, 0.21, 2.5)   # CartPole inputs divided by these before the policy (spec 1.2 [A])
MAX_RETURN = 500.0                  # CartPole-v1 time limit
INITS = ("uniform", "zeros")        # raw-VQC variational angles at the start


class ClassicalPolicy(nn.Module):
    """4 -> width (ReLU) x depth -> 2 logits; C16-1 has 114 parameters."""

    def __init__(self, width: int, depth: int):
        super().__init__()
        layers, d = [], 4
        for _ in range(depth):
            layers += [nn.Linear(d, width), nn.ReLU()]
            d = width
        self.net = nn.Sequential(*layers, nn.Linear(d, 2))
        self.register_buffer("scale", torch.tensor(OBS_SCALE, dtype=torch.float32), persistent=False)

    def probs(self, obs: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.net(obs.float() / self.scale), -1)


class RawVQCPolicy(nn.Module):
    """raw-VQC (Meyer et al. 2023a): 8 * depth + 8 variational angles, 8 * depth input scalings (lambda, lambda')."""

    def __init__(self, depth: int = 1, backend: str = "kernel", init: str = "uniform", seed: int = 0):
        super().__init__()
        if init not in INITS:
            raise ValueError(f"qrlbench.cartpole.vpg.quantum_init must be one of {', '.join(INITS)}, got {init!r}")
        self.depth = depth
        self.circuit = raw_vqc_circuit(4, depth)
        self.sim = simulator(self.circuit, backend, torch.float64, "qrlbench.quantum_backend")
        g = torch.Generator().manual_seed(seed)
        w = torch.rand(self.circuit.n_weights, generator=g, dtype=torch.float64)
        # uniform: angles in [-pi, pi). zeros: with all angles 0 the greedy policy already balances the pole
        # (P(a=0) moves with the pole's angle and angular velocity), so nothing would be learned.
        self.weights = nn.Parameter((2 * w - 1) * math.pi if init == "uniform" else 0 * w)
        self.scaling = nn.Parameter(torch.ones(depth, 4, 2, dtype=torch.float64))
        self.register_buffer("scale", torch.tensor(OBS_SCALE, dtype=torch.float64), persistent=False)

    def probs(self, obs: torch.Tensor) -> torch.Tensor:
        s = obs.double() / self.scale                                              # (B, 4)
        angles = (self.scaling[None] * s[:, None, :, None]).reshape(len(s), -1)     # layer, qubit, (RY, RZ)
        p0 = (1 + self.sim(angles, self.weights)[:, 0]) / 2
        return torch.stack([p0, 1 - p0], -1)


def build_policy(model_id: str, backend: str = "kernel", seed: int = 0, quantum_init: str = "uniform") -> nn.Module:
    """``C16-1`` = classical width 16, one hidden layer; ``Q4-1`` = 4-qubit raw-VQC of depth 1."""
    kind, a, b = parse_model_id(model_id, "qrlbench.cartpole.models")
    if kind == "C":
        with torch.random.fork_rng():           # seeded layer init without touching the caller's global RNG
            torch.manual_seed(seed)
            return ClassicalPolicy(a, b)
    if a != 4:
        raise ValueError("qrlbench.cartpole.models: the raw-VQC has one qubit per CartPole input (Q4-l), "
                         f"got {model_id!r}")
    return RawVQCPolicy(b, backend, quantum_init, seed)


@dataclass
class VPGConfig:
    """CartPole VPG's settings: params.yaml ``qrlbench.cartpole.vpg``, the lr the model's kind picks there."""
    lr: float
    batch_episodes: int
    gamma: float
    val_episodes: int


def returns_to_go(rewards: np.ndarray, gamma: float) -> np.ndarray:
    """G_t = sum_{k >= t} gamma^(k - t) r_k."""
    out = np.empty(len(rewards))
    acc = 0.0
    for t in range(len(rewards) - 1, -1, -1):
        acc = rewards[t] + gamma * acc
        out[t] = acc
    return out


class VPG:
    """Epoch = one policy-gradient update from ``batch_episodes`` episodes, then greedy validation. Same interface
    as the DDQN / PPO trainers (``run_epoch() -> V``, ``steps_per_epoch``); picklable, so a killed run resumes
    with identical numbers (the environments are rebuilt; every episode is reset from a stored RNG)."""

    def __init__(self, policy: nn.Module, cfg: VPGConfig, seed: int):
        self.policy, self.cfg = policy, cfg
        self.opt = torch.optim.Adam(policy.parameters(), lr=cfg.lr)
        train, val, act = np.random.SeedSequence(seed).spawn(3)
        self.rng_train, self.rng_val = np.random.default_rng(train), np.random.default_rng(val)
        self.gen = torch.Generator().manual_seed(int(act.generate_state(1)[0]))
        self.steps_per_epoch = cfg.batch_episodes      # S is counted in episodes (spec 1.2)
        self.env_steps = 0
        self._envs = []

    def __getstate__(self):
        state = {k: v for k, v in self.__dict__.items() if k not in ("_envs", "gen")}
        return {**state, "_gen": self.gen.get_state()}

    def __setstate__(self, state):
        gen = state.pop("_gen")
        self.__dict__.update(state, _envs=[])
        self.gen = torch.Generator()
        self.gen.set_state(gen)

    def _rollout(self, n: int, rng: np.random.Generator, greedy: bool):
        """n episodes in lock step (one policy call per step for all live episodes): per-episode obs, actions,
        rewards."""
        while len(self._envs) < n:
            self._envs.append(gym.make("CartPole-v1"))
        envs = self._envs[:n]
        obs = np.stack([e.reset(seed=int(s))[0] for e, s in zip(envs, rng.integers(2**31, size=n))])
        trajs = [([], [], []) for _ in range(n)]
        alive = np.ones(n, bool)
        while alive.any():
            idx = np.flatnonzero(alive)
            with torch.no_grad():
                p = self.policy.probs(torch.as_tensor(obs[idx]))
            acts = p.argmax(1) if greedy else torch.multinomial(p.float(), 1, generator=self.gen)[:, 0]
            for i, a in zip(idx, acts.tolist()):
                o, r, term, trunc, _ = envs[i].step(a)
                trajs[i][0].append(obs[i].copy())
                trajs[i][1].append(a)
                trajs[i][2].append(r)
                obs[i] = o
                alive[i] = not (term or trunc)
        return trajs

    def run_epoch(self) -> float:
        cfg = self.cfg
        trajs = self._rollout(cfg.batch_episodes, self.rng_train, greedy=False)
        obs = torch.as_tensor(np.concatenate([np.asarray(o) for o, _, _ in trajs]))
        acts = torch.as_tensor(np.concatenate([a for _, a, _ in trajs]))
        ret = torch.as_tensor(np.concatenate([returns_to_go(np.asarray(r), cfg.gamma) for _, _, r in trajs]))
        logp = torch.log(self.policy.probs(obs).gather(1, acts[:, None])[:, 0].clamp_min(1e-12))
        loss = -(logp * ret.to(logp.dtype)).sum() / cfg.batch_episodes
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.env_steps += len(acts)
        val = self._rollout(cfg.val_episodes, self.rng_val, greedy=True)
        return float(np.mean([len(r) for _, _, r in val])) / MAX_RETURN

    def n_params(self) -> int:
        return sum(p.numel() for p in self.policy.parameters() if p.requires_grad)

