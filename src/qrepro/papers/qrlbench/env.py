"""BeamManagement6G (qrlbench paper, spec 001 section 1.1): pick the serving antenna for a user moving
along a random constant-speed spline; the env sweeps the 9-beam codebook of the chosen antenna.

Physics follows the authors' code (spec item 5): linear phased arrays of N_s = 17 senders, softened distance
R = sqrt(r^2 + 1), intensity I0^2 sin^2(N_s xi/2) / (N_s^2 R^4 sin^2(xi/2)) in [0, 1]. Every episode's
positions and antenna x codebook intensities are tabulated at reset, so a step is a lookup. All randomness
comes from a per-env ``np.random.Generator`` (gymnasium's ``np_random``); the global RNG is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass

import gymnasium as gym
import numpy as np
from gymnasium import spaces
from scipy.interpolate import UnivariateSpline

WORLD = 6.0
N_SENDERS = 17
CODEBOOK_PHI = np.round(np.pi * np.cos(np.linspace(0.1, np.pi - 0.1, 9)), 2)
# a3-main: (position, array-axis orientation) of the standard 3-antenna layout (authors' code)
A3_MAIN = (((1.5, 1.0), (1.0, 0.0)), ((1.5, 5.0), (-1.0, 0.0)), ((4.5, 3.0), (0.0, 1.0)))
MODES = ("train", "val", "test")


def intensity(pos: np.ndarray, ant_pos: np.ndarray, ant_axis: np.ndarray, phi: np.ndarray = CODEBOOK_PHI,
              n_s: int = N_SENDERS, i0: float = 1.0) -> np.ndarray:
    """Received intensity, shape (P, A, C), for positions (P, 2), antennas (A, 2)/(A, 2), phases (C,)."""
    d = pos[:, None, :] - ant_pos[None, :, :]                               # (P, A, 2)
    R = np.sqrt((d**2).sum(-1) + 1.0)[..., None]                            # softened distance, (P, A, 1)
    xi = np.pi * (d * ant_axis[None]).sum(-1)[..., None] / R - phi          # (P, A, C)
    den = np.sin(xi / 2) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        main = i0**2 * np.sin(n_s * xi / 2) ** 2 / (n_s**2 * R**4 * den)
    return np.where(den <= 1e-10, i0 / R**2, main)                          # degenerate branch as in the code


def random_antennas(rng: np.random.Generator, n: int, d_min: float = 1.5, world: float = WORLD,
                    max_tries: int = 1000) -> tuple:
    """Random layout: i.i.d. uniform positions resampled until all pairs are >= d_min apart; random axes."""
    for _ in range(max_tries):
        p = rng.uniform(0, world, size=(n, 2))
        dist = np.linalg.norm(p[:, None] - p[None], axis=-1)[np.triu_indices(n, 1)]
        if n < 2 or dist.min() >= d_min:
            break
    else:
        raise RuntimeError(f"no layout of {n} antennas with d_min={d_min} in {max_tries} tries")
    o = rng.uniform(-1, 1, size=(n, 2))
    o /= np.linalg.norm(o, axis=1, keepdims=True)
    return tuple((tuple(pi), tuple(oi)) for pi, oi in zip(p.tolist(), o.tolist()))


def named_layout(name: str, d_min: float = 1.5) -> tuple:
    """``a3-main`` (the paper's standard layout) or ``aA-i``: the i-th random layout with A antennas, drawn
    with seed 1000*A + i (the published instances are not in the authors' repository; spec item 8)."""
    if name == "a3-main":
        return A3_MAIN
    head, _, idx = name.partition("-")
    if not (head.startswith("a") and head[1:].isdigit() and idx.isdigit()):
        raise ValueError(f"layout must be 'a3-main' or 'aA-i' (e.g. 'a4-2'), got {name!r}")
    n = int(head[1:])
    return random_antennas(np.random.default_rng(1000 * n + int(idx)), n, d_min)


def _accepted_spline(rng: np.random.Generator, degree: int, world: float):
    """A random spline through ``degree`` control points that stays inside the world (rejection sampling): the
    splines, their values on a 1000-point grid, and every draw a trajectory takes from ``rng``."""
    t = np.linspace(0, 1, degree)
    grid = np.linspace(0, 1, 1000)
    k = min(4, degree - 1)
    while True:
        xs = rng.uniform(0, world, degree)
        xs[0], xs[-1] = 0.0, world
        xs = np.sort(xs)                                                     # no loops (authors' code)
        ys = rng.uniform(0, world, degree)
        sx, sy = UnivariateSpline(t, xs, s=0, k=k), UnivariateSpline(t, ys, s=0, k=k)
        gx, gy = sx(grid), sy(grid)
        if gx.min() >= 0 and gx.max() <= world and gy.min() >= 0 and gy.max() <= world:
            return grid, sx, sy, gx, gy


def trajectory(rng: np.random.Generator, degree: int = 3, steps: int = 200, world: float = WORLD) -> np.ndarray:
    """Positions (steps + 1, 2) along a random spline traversed at constant speed (spec 1.1.3)."""
    grid, sx, sy, gx, gy = _accepted_spline(rng, degree, world)
    speed = np.hypot(sx.derivative()(grid), sy.derivative()(grid))
    arc = UnivariateSpline(grid, speed, s=0, k=3).antiderivative()(grid)
    tau = (arc - arc[0]) / (arc[-1] - arc[0])
    keep = np.concatenate([[True], np.diff(tau) > 0])                       # strictly increasing knots
    px, py = UnivariateSpline(tau[keep], gx[keep], s=0, k=3), UnivariateSpline(tau[keep], gy[keep], s=0, k=3)
    s = np.linspace(0, 1, steps + 1)
    return np.stack([px(s), py(s)], 1)


@dataclass
class EpisodeTable:
    """Per-step lookup of one episode: best beam and intensity per antenna, and the optimum."""

    best_code: np.ndarray   # (steps + 1, A) argmax codebook index per antenna
    best_int: np.ndarray    # (steps + 1, A) intensity with that beam
    opt_ant: np.ndarray     # (steps + 1,)   optimal antenna
    opt_int: np.ndarray     # (steps + 1,)   its intensity


def episode_table(rng, antennas, degree: int, steps: int) -> EpisodeTable:
    ant_pos = np.array([a[0] for a in antennas], float)
    ant_axis = np.array([a[1] for a in antennas], float)
    I = intensity(trajectory(rng, degree, steps), ant_pos, ant_axis)  # noqa: E741 (the paper's I); (P, A, C)
    best_code = I.argmax(-1)
    best_int = I.max(-1)
    opt_ant = best_int.argmax(-1)
    return EpisodeTable(best_code, best_int, opt_ant, best_int[np.arange(len(opt_ant)), opt_ant])


class BeamManagement6G(gym.Env):
    """Observation ``[a_prev/(A-1), I_prev, c_prev/(C-1)]``; action = antenna; 200 actions per episode.

    Reward: ``train`` intensity each step; ``val`` sum_selected / sum_optimal on the last step (else 0);
    ``test`` sum_selected on the last step. Both sums include the preselected optimum at reset.
    """

    metadata = {"render_modes": []}

    def __init__(self, antennas=A3_MAIN, degree: int = 3, steps: int = 200, mode: str = "train"):
        super().__init__()
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if len(antennas) < 2:
            raise ValueError(f"need at least 2 antennas, got {len(antennas)}")
        if degree < 2:
            raise ValueError(f"trajectory degree must be >= 2, got {degree}")
        self.antennas, self.degree, self.steps, self.mode = tuple(antennas), int(degree), int(steps), mode
        self.A, self.C = len(self.antennas), len(CODEBOOK_PHI)
        self.action_space = spaces.Discrete(self.A)
        self.observation_space = spaces.Box(0.0, 1.0, (3,), np.float32)
        self.table: EpisodeTable | None = None

    def _obs(self, a: int, k: int) -> np.ndarray:
        t = self.table
        return np.array([a / (self.A - 1), t.best_int[k, a], t.best_code[k, a] / (self.C - 1)], np.float32)

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        self.table = episode_table(self.np_random, self.antennas, self.degree, self.steps)
        self.k = 0
        a0 = int(self.table.opt_ant[0])
        self.sum_sel = self.sum_opt = float(self.table.opt_int[0])
        return self._obs(a0, 0), {"optimal": self.sum_opt}

    def step(self, action):
        if self.table is None or self.k >= self.steps:
            raise RuntimeError("call reset() before step() (episode finished)")
        a = int(action)
        if not 0 <= a < self.A:
            raise ValueError(f"action must be an antenna index in [0, {self.A - 1}], got {action}")
        self.k += 1
        r = float(self.table.best_int[self.k, a])
        opt = float(self.table.opt_int[self.k])
        self.sum_sel += r
        self.sum_opt += opt
        done = self.k == self.steps
        if self.mode == "train":
            reward = r
        elif self.mode == "val":
            reward = self.sum_sel / self.sum_opt if done else 0.0
        else:
            reward = self.sum_sel if done else 0.0
        return self._obs(a, self.k), reward, done, False, {"optimal": opt}

    def optimal_action(self) -> int:
        """The optimal antenna at the next position (for logging, not for the agent)."""
        return int(self.table.opt_ant[min(self.k + 1, self.steps)])


class GeneratedTables:
    """Episode tables drawn from a generator as episodes start: the environment's own randomness."""

    def __init__(self, rng: np.random.Generator, antennas=A3_MAIN, degree: int = 3, steps: int = 200):
        self.rng, self.antennas, self.degree, self.steps = rng, tuple(antennas), degree, steps

    def next(self) -> EpisodeTable:
        return episode_table(self.rng, self.antennas, self.degree, self.steps)

    def skip(self) -> None:
        """Advance past an episode nobody will play, by the draws its trajectory takes (a fifth of building it)."""
        _accepted_spline(self.rng, self.degree, WORLD)


TABLE_FIELDS = ("best_code", "best_int", "opt_ant", "opt_int")


class Recorder:
    """Wraps a table source and keeps every table it hands out, in order (skipped episodes leave no table)."""

    def __init__(self, source):
        self.source, self.tables = source, []

    def next(self) -> EpisodeTable:
        self.tables.append(self.source.next())
        return self.tables[-1]

    def skip(self) -> None:
        self.source.skip()

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The recorded tables stacked per field (codes and antennas as int16: exact, a quarter of the bytes)."""
        out = {}
        for f in TABLE_FIELDS:
            stacked = np.stack([getattr(t, f) for t in self.tables])
            out[f"{prefix}_{f}"] = stacked.astype(np.int16) if stacked.dtype.kind == "i" else stacked
        return out


class RecordedTables:
    """Tables a :class:`Recorder` kept, handed out again in the same order, so a run reading them sees exactly the
    episodes its generator would have drawn (skips are already accounted for). Picklable by position: the arrays
    are read back from ``path`` on first use, not checkpointed."""

    def __init__(self, path, prefix: str):
        self.path, self.prefix, self.i = str(path), prefix, 0

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_arrays"}

    def _fields(self) -> dict[str, np.ndarray]:
        if getattr(self, "_arrays", None) is None:
            with np.load(self.path) as f:
                self._arrays = {k: f[f"{self.prefix}_{k}"] for k in TABLE_FIELDS}
        return self._arrays

    def next(self) -> EpisodeTable:
        a = self._fields()
        if self.i >= len(a["opt_int"]):
            raise RuntimeError(f"{self.path}: the {self.prefix} tables ran out after {self.i} episodes (recorded for "
                               "fewer epochs than this run trains)")
        t = EpisodeTable(**{k: a[k][self.i].astype(np.int64) if a[k].dtype.kind == "i" else a[k][self.i]
                            for k in TABLE_FIELDS})
        self.i += 1
        return t

    def skip(self) -> None:
        pass


class BeamBatch:
    """N independent episodes stepped together (training and validation loops); same tables as the env, stacked
    into (N, steps + 1, A) arrays so that a step is one gather for the whole batch. ``source``: a generator (tables
    drawn as episodes start) or a table source (:class:`GeneratedTables`, :class:`RecordedTables`)."""

    def __init__(self, source, n: int, antennas=A3_MAIN, degree: int = 3, steps: int = 200):
        self.tables = (GeneratedTables(source, antennas, degree, steps) if isinstance(source, np.random.Generator)
                       else source)
        self.n, self.antennas, self.degree, self.steps = n, tuple(antennas), degree, steps
        self.A, self.C = len(self.antennas), len(CODEBOOK_PHI)
        self.best_int = np.zeros((n, steps + 1, self.A))
        self.best_code = np.zeros((n, steps + 1, self.A), int)
        self.opt_ant = np.zeros((n, steps + 1), int)
        self.opt_int = np.zeros((n, steps + 1))
        self.k = np.zeros(n, int)
        self.sum_sel = np.zeros(n)
        self.sum_opt = np.zeros(n)
        self.obs = np.zeros((n, 3), np.float32)
        for i in range(n):
            self._reset_one(i)

    @property
    def rng(self) -> np.random.Generator | None:
        return getattr(self.tables, "rng", None)

    def _reset_one(self, i: int) -> None:
        t = self.tables.next()
        self.best_int[i], self.best_code[i] = t.best_int, t.best_code
        self.opt_ant[i], self.opt_int[i] = t.opt_ant, t.opt_int
        a0 = int(t.opt_ant[0])
        self.k[i] = 0
        self.sum_sel[i] = self.sum_opt[i] = t.opt_int[0]
        self.obs[i] = [a0 / (self.A - 1), t.best_int[0, a0], t.best_code[0, a0] / (self.C - 1)]

    def step(self, actions: np.ndarray, reset: bool = True):
        """Advance all episodes; returns (obs, reward, done, ratio) with ratio = sum_sel/sum_opt where done.
        Finished episodes auto-reset (their returned obs is the terminal one; ``self.obs`` the new start).
        ``reset=False`` on a batch's last step: the new episodes would be thrown away, so they are skipped (a
        generator advances by the draws their trajectories take), and the next batch on the same source sees the
        trajectories it always did."""
        self.k += 1
        rows, a = np.arange(self.n), np.asarray(actions)
        reward = self.best_int[rows, self.k, a]
        self.sum_opt += self.opt_int[rows, self.k]
        next_obs = np.stack([a / (self.A - 1), reward, self.best_code[rows, self.k, a] / (self.C - 1)], 1)
        next_obs = next_obs.astype(np.float32)
        self.sum_sel += reward
        done = self.k >= self.steps
        ratio = np.where(done, self.sum_sel / self.sum_opt, np.nan)
        self.obs = next_obs.copy()
        for i in np.flatnonzero(done):
            if reset:
                self._reset_one(i)
            else:
                self.tables.skip()
        return next_obs, reward, done, ratio

    def optimal_actions(self) -> np.ndarray:
        """The optimal antenna at every episode's next position."""
        return self.opt_ant[np.arange(self.n), self.k + 1]
