"""QI-MARL (paper 004, spec 2): a MAPPO team whose observations come from a GP field model, whose rewards are
shaped by the GP's UCB, and whose movement head is biased towards the targets an agent-proposal QAOA picks; the
baselines, controls and ablations of the paper are the same learner with parts swapped or removed (:data:`VARIANTS`).
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, replace

import numpy as np
import torch

from . import proposals as qp
from .curiosity import Curiosity
from .env import OBS_DIM, UAVTeamEnv, greedy_move
from .gp_field import CellGP
from .mappo import MAPPO, PPOConfig
from .offpolicy import IQL, MADDPG, OffPolicyConfig
from .world import UAVConfig


@dataclass(frozen=True)
class Variant:
    """What a method adds to the shared MAPPO backbone."""
    proposer: str | None = None    # agent-proposal solver: qaoa | exact | random | anneal (None: no prior or bonus)
    gp: bool = False               # GP field model; otherwise the empirical last-measurement maps
    shaping: bool = False          # UCB reward shaping alpha_r * s_hat + beta_r * sigma_hat
    curiosity: str | None = None   # icm | rnd intrinsic reward
    entropy: bool = True           # PPO entropy bonus
    shared: bool = True            # one team GP fed by shared memory; otherwise one GP per agent on its own data
    learner: str = "mappo"         # mappo | ddpg (MADDPG-style) | iql (independent deep Q-learning)


VARIANTS = {
    "qimarl": Variant("qaoa", gp=True, shaping=True),
    # E-ctrl (spec 5.1): the QAOA replaced by the exact argmin + Boltzmann marginals, random proposals or annealing
    "qimarl_exact": Variant("exact", gp=True, shaping=True),
    "qimarl_random": Variant("random", gp=True, shaping=True),
    "qimarl_sa": Variant("anneal", gp=True, shaping=True),
    # E-abl (Table 4): one component removed; -shared memory: each agent's own GP on its own measurements (spec 2.1)
    "qimarl_noqaoa": Variant(None, gp=True, shaping=True),
    "qimarl_nogp": Variant("qaoa", gp=False, shaping=True),
    "qimarl_noentropy": Variant("qaoa", gp=True, shaping=True, entropy=False),
    "qimarl_noshared": Variant("qaoa", gp=True, shaping=True, shared=False),
    # curiosity baselines (spec 2.6, Table 3): an intrinsic reward on the same backbone; QI_ICM = QI-MARL + ICM
    "qi_icm": Variant("qaoa", gp=True, shaping=True, curiosity="icm"),
    "icm": Variant(curiosity="icm"),
    "rnd": Variant(curiosity="rnd"),
    "ppo": Variant(),
    "ddpg": Variant(learner="ddpg"),
    "iql": Variant(learner="iql"),
}
METHODS = tuple(VARIANTS)
POOL = 10   # the centralised critic sees every G x G map average-pooled to POOL x POOL

@dataclass(frozen=True)
class QIConfig:
    """QI-MARL's settings (spec 2.3-2.5). Their values live in one place, params.yaml ``qimarl.qi``, described in the
    params schema; :meth:`from_params` builds this from there, sweeps override single knobs."""
    gp_every: int
    qaoa_every: int
    kappa_ucb: float
    alpha_h: float
    tau: float
    lam_pen: float
    d_min_m: float
    r_prop_m: float
    p: int
    shots: int
    final_shots: int
    maxiter: int
    maxiter_warm: int
    optimizer: str
    kappa_bias: float
    eps: float
    eta: float
    alpha_r: float
    beta_r: float
    ctrl_entropy_bits: float
    sa_t0: float
    sa_cooling: float
    sa_iters: int
    lam_int: float
    max_qubits: int
    cluster_above: int

    @classmethod
    def from_params(cls, qi: dict, **overrides) -> "QIConfig":
        return cls(**{**qi, **overrides})


# Named seeds of a run's random streams, so that one component's draws never shift another's (values fixed: the
# published results were drawn with them). The world, measurements, packet loss and GPS noise draw from
# np.random.default_rng([seed, k]) streams of their own (papers.qimarl.env).
LEARNER_STREAM = 1000     # torch seed of the MAPPO / MADDPG / IQL networks and their action sampling: 1000 + seed
CURIOSITY_STREAM = 2000   # torch seed of the ICM / RND networks: 2000 + seed
PROPOSAL_STREAM = 9       # numpy stream [seed, 9]: QAOA shots and seeds, random / annealed control proposals, k-means


def pool_size(g: int) -> int:
    return min(POOL, g)


@functools.cache
def _pool_blocks(g: int) -> tuple[np.ndarray, np.ndarray]:
    """np.array_split's blocks of a G-long axis into :func:`pool_size` parts: (starts, block areas), computed once
    per G (the critic state pools three maps every step)."""
    sizes = np.array([len(b) for b in np.array_split(np.arange(g), pool_size(g))])
    return np.r_[0, np.cumsum(sizes)[:-1]], np.outer(sizes, sizes)


def pooled(m: np.ndarray, g: int) -> np.ndarray:
    """Average-pool a G x G map to 10 x 10 (uneven blocks allowed; G x G itself when G < 10)."""
    starts, areas = _pool_blocks(g)
    sums = np.add.reduceat(np.add.reduceat(np.asarray(m, float).reshape(g, g), starts, 0), starts, 1)
    return (sums / areas).reshape(-1)


def at(m: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """Per-agent lookup: a team map (G^2,) at each agent's cell, or agent i's own map (N, G^2) at cells[i]."""
    return m[cells] if m.ndim == 1 else m[np.arange(len(cells)), cells]


def pooled_maps(maps, g: int) -> list[np.ndarray]:
    """The two map channels as the critic sees them: pooled, per-agent maps (-shared memory) averaged first."""
    return [pooled(m.mean(0) if m.ndim == 2 else m, g) for m in map(np.asarray, maps)]


def global_state(env: UAVTeamEnv, maps_pooled: list[np.ndarray]) -> np.ndarray:
    """Centralised-critic input (5N + 300 for G >= 10): positions, power/beam levels, relay_ok, the pooled maps
    (:func:`pooled_maps`; the critic is centralised in training either way) and coverage."""
    cfg, g = env.cfg, env.cfg.grid
    xy = np.stack(np.divmod(env.cells, g), -1) / g
    served = (env.world.links(env.cells, env.power, env.beam) >= cfg.p_th_dbm).any(0)
    ok = env.world.field.dbm[env.cells] >= cfg.s_min_dbm
    return np.concatenate([xy.reshape(-1), env.power / 2, env.beam / 2, ok.astype(float), *maps_pooled,
                           pooled(served, g)])


class QIMARL:
    """One (method, seed) learner on the UAV team: the MAPPO / MADDPG / IQL backbone plus what the method's
    :class:`Variant` adds (GP field model, UCB shaping, proposal prior, curiosity). Picklable, so a checkpoint
    restores every RNG and optimiser exactly."""

    def __init__(self, method: str, env_cfg: UAVConfig, seed: int, ppo: PPOConfig, offpolicy: OffPolicyConfig,
                 qi: QIConfig, oracle_every: int = 1, total_episodes: int = 1000):
        if method not in METHODS:
            raise ValueError(f"qimarl: method must be one of {', '.join(METHODS)}; got {method!r}")
        self.method, self.seed, self.qi, self.oracle_every = method, seed, qi, oracle_every
        self.env = UAVTeamEnv(env_cfg, world_seed=seed)
        n = env_cfg.n_uav
        v = VARIANTS[method]
        ppo = ppo if v.entropy else replace(ppo, entropy_coef=0.0)
        state_dim = 5 * n + 3 * pool_size(env_cfg.grid) ** 2
        if v.learner == "ddpg":      # exploration noise / epsilon anneal over the first half of total_episodes
            self.agent = MADDPG(OBS_DIM, state_dim, n, total_episodes, offpolicy, seed=LEARNER_STREAM + seed)
        elif v.learner == "iql":
            self.agent = IQL(OBS_DIM, n, total_episodes, offpolicy, seed=LEARNER_STREAM + seed)
        else:
            self.agent = MAPPO(OBS_DIM, state_dim, n, ppo, seed=LEARNER_STREAM + seed)
        self.proposer, self.shaping = v.proposer, v.shaping
        self.gp = None if not v.gp else CellGP(env_cfg.grid) if v.shared else [CellGP(env_cfg.grid) for _ in range(n)]
        self.curiosity = (Curiosity(v.curiosity, OBS_DIM, qi.lam_int, seed=CURIOSITY_STREAM + seed)
                          if v.curiosity else None)
        self.qaoa_rng = np.random.default_rng([seed, PROPOSAL_STREAM])
        self.candidates = qp.candidate_grid(env_cfg.grid * env_cfg.cell_m)
        self.cand_cells = self._cells_of(self.candidates)
        self.angles = None
        self.episode, self.rows, self.oracle_cache = 0, [], {}

    def _cells_of(self, xy_m: np.ndarray) -> np.ndarray:
        cfg = self.env.cfg
        ij = np.clip((xy_m // cfg.cell_m).astype(int), 0, cfg.grid - 1)
        return ij[:, 0] * cfg.grid + ij[:, 1]

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_torch_gen"] = self.agent.gen.get_state()
        state["_torch_rng"] = torch.get_rng_state()
        return state

    def __setstate__(self, state):
        gen, rng = state.pop("_torch_gen"), state.pop("_torch_rng")
        self.__dict__.update(state)
        self.agent.gen.set_state(gen)
        torch.set_rng_state(rng)

    def _maps(self):
        """(mu, sd): the team GP's posterior, one posterior per agent (N, G^2), or the empirical maps."""
        if self.gp is None:
            return self.env.empirical_maps()
        if isinstance(self.gp, list):
            mu, sd = zip(*(gp.posterior(self.env.clock) for gp in self.gp))
            return np.stack(mu), np.stack(sd)
        return self.gp.posterior(self.env.clock)

    def _gp_update(self, out: dict) -> None:
        env = self.env
        if isinstance(self.gp, list):        # own measurements only (they never cross the lossy channel)
            for i, gp in enumerate(self.gp):
                gp.update(env.cells[i], out["z"][i], env.clock)
        else:
            self.gp.update(env.cells[out["sent"]], out["z"][out["sent"]], env.clock)

    def _solve(self, w, pen) -> dict:
        qi = self.qi
        if self.proposer == "exact":
            return qp.solve_exact(w, pen, qi.ctrl_entropy_bits)
        if self.proposer == "random":
            return qp.solve_random(w, pen, self.qaoa_rng)
        if self.proposer == "anneal":
            return qp.solve_anneal(w, pen, self.qaoa_rng, qi.final_shots, qi.sa_t0, qi.sa_cooling, qi.sa_iters)
        maxiter = qi.maxiter if self.angles is None else qi.maxiter_warm
        out = qp.solve(w, pen, qi.p, qi.shots, qi.final_shots, maxiter, int(self.qaoa_rng.integers(2 ** 31)),
                       init=self.angles, optimizer=qi.optimizer)
        self.angles = out["angles"]
        return out

    def _qaoa(self, mu, sd) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict]:
        """Per-agent target cells, QAOA marginals q and z* from the current posterior (spec 2.3 steps 1-7); above
        ``cluster_above`` agents, one QAOA per spatial cluster, cross-cluster penalties ignored but counted."""
        qi, env = self.qi, self.env
        w_all = qp.candidate_weights(mu[..., self.cand_cells], sd[..., self.cand_cells], qi.kappa_ucb, qi.alpha_h,
                                     qi.tau)
        pos = (np.stack(np.divmod(env.cells, env.cfg.grid), -1) + 0.5) * env.cfg.cell_m
        c = qp.propose(pos, self.candidates, w_all, qi.r_prop_m)      # per-agent maps: each agent its own weights
        w, pen = qp.proposal_hamiltonian(at(w_all, c), self.candidates[c], qi.lam_pen, qi.d_min_m)
        n = len(w)
        groups = ([np.arange(n)] if n <= qi.cluster_above
                  else qp.clusters(pos, qi.max_qubits, int(self.qaoa_rng.integers(2 ** 31))))
        q, z, parts = np.zeros(n), np.zeros(n, int), []
        for idx in groups:
            out = self._solve(w[idx], pen[np.ix_(idx, idx)])
            q[idx], z[idx] = out["q"], out["z_star_bits"]
            parts.append(out)
        label = np.empty(n, int)
        for k, idx in enumerate(groups):
            label[idx] = k
        both = np.outer(z, z).astype(bool) & (pen > 0) & (label[:, None] != label[None, :])
        diag = {key: float(np.mean([o[key] for o in parts])) for key in ("approx_ratio", "feasible_frac")}
        diag["cross_conflicts"] = float(np.triu(both).sum())
        return self.cand_cells[c], q, z, diag

    def run_episode(self) -> dict:
        env, qi, agent = self.env, self.qi, self.agent
        cfg = env.cfg
        t0 = time.perf_counter()
        env.reset(self.episode)
        ret, cov, ovl, ent, qaoa_s, diag, intrinsic = 0.0, [], [], [], 0.0, [], []
        targets = q = z_star = None
        maps = self._maps()
        maps_pooled = pooled_maps(maps, cfg.grid)          # the critic's view, recomputed when the maps change
        obs = env.observe(maps)
        for t in range(cfg.horizon):
            bias = None
            if self.proposer and t % qi.qaoa_every == 0:
                tq = time.perf_counter()
                targets, q, z_star, d = self._qaoa(*maps)
                qaoa_s += time.perf_counter() - tq
                diag.append(d)
            if targets is not None:
                prefer = greedy_move(env, targets)
                prior = np.repeat(((1 - q) / 5)[:, None], 5, 1)
                prior[np.arange(cfg.n_uav), prefer] += q
                bias = qi.kappa_bias * np.log(prior + qi.eps)
            state = global_state(env, maps_pooled)
            acts, logp, h = agent.act(obs, bias)
            sd_before = at(maps[1], env.world.move(env.cells, acts[:, 0])) if self.shaping else None
            if t == cfg.horizon // 2 and (self.episode % self.oracle_every == 0 or not self.oracle_cache):
                self.oracle_cache["last"] = env.world.oracle()[0]
            out = env.step(acts[:, 0], acts[:, 1], acts[:, 2])
            if self.gp is not None:
                self._gp_update(out)
            last = t + 1 == cfg.horizon
            if not last or self.curiosity is not None:
                # s': the observation the agent acts on next (empirical maps every step, the GP every gp_every);
                # the time-limit bootstrap below keeps the maps the last action saw
                nxt = self._maps() if self.gp is None or (t + 1) % qi.gp_every == 0 else maps
                obs_next = env.observe(nxt)
                if not last and nxt is not maps:
                    maps, maps_pooled = nxt, pooled_maps(nxt, cfg.grid)
            r = np.full(cfg.n_uav, out["reward"])
            if self.shaping:   # sigma_hat: the GP's posterior sd, or the unvisited flag without a GP
                r = r + qi.alpha_r * np.clip(out["z"], -3, 3) / 3 + qi.beta_r * sd_before
            if self.proposer:
                r = r + qi.eta * (z_star.astype(bool) & (acts[:, 0] == prefer))
            if self.curiosity is not None:
                bonus = self.curiosity.bonus(obs, acts, obs_next)
                r = r + bonus
                intrinsic.append(bonus.mean())
            agent.store(obs, state, acts, logp, r, bias)
            ret += out["reward"]
            cov.append(out["coverage"])
            ovl.append(out["overlap"])          # cells served by 2+ UAVs: the team's coordination (C17)
            ent.append(h)
            if not last:
                obs = obs_next
        stats = agent.update(global_state(env, maps_pooled))
        if self.curiosity is not None:
            self.curiosity.end_episode()
        oracle = self.oracle_cache["last"]["reward"]
        m = env.metrics()
        row = {"method": self.method, "seed": self.seed, "episode": self.episode, "return_ext": ret,
               "coverage": float(np.mean(cov)), "coverage_final": cov[-1], "overlap": float(np.mean(ovl)),
               "signal_mean_dbm": out["signal_mean_dbm"],
               "snr_db": out["snr_db"], "exploration_ratio": m["exploration_ratio"], "oracle_step_reward": oracle,
               "oracle_coverage": self.oracle_cache["last"]["coverage"],
               "regret_ep": cfg.horizon * oracle - ret, "policy_entropy": float(np.mean(ent)),
               "approx_kl": stats["approx_kl"],
               "gp_var_mean": float(np.mean(maps[1] ** 2)) if self.gp is not None else None,
               "qaoa_time_s": qaoa_s,
               "qaoa_approx_ratio": float(np.mean([d["approx_ratio"] for d in diag])) if diag else None,
               "qaoa_feasible_frac": float(np.mean([d["feasible_frac"] for d in diag])) if diag else None,
               "qaoa_cross_conflicts": float(np.mean([d["cross_conflicts"] for d in diag])) if diag else None,
               "intrinsic_reward": float(np.mean(intrinsic)) if intrinsic else None, "msg_kb": m["msg_kb"],
               "loc_err_m": m["loc_err_m"], "episode_time_s": time.perf_counter() - t0}
        self.rows.append(row)
        self.episode += 1
        return row
