"""Linear-softmax REINFORCE of the CQDT paper (Eqs. 33-36): 3 x 3 weights + 3 biases = 12 parameters,
episodic returns, moving-average baseline, entropy bonus, Adam, global-norm clipping, early stopping."""

from __future__ import annotations

import copy
import logging

import numpy as np
import torch

log = logging.getLogger("qrepro.cqdt")


class LinearSoftmaxPolicy(torch.nn.Module):
    def __init__(self, n_obs: int = 3, n_actions: int = 3):
        super().__init__()
        self.linear = torch.nn.Linear(n_obs, n_actions)

    def forward(self, obs: torch.Tensor) -> torch.distributions.Categorical:
        return torch.distributions.Categorical(logits=self.linear(obs))

    def act(self, obs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Sample actions for a batch of observations (numpy in, numpy out)."""
        with torch.no_grad():
            probs = self(torch.as_tensor(np.atleast_2d(obs), dtype=torch.float32)).probs.numpy()
        u = rng.random(len(probs))[:, None]
        return np.minimum((probs.cumsum(1) < u).sum(1), probs.shape[1] - 1)


def train_reinforce(env, episodes: int, lr: float, gamma: float, entropy_coef: float, max_grad_norm: float,
                    baseline_decay: float, patience: int, validate, seed: int, update: str = "episode"):
    """One update per episode (``update='episode'``, spec 3.1) or per step (Eq. 34). ``validate(policy)`` returns
    the early-stopping score (higher is better); the best policy is returned with the training log."""
    if update not in ("episode", "step"):
        raise ValueError(f"cqdt: reinforce.update must be one of episode, step; got {update!r}")
    torch.manual_seed(seed)
    policy = LinearSoftmaxPolicy()
    opt = torch.optim.Adam(policy.parameters(), lr=lr)
    baseline, best, best_state, stale, history = None, -np.inf, copy.deepcopy(policy.state_dict()), 0, []
    for ep in range(episodes):
        obs, _ = env.reset(seed=seed * 100_003 + ep)
        obs_l, act_l, rew_l, done = [], [], [], False
        while not done:
            dist = policy(torch.as_tensor(obs).unsqueeze(0))
            a = int(dist.sample().item())
            nxt, r, _, done, _ = env.step(a)
            obs_l.append(obs)
            act_l.append(a)
            rew_l.append(r)
            obs = nxt
        returns = np.zeros(len(rew_l))
        g = 0.0
        for t in reversed(range(len(rew_l))):
            g = rew_l[t] + gamma * g
            returns[t] = g
        baseline = (returns.mean() if baseline is None
                    else baseline_decay * baseline + (1 - baseline_decay) * returns.mean())
        obs_t, act_t = torch.as_tensor(np.array(obs_l)), torch.as_tensor(act_l)
        adv = torch.as_tensor(returns - baseline, dtype=torch.float32)
        batches = [slice(None)] if update == "episode" else [slice(t, t + 1) for t in range(len(act_l))]
        for b in batches:                                  # per step: the loss is rebuilt after every update
            dist = policy(obs_t[b])
            loss = (-(dist.log_prob(act_t[b]) * adv[b]) - entropy_coef * dist.entropy()).mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(policy.parameters(), max_grad_norm)
            opt.step()
        score = validate(policy)
        history.append({"episode": ep + 1, "return": float(np.sum(rew_l)), "val_score": score})
        if score > best:
            best, best_state, stale = score, copy.deepcopy(policy.state_dict()), 0
        else:
            stale += 1
            if stale >= patience:
                log.info("early stop after episode %d (patience %d)", ep + 1, patience)
                break
    policy.load_state_dict(best_state)
    return policy, history
