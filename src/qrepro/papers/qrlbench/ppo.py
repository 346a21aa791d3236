"""qrlbench PPO (spec 001 sections 2.1, 3.3) with SB3: separate actor and critic networks, classical MLPs or
one VQC body each for the hybrid; ortho-init off, no gradient clipping, per-minibatch advantage normalisation.
Per epoch: one rollout of 10 envs x 200 steps, 10 passes of minibatch 64, then stochastic validation."""

from __future__ import annotations

import warnings

import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.policies import ActorCriticPolicy
from stable_baselines3.common.vec_env import DummyVecEnv
from torch import nn

from ...sb3 import without_log_dir
from .config import parse_model_id
from .env import BeamBatch, BeamManagement6G
from .models import VQCBody


class HybridExtractor(nn.Module):
    """SB3 ``mlp_extractor`` whose actor and critic latents are the <Z> outputs of two independent VQC bodies."""

    def __init__(self, features_dim: int, n_qubits: int, n_layers: int, backend: str = "kernel"):
        super().__init__()
        self.pi = VQCBody(n_qubits, n_layers, features_dim, backend)
        self.vf = VQCBody(n_qubits, n_layers, features_dim, backend)
        self.latent_dim_pi = self.latent_dim_vf = n_qubits

    def forward(self, features):
        return self.pi(features), self.vf(features)

    def forward_actor(self, features):
        return self.pi(features)

    def forward_critic(self, features):
        return self.vf(features)


class HybridPolicy(ActorCriticPolicy):
    def __init__(self, *args, n_qubits: int = 4, n_layers: int = 2, backend: str = "kernel", **kwargs):
        self.n_qubits, self.n_layers, self.backend = n_qubits, n_layers, backend
        super().__init__(*args, **kwargs)

    def _build_mlp_extractor(self) -> None:
        self.mlp_extractor = HybridExtractor(self.features_dim, self.n_qubits, self.n_layers, self.backend)

    def _get_constructor_parameters(self):
        return {**super()._get_constructor_parameters(), "n_qubits": self.n_qubits, "n_layers": self.n_layers,
                "backend": self.backend}


def make_ppo(model_id: str, antennas, cfg: dict, seed: int, degree: int, horizon: int, backend: str = "kernel") -> PPO:
    """SB3 PPO for ``C16-2`` / ``Q10-4`` ids; clip range from cfg['clip_classical'|'clip_quantum']."""
    kind, a, b = parse_model_id(model_id)
    quantum = kind == "Q"
    # 2000 = 31 x 64 + 16: SB3 keeps the short last minibatch (Tianshou merges it); recorded as a deviation
    warnings.filterwarnings("ignore", message="You have specified a mini-batch size")
    env = DummyVecEnv([lambda: BeamManagement6G(antennas, degree, horizon, "train") for _ in range(cfg["n_envs"])])
    common = dict(n_steps=horizon, batch_size=cfg["batch_size"], n_epochs=cfg["n_repeat"], gamma=cfg["gamma"],
                  gae_lambda=0.95, ent_coef=0.01, vf_coef=0.5, max_grad_norm=1e10, normalize_advantage=True,
                  learning_rate=cfg["lr"], clip_range=cfg["clip_quantum"] if quantum else cfg["clip_classical"],
                  seed=seed, device="cpu", verbose=0)
    if quantum:
        kwargs = dict(n_qubits=a, n_layers=b, backend=backend, ortho_init=False)
        return without_log_dir(PPO(HybridPolicy, env, policy_kwargs=kwargs, **common))
    kwargs = dict(net_arch=dict(pi=[a] * b, vf=[a] * b), activation_fn=nn.ReLU, ortho_init=False)
    return without_log_dir(PPO("MlpPolicy", env, policy_kwargs=kwargs, **common))


@torch.no_grad()
def validate_ppo(agent: PPO, rng: np.random.Generator, n_envs: int, antennas, degree: int, horizon: int) -> float:
    """Stochastic policy (Tianshou's default for PPO) on fresh trajectories: mean sum_sel / sum_opt."""
    envs = BeamBatch(rng, n_envs, antennas, degree, horizon)
    ratios = None
    for _ in range(horizon):
        actions, _ = agent.predict(envs.obs, deterministic=False)
        _, _, done, ratio = envs.step(np.asarray(actions))
        if done.all():
            ratios = ratio
    return float(np.mean(ratios))


class PPOTrainer:
    """Epoch-wise PPO training with the same interface as :class:`.ddqn.DDQN` (run_epoch -> V)."""

    def __init__(self, model_id: str, antennas, cfg: dict, seed: int, degree: int, horizon: int, n_val_envs: int,
                 backend: str = "kernel"):
        self.agent = make_ppo(model_id, antennas, cfg, seed, degree, horizon, backend)
        self.rng_val = np.random.default_rng(np.random.SeedSequence(seed).spawn(5)[4])
        self.antennas, self.degree, self.horizon, self.n_val_envs = antennas, degree, horizon, n_val_envs
        self.steps_per_epoch = cfg["n_envs"] * horizon

    def run_epoch(self) -> float:
        self.agent.learn(self.steps_per_epoch, reset_num_timesteps=False)
        return validate_ppo(self.agent, self.rng_val, self.n_val_envs, self.antennas, self.degree, self.horizon)

    def __getstate__(self):
        """Pickle everything, plus the global RNG states SB3 draws from, so a resumed run continues exactly."""
        import random

        return {**self.__dict__, "_rng": (torch.get_rng_state(), np.random.get_state(), random.getstate())}

    def __setstate__(self, state):
        import random

        t, n, r = state.pop("_rng")
        self.__dict__.update(state)
        torch.set_rng_state(t)
        np.random.set_state(n)
        random.setstate(r)
