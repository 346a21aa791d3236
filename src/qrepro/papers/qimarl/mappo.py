"""CTDE MAPPO with parameter sharing (paper 004 backbone, spec 2.6): a factored actor (move 5 / power 3 / beam 3
heads) on local 126-dim observations and a centralised critic V(s, i) on the global state plus an agent one-hot.

An additive logit bias on the movement head (QI-MARL's QAOA prior, eqs. 5.21-5.22) is stored with each sample,
so the PPO ratio uses the biased log-probabilities as the spec requires."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

HEADS = (5, 3, 3)


@dataclass(frozen=True)
class PPOConfig:
    """MAPPO's settings; their values (and what each means) are params.yaml ``qimarl.ppo``."""
    actor_lr: float
    critic_lr: float
    gamma: float
    lam: float
    clip: float
    entropy_coef: float
    epochs: int
    minibatches: int
    max_grad_norm: float


class Heads:
    """The factored policy's three categorical heads: exactly the arithmetic of torch's ``Categorical`` (normalised
    logits, softmax, gathered log-probabilities, clamped entropy), in the same order, so gradients accumulate
    identically, without its per-call argument checks, which cost more than the math for one team's ten agents."""

    def __init__(self, logits: list[torch.Tensor]):
        self.logits = [lg - lg.logsumexp(dim=-1, keepdim=True) for lg in logits]
        self._probs = [None] * len(self.logits)

    def probs(self, k: int) -> torch.Tensor:
        """Head k's softmax, computed once (sampling and the entropy both read it)."""
        if self._probs[k] is None:
            self._probs[k] = nn.functional.softmax(self.logits[k], dim=-1)
        return self._probs[k]

    def log_prob(self, acts: torch.Tensor) -> torch.Tensor:
        """Summed log-probability of (batch, 3) actions."""
        return sum(lg.gather(-1, acts[:, k].long().unsqueeze(-1)).squeeze(-1) for k, lg in enumerate(self.logits))

    def entropy(self) -> torch.Tensor:
        """Summed entropy per sample (nats)."""
        floor = torch.finfo(self.logits[0].dtype).min
        return sum(-(torch.clamp(lg, min=floor) * self.probs(k)).sum(-1) for k, lg in enumerate(self.logits))


class Actor(nn.Module):
    def __init__(self, obs_dim: int):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
        self.heads = nn.ModuleList(nn.Linear(64, k) for k in HEADS)

    def logits(self, obs: torch.Tensor, move_bias: torch.Tensor | None = None) -> list[torch.Tensor]:
        """The layers' own functions (linear, relu) called directly: the same kernels as calling the modules,
        without the module-call overhead that costs more than the arithmetic at one team's ten rows."""
        first, _, second, _ = self.body
        h = torch.relu(F.linear(torch.relu(F.linear(obs, first.weight, first.bias)), second.weight, second.bias))
        logits = [F.linear(h, head.weight, head.bias) for head in self.heads]
        if move_bias is not None:
            logits[0] = logits[0] + move_bias
        return logits

    def forward(self, obs: torch.Tensor,
                move_bias: torch.Tensor | None = None) -> list[torch.distributions.Categorical]:
        return [torch.distributions.Categorical(logits=lg) for lg in self.logits(obs, move_bias)]


class Critic(nn.Module):
    """V(s, i) on the global state concatenated with agent i's one-hot. The first layer is applied in two parts,
    W [s; 0] + W [0; e_i] + b, so that an update evaluates the state's part once per time step rather than once
    per (step, agent) row: the ten agents of a step share its state. Both parts come from one product of W with
    the T zero-padded states stacked over the n one-hots (:meth:`inputs`), so W's gradient is that product's, not
    a sum of slices of it; W [0; e_i] is W's column exactly. Same parameters, same function; only the rounding of
    the first layer's sum differs from the concatenated product."""

    def __init__(self, state_dim: int, n_agents: int):
        super().__init__()
        self.n_agents = n_agents
        self.net = nn.Sequential(nn.Linear(state_dim + n_agents, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                                 nn.Linear(128, 1))

    def inputs(self, states: torch.Tensor) -> torch.Tensor:
        """(T + n, state_dim + n): the (T, state_dim) states padded with zeros, then one row [0; e_i] per agent."""
        n, (steps, dim) = self.n_agents, states.shape
        x = torch.zeros(steps + n, dim + n)
        x[:steps, :dim] = states
        x[steps:, dim:] = torch.eye(n)
        return x

    def parts(self, x: torch.Tensor) -> torch.Tensor:
        """The first layer's product without its bias, one row per row of :meth:`inputs`."""
        return x @ self.net[0].weight.T

    def head(self, parts: torch.Tensor, step: torch.Tensor, agent: torch.Tensor) -> torch.Tensor:
        """V for (step, agent) pairs from the rows of :meth:`parts`."""
        h = parts[step] + parts[len(parts) - self.n_agents + agent] + self.net[0].bias
        return self.net[1:](h).squeeze(-1)

    def forward(self, state: torch.Tensor, agent: torch.Tensor) -> torch.Tensor:
        return self.head(self.parts(self.inputs(state)), torch.arange(len(state)), agent)


class MAPPO:
    _np_actor: tuple[np.ndarray, ...] | None = None      # :meth:`_numpy_actor`'s arrays (a class default: checkpoints
                                                         # written before it existed load too)

    def __init__(self, obs_dim: int, state_dim: int, n_agents: int, cfg: PPOConfig, seed: int = 0):
        torch.manual_seed(seed)
        self.cfg, self.n = cfg, n_agents
        self.actor, self.critic = Actor(obs_dim), Critic(state_dim, n_agents)
        # fused steps: one pass over each group's parameters instead of a dozen multi-tensor ones (the same update
        # rule; its rounding differs from the multi-tensor step's)
        self.opt_a = torch.optim.Adam(self.actor.parameters(), lr=cfg.actor_lr, fused=True)
        self.opt_c = torch.optim.Adam(self.critic.parameters(), lr=cfg.critic_lr, fused=True)
        self.gen = torch.Generator().manual_seed(seed)
        self.buffer: list[dict] = []

    def _numpy_actor(self) -> tuple[np.ndarray, ...]:
        """The actor's layers as float32 numpy arrays for :meth:`act`: the body's as views of its parameters, the
        three heads' stacked into one (11, 64) layer. Kept until :meth:`update` changes the weights; never
        checkpointed (views would come back as copies that no longer follow the parameters)."""
        if self._np_actor is None:
            first, _, second, _ = self.actor.body
            heads = self.actor.heads
            body = (first.weight, first.bias, second.weight, second.bias)
            self._np_actor = tuple(t.detach().numpy() for t in body) + (
                np.concatenate([h.weight.detach().numpy() for h in heads]),
                np.concatenate([h.bias.detach().numpy() for h in heads]))
        return self._np_actor

    def __getstate__(self):
        return {**self.__dict__, "_np_actor": None}

    def act(self, obs: np.ndarray, move_bias: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, float]:
        """Sample (n_agents, 3) actions; returns actions, summed log-probs and the mean policy entropy (nats).
        In float32 numpy: at one team's ten rows torch's per-operation dispatch costs more than the arithmetic
        (391 vs 155 us a call here, side by side). Each head samples as torch.multinomial does, argmax of p / E
        with E exponential draws from the agent's generator, so the checkpointed generator still holds the stream.
        The PPO ratio's log-probabilities are recomputed by torch; the two agree to float32 rounding."""
        w1, b1, w2, b2, wh, bh = self._numpy_actor()
        h = np.maximum(np.asarray(obs, np.float32) @ w1.T + b1, 0)
        logits = np.maximum(h @ w2.T + b2, 0) @ wh.T + bh
        if move_bias is not None:
            logits[:, :HEADS[0]] += move_bias
        n = len(logits)
        acts, logp, entropy = np.empty((n, len(HEADS)), np.int64), np.zeros(n, np.float32), np.zeros(n, np.float32)
        start = 0
        for k, size in enumerate(HEADS):
            lg = logits[:, start:start + size]
            top = lg.max(-1, keepdims=True)
            lg = lg - (top + np.log(np.exp(lg - top).sum(-1, keepdims=True)))     # log-softmax
            probs = np.exp(lg)
            draws = torch.empty(n, size).exponential_(generator=self.gen).numpy()
            acts[:, k] = (probs / draws).argmax(-1)
            logp += lg[np.arange(n), acts[:, k]]
            entropy -= (lg * probs).sum(-1)
            start += size
        return acts, logp, float(entropy.mean())

    def store(self, obs, state, acts, logp, rewards, move_bias=None) -> None:
        self.buffer.append({"obs": obs, "state": state, "acts": acts, "logp": logp, "rew": np.asarray(rewards, float),
                            "bias": np.zeros((self.n, HEADS[0])) if move_bias is None else move_bias})

    def update(self, last_state: np.ndarray) -> dict:
        """One PPO update on the stored episode (GAE per agent, bootstrapped at the time limit)."""
        cfg, T, n = self.cfg, len(self.buffer), self.n
        agents = torch.arange(n)
        states = torch.as_tensor(np.stack([b["state"] for b in self.buffer] + [last_state]), dtype=torch.float32)
        critic_in = self.critic.inputs(states)
        with torch.no_grad():
            values = self.critic.head(self.critic.parts(critic_in), torch.arange(T + 1).repeat_interleave(n),
                                      agents.repeat(T + 1)).reshape(T + 1, n)
        adv = torch.from_numpy(gae(np.stack([b["rew"] for b in self.buffer]).astype(np.float32), values.numpy(),
                                   cfg.gamma, cfg.lam))
        ret = (adv + values[:T]).reshape(-1)
        obs = torch.as_tensor(np.concatenate([b["obs"] for b in self.buffer]), dtype=torch.float32)
        acts = torch.as_tensor(np.concatenate([b["acts"] for b in self.buffer]))
        old = torch.as_tensor(np.concatenate([b["logp"] for b in self.buffer]), dtype=torch.float32)
        bias = torch.as_tensor(np.concatenate([b["bias"] for b in self.buffer]), dtype=torch.float32)
        step, ag = torch.arange(T).repeat_interleave(n), agents.repeat(T)      # row r: step r // n, agent r % n
        adv = adv.reshape(-1)
        stats = {"approx_kl": 0.0, "value_loss": 0.0}
        idx = torch.arange(T * n)
        for _ in range(cfg.epochs):
            perm = idx[torch.randperm(T * n, generator=self.gen)]
            for mb in perm.chunk(cfg.minibatches):
                a_mb = adv[mb]
                a_mb = (a_mb - a_mb.mean()) / (a_mb.std() + 1e-8)
                heads = Heads(self.actor.logits(obs[mb], bias[mb]))
                logp = heads.log_prob(acts[mb])
                ratio = torch.exp(logp - old[mb])
                loss_pi = -torch.min(ratio * a_mb, torch.clamp(ratio, 1 - cfg.clip, 1 + cfg.clip) * a_mb).mean()
                loss_pi = loss_pi - cfg.entropy_coef * heads.entropy().mean()
                v = self.critic.head(self.critic.parts(critic_in), step[mb], ag[mb])
                loss_v = 0.5 * ((v - ret[mb]) ** 2).mean()
                # one backward pass for both losses: the networks share no parameter, so each gets its own
                # loss's gradient exactly, with half the autograd engine's per-call work
                self.opt_a.zero_grad()
                self.opt_c.zero_grad()
                (loss_pi + loss_v).backward()
                for net, opt in ((self.actor, self.opt_a), (self.critic, self.opt_c)):
                    clip_grad_norm(list(net.parameters()), cfg.max_grad_norm)
                    opt.step()
                stats["approx_kl"] = float((old[mb] - logp).mean().detach())
                stats["value_loss"] = float(loss_v.detach())
        self.buffer, self._np_actor = [], None
        return stats


def gae(rew: np.ndarray, values: np.ndarray, gamma: float, lam: float) -> np.ndarray:
    """(T, n) generalised advantage estimates from (T, n) rewards and (T + 1, n) values, in float32 numpy: the
    same elementwise float32 arithmetic as torch's, without a hundred small tensor operations per update."""
    adv = np.zeros_like(rew)
    run = np.zeros_like(rew[0])
    for t in reversed(range(len(rew))):
        run = (rew[t] + gamma * values[t + 1] - values[t]) + gamma * lam * run
        adv[t] = run
    return adv


def clip_grad_norm(params: list[torch.Tensor], max_norm: float) -> torch.Tensor:
    """``nn.utils.clip_grad_norm_``'s arithmetic (per-tensor 2-norms, their 2-norm, grads scaled by
    min(1, max_norm / (norm + 1e-6))) with multi-tensor norms and scaling, which it uses only on GPUs: the same
    values at half the per-call cost on these ten-tensor networks."""
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.linalg.vector_norm(torch.stack(torch._foreach_norm(grads)))
    torch._foreach_mul_(grads, torch.clamp(max_norm / (total + 1e-6), max=1.0))
    return total


def count_params(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())
