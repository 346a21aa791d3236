"""SB3 SAC / TD3 / DDPG configured as in spec 000 section 3, and QSAC = SB3 SAC with the quantum actor.

Why SB3 subclasses: the paper uses separate actor / critic / entropy learning rates (SB3 has one) and
clips QSAC's actor gradient norm to 1.0 (SB3 does not); both are added here without touching SB3's loops.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from stable_baselines3 import SAC, TD3
from stable_baselines3.common.noise import NormalActionNoise
from stable_baselines3.sac.policies import Actor, SACPolicy
from stable_baselines3.td3.policies import TD3Policy
from torch import nn

from ...sb3 import without_log_dir
from .actor import QuantumActorBody

MODELS = ("qsac", "sac", "td3", "ddpg")
# Adam's fused step: one pass over each parameter group instead of a dozen multi-tensor ops; one gradient step per
# env step makes the optimiser a tenth of a run's time. Its rounding differs from the per-tensor step's
FUSED_ADAM = {"fused": True}


class ClippedAdam(torch.optim.Adam):
    """Adam that clips the global gradient norm first (QSAC actor: max-norm 1.0 in the authors' code)."""

    def __init__(self, params, max_grad_norm: float = 1.0, **kw):
        super().__init__(params, **kw)
        self.max_grad_norm = max_grad_norm

    def step(self, closure=None):
        params = [p for g in self.param_groups for p in g["params"] if p.grad is not None]
        nn.utils.clip_grad_norm_(params, self.max_grad_norm)
        return super().step(closure)


class QuantumActor(Actor):
    """SB3 SAC actor whose MLP body is the QSAC quantum body; mean/log-std heads are Linear(18 -> 2)."""

    def __init__(self, *args, quantum: dict | None = None, **kwargs):
        kwargs["net_arch"] = []
        super().__init__(*args, **kwargs)
        self.quantum = dict(quantum or {})
        self.latent_pi = QuantumActorBody(self.features_dim, **self.quantum)
        action_dim = self.action_space.shape[0]
        self.mu = nn.Linear(self.latent_pi.out_dim, action_dim)
        self.log_std = nn.Linear(self.latent_pi.out_dim, action_dim)

    def _get_constructor_parameters(self) -> dict[str, Any]:
        data = super()._get_constructor_parameters()
        data["quantum"] = self.quantum
        return data


class _SteadyMode:
    """SB3 sets the policy's training mode two or three times per env step (collecting, predicting, training),
    each a walk over every submodule; this skips the walk when the mode is already the one asked for. No module
    here acts differently in the two modes (no dropout, no batch norm), so the arithmetic is unchanged."""

    def set_training_mode(self, mode: bool) -> None:
        if self.training != mode:
            super().set_training_mode(mode)


class MlpSACPolicy(_SteadyMode, SACPolicy):
    pass


class MlpTD3Policy(_SteadyMode, TD3Policy):
    pass


class QSACPolicy(_SteadyMode, SACPolicy):
    def __init__(self, *args, quantum: dict | None = None, actor_max_grad_norm: float = 1.0, **kwargs):
        self.quantum = dict(quantum or {})
        self.actor_max_grad_norm = actor_max_grad_norm
        super().__init__(*args, **kwargs)

    def make_actor(self, features_extractor=None) -> QuantumActor:
        actor_kwargs = self._update_features_extractor(self.actor_kwargs, features_extractor)
        return QuantumActor(quantum=self.quantum, **actor_kwargs)

    def _build(self, lr_schedule) -> None:
        super()._build(lr_schedule)
        self.actor.optimizer = ClippedAdam(self.actor.parameters(), max_grad_norm=self.actor_max_grad_norm,
                                           lr=lr_schedule(1), **self.optimizer_kwargs)

    def _get_constructor_parameters(self) -> dict[str, Any]:
        data = super()._get_constructor_parameters()
        data.update(quantum=self.quantum, actor_max_grad_norm=self.actor_max_grad_norm)
        return data


class _SplitLearningRates:
    """Gives the actor, critic and entropy-coefficient optimizers their own (constant) learning rates."""

    lr_by_role: dict[str, float]

    def _update_learning_rate(self, optimizers) -> None:
        roles = {id(self.actor.optimizer): "actor", id(self.critic.optimizer): "critic"}
        if getattr(self, "ent_coef_optimizer", None) is not None:
            roles[id(self.ent_coef_optimizer)] = "alpha"
        for opt in optimizers if isinstance(optimizers, list) else [optimizers]:
            for group in opt.param_groups:
                group["lr"] = self.lr_by_role[roles[id(opt)]]


class SplitLRSAC(_SplitLearningRates, SAC):
    pass


class SplitLRTD3(_SplitLearningRates, TD3):
    pass


ALGORITHMS = {"qsac": SplitLRSAC, "sac": SplitLRSAC, "td3": SplitLRTD3, "ddpg": SplitLRTD3}


def make_agent(model: str, env, agent_cfg: dict, quantum_cfg: dict, seed: int, buffer_size: int):
    """Build an SB3 agent for ``model`` with the spec's hyperparameters (gamma=0 replicates done=1)."""
    if model not in MODELS:
        raise ValueError(f"qsac.models entries must be among {MODELS}, got {model!r}")
    a = agent_cfg
    common = dict(learning_rate=a["actor_lr"], buffer_size=buffer_size, learning_starts=a["learning_starts"],
                  batch_size=a["batch_size"], tau=a["tau"], gamma=a["gamma"], train_freq=1, gradient_steps=1,
                  seed=seed, device="cpu", verbose=0)
    policy = dict(net_arch=list(a["hidden"]), optimizer_kwargs=dict(FUSED_ADAM))   # SB3 keeps the dict
    action_dim = env.action_space.shape[0]
    if model in ("qsac", "sac"):
        ent = "auto" if a["entropy_coef"] == "auto" else float(a["entropy_coef"])
        kwargs = dict(ent_coef=ent, target_entropy=-float(action_dim), policy_kwargs=policy)
        if model == "qsac":
            kwargs["policy_kwargs"].update(quantum=dict(quantum_cfg), actor_max_grad_norm=a["qsac_actor_max_grad_norm"])
            agent = SplitLRSAC(QSACPolicy, env, **common, **kwargs)
        else:
            agent = SplitLRSAC(MlpSACPolicy, env, **common, **kwargs)
        agent.lr_by_role = {"actor": a["actor_lr"], "critic": a["critic_lr"], "alpha": a["alpha_lr"]}
        return without_log_dir(agent)
    # SB3 scales actions to [-1, 1]; the paper's noise std is in allocation-fraction units [0, 1].
    noise = NormalActionNoise(mean=np.zeros(action_dim), sigma=np.full(action_dim, 2.0 * a["exploration_std"]))
    td3 = a["td3"] if model == "td3" else a["ddpg"]
    agent = SplitLRTD3(MlpTD3Policy, env, **common, action_noise=noise, policy_delay=a["policy_delay"],
                       target_policy_noise=td3["target_noise"], target_noise_clip=td3["target_noise_clip"],
                       policy_kwargs=dict(policy, n_critics=td3["n_critics"]))
    agent.lr_by_role = {"actor": a["actor_lr"], "critic": td3["critic_lr"]}
    return without_log_dir(agent)


def count_params(agent) -> dict[str, int]:
    """Trainable parameters of the actor and the critic(s), target copies excluded (Table II)."""
    n = lambda m: sum(p.numel() for p in m.parameters() if p.requires_grad)  # noqa: E731
    return {"n_actor_params": n(agent.actor), "n_critic_params": n(agent.critic)}
