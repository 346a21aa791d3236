"""CQDT (paper 002) one-shot defence loop: O-RAN telemetry -> encoded/probe entangled state -> benign + attack CPTP
channels -> observables (F, S, D) -> defence action -> post-action observables and reward.

Spec 002 resolutions: scenario sets T12 / TYPED / T13 (1.7), benign background noise U(0, benign_max) per channel
and episode, action semantics reinit / entrec / pcollapse (3.2), AR(1) telemetry with attack mean shifts (1.2)."""

from __future__ import annotations

from dataclasses import dataclass

import gymnasium as gym
import numpy as np

from . import density as dm

ACTIONS = ("reinit", "entrec", "pcollapse")
ENCODINGS = ("encoded", "probe")
CHANNELS = ("pf", "bf", "dep", "ad")        # application order PF -> BF -> DEP -> AD (spec 1.5)
# Table 12 (Figs. 6-8): (p_bitflip, gamma)
T12 = {"S1": (0.05, 0.05), "S2": (0.10, 0.05), "S3": (0.05, 0.10), "S4": (0.15, 0.0), "S5": (0.0, 0.15),
       "S6": (0.10, 0.10), "S7": (0.15, 0.10), "S8": (0.10, 0.15), "S9": (0.15, 0.15)}
# Table 10 typed scenarios: channel and intensity bin
BINS = {"low": (0.05, 0.20), "mid": (0.20, 0.35), "high": (0.35, 0.50)}
TYPED = {f"S{3 * c + b + 1}": (ch, level) for c, ch in enumerate(("bf", "pf", "ad"))
         for b, level in enumerate(("low", "mid", "high"))}
T13 = {"BF": "bf", "PF": "pf", "AD": "ad"}
SCENARIO_SETS = ("T12", "TYPED", "T13")

# Telemetry (spec 1.2): name, nominal mean, stationary sd; beam_id is i.i.d. uniform over 16 beams
FEATURES = (("PRB_util", 55.0, 10.0), ("SNR_dB", 18.0, 3.0), ("EVM", 4.0, 1.0), ("beam_id", 7.5, 4.61),
            ("sched_load", 0.6, 0.1), ("HARQ_retx", 0.05, 0.02), ("CP_latency_ms", 5.0, 1.0),
            ("UP_latency_ms", 2.0, 0.5))
SIGNATURES = {"bf": {"SNR_dB": -1, "EVM": +1, "HARQ_retx": +1}, "pf": {"CP_latency_ms": +1, "UP_latency_ms": +1},
              "ad": {"sched_load": +1, "PRB_util": +1}}


@dataclass(frozen=True)
class LoopConfig:
    """One loop's settings: the state and the tier's steps per episode, the rest params.yaml ``cqdt.loop``."""
    state: str
    n: int
    encoding: str
    steps: int
    benign_max: float
    weights: tuple[float, float, float]       # alpha, beta, delta (paper: unstated)
    thresholds: tuple[float, float, float]
    phi: float
    kappa: float
    clip: float

    @classmethod
    def from_params(cls, loop: dict, state: str, steps: int, **overrides) -> "LoopConfig":
        """From params.yaml ``cqdt.loop`` (lists as tuples), a state and the steps per episode."""
        return cls(**{**loop, "weights": tuple(loop["weights"]), "thresholds": tuple(loop["thresholds"]),
                      "state": state, "steps": steps, **overrides})

    def __post_init__(self):
        if self.state not in ("ghz", "cluster"):
            raise ValueError(f"cqdt: state must be one of ghz, cluster; got {self.state!r}")
        if self.encoding not in ENCODINGS:
            raise ValueError(f"cqdt: encoding must be one of {', '.join(ENCODINGS)}; got {self.encoding!r}")
        if 2 ** self.n < len(FEATURES) and self.encoding == "encoded":
            raise ValueError(f"cqdt: encoded mode needs 2^n >= {len(FEATURES)} amplitudes, got n={self.n}")


def _trunc_normal(rng, lo, hi, mean=0.3, sd=0.1) -> float:
    while True:
        g = rng.normal(mean, sd)
        if lo <= g <= hi:
            return float(g)


def attack_params(scenario_set: str, name: str, rng: np.random.Generator) -> dict:
    """Attack strengths {pf, bf, dep, ad} and the channel label of one episode (NONE: no attack)."""
    p = dict.fromkeys(CHANNELS, 0.0)
    if name == "NONE":
        return {**p, "label": "NONE"}
    if scenario_set == "T12":
        p["bf"], p["ad"] = T12[name]
        label = "BF" if p["ad"] == 0 else "AD" if p["bf"] == 0 else "BF+AD"
        return {**p, "label": label}
    if scenario_set == "T13":
        p[T13[name]] = 0.3
        return {**p, "label": name}
    if scenario_set == "TYPED":
        ch, level = TYPED[name]
        lo, hi = BINS[level]
        p[ch] = _trunc_normal(rng, lo, hi) if ch == "ad" else float(rng.uniform(lo, hi))
        return {**p, "label": ch.upper()}
    raise ValueError(f"cqdt: scenario set must be one of {', '.join(SCENARIO_SETS)}; got {scenario_set!r}")


def scenario_names(scenario_set: str, with_none: bool) -> list[str]:
    names = {"T12": list(T12), "TYPED": list(TYPED), "T13": list(T13)}[scenario_set]
    return names + ["NONE"] * with_none


def telemetry(cfg: LoopConfig, attack: dict, rng: np.random.Generator) -> np.ndarray:
    """(steps, 8) KPIs: AR(1) per feature around the nominal mean, shifted by kappa sd where an attack acts."""
    mu = np.array([f[1] for f in FEATURES])
    sd = np.array([f[2] for f in FEATURES])
    names = [f[0] for f in FEATURES]
    shift = np.zeros(len(FEATURES))
    for ch, sig in SIGNATURES.items():
        if attack[ch] > 0:
            for feat, sign in sig.items():
                shift[names.index(feat)] += sign * cfg.kappa
    out = np.empty((cfg.steps, len(FEATURES)))
    z = rng.normal(size=len(FEATURES))
    for t in range(cfg.steps):
        z = cfg.phi * z + np.sqrt(1 - cfg.phi ** 2) * rng.normal(size=len(FEATURES))
        out[t] = mu + sd * (z + shift)
    out[:, names.index("beam_id")] = rng.integers(0, 16, cfg.steps)
    return out


def preprocess(kpis: np.ndarray, clip: float) -> np.ndarray:
    """Eq. 11 with frozen nominal statistics: z-score, clip to [-c, c], min-max to [0, 1]."""
    mu = np.array([f[1] for f in FEATURES])
    sd = np.array([f[2] for f in FEATURES])
    return (np.clip((kpis - mu) / sd, -clip, clip) + clip) / (2 * clip)


def _noise(rho: np.ndarray, n: int, benign: dict, attack: dict) -> np.ndarray:
    for strengths in (benign, attack):
        for ch in CHANNELS:
            if strengths.get(ch, 0.0) > 0:
                kraus = {"pf": dm.phase_flip, "bf": dm.bit_flip, "dep": dm.depolarizing, "ad": dm.amplitude_damping}[ch]
                rho = dm.apply_iid(rho, kraus(strengths[ch]), n)
    return rho


def _actions(v: np.ndarray, rho: np.ndarray, n: int, gamma_hat: float) -> tuple[list[np.ndarray], float]:
    """Post-action states for reinit (E(rho) again: equal in expectation), entrec (uncompute, reset the non-root
    qubits, recompute) and pcollapse (weak-measurement reversal diag(sqrt(1 - gamma_hat), 1), post-selected)."""
    back = v.conj().T @ rho @ v
    back = dm.apply_iid(back, dm.RESET, n, qubits=range(1, n))
    entrec = v @ back @ v.conj().T
    m = dm.local_operator(np.diag([np.sqrt(1 - gamma_hat), 1.0]).astype(complex), n)
    pc = m @ rho @ m.conj().T
    success = float(np.real(np.trace(pc)))
    return [rho, entrec, pc / success], success


def simulate_episode(cfg: LoopConfig, attack: dict, rng: np.random.Generator) -> dict:
    """One episode of the one-shot loop: the state is re-prepared every step (Algorithm 3 calls Algorithm 1).

    Returns pre (T, 3) observables, post (T, actions, 3), reward (T, actions), success (T,), kpis (T, 8)."""
    benign = {ch: float(rng.uniform(0, cfg.benign_max)) for ch in ("pf", "bf", "ad")}
    kpis = telemetry(cfg, attack, rng)
    x = preprocess(kpis, cfg.clip)
    u_ent = dm.entangler(cfg.state, cfg.n)
    gamma_hat = 1 - (1 - benign["ad"]) * (1 - attack["ad"])     # the twin knows T1 (Eq. 14)
    w = np.asarray(cfg.weights)
    pre = np.empty((cfg.steps, 3))
    post = np.empty((cfg.steps, len(ACTIONS), 3))
    success = np.empty(cfg.steps)
    for t in range(cfg.steps):
        if cfg.encoding == "probe" and t > 0:          # identical every step: the telemetry does not enter
            pre[t], post[t], success[t] = pre[0], post[0], success[0]
            continue
        v = u_ent
        if cfg.encoding == "encoded":
            amp = np.zeros(2 ** cfg.n)
            amp[:len(x[t])] = x[t]
            v = u_ent @ dm.amplitude_unitary(amp)
        psi = v[:, 0]
        rho = _noise(np.outer(psi, psi.conj()), cfg.n, benign, attack)
        pre[t] = dm.observables(psi, rho)
        states, success[t] = _actions(v, rho, cfg.n, gamma_hat)
        post[t] = [dm.observables(psi, s) for s in states]
    reward = -(w[0] * (1 - post[..., 0]) + w[1] * post[..., 1] + w[2] * post[..., 2])
    return {"pre": pre, "post": post, "reward": reward, "success": success, "kpis": kpis}


def in_secure(obs: np.ndarray, thresholds) -> np.ndarray:
    """S_secure = {F >= tau_F, S <= tau_S, D <= tau_D} (Eq. 23)."""
    tf, ts, td = thresholds
    return (obs[..., 0] >= tf) & (obs[..., 1] <= ts) & (obs[..., 2] <= td)


class CQDTEnv(gym.Env):
    """Gymnasium view of the loop: observation [F, S, D] (pre-action), 3 defence actions, reward on the
    post-action state; each reset draws a scenario from ``scenarios`` and simulates its episode."""

    metadata = {"render_modes": []}

    def __init__(self, cfg: LoopConfig, scenario_set: str, scenarios: list[str], seed: int = 0):
        self.cfg, self.set, self.scenarios = cfg, scenario_set, list(scenarios)
        self.observation_space = gym.spaces.Box(low=0.0, high=float(cfg.n), shape=(3,), dtype=np.float32)
        self.action_space = gym.spaces.Discrete(len(ACTIONS))
        self._rng = np.random.default_rng(seed)
        self._ep, self._t = None, 0

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        if seed is not None:
            self._rng = np.random.default_rng(seed)
        name = self.scenarios[self._rng.integers(len(self.scenarios))]
        self._ep = simulate_episode(self.cfg, attack_params(self.set, name, self._rng), self._rng)
        self._t = 0
        return self._ep["pre"][0].astype(np.float32), {"scenario": name}

    def step(self, action):
        t, a = self._t, int(action)
        reward = float(self._ep["reward"][t, a])
        info = {"post": self._ep["post"][t, a].copy()}
        self._t += 1
        done = self._t >= self.cfg.steps
        obs = self._ep["pre"][min(self._t, self.cfg.steps - 1)].astype(np.float32)
        return obs, reward, False, done, info
