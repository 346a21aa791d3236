"""Multi-UAV episode environment of paper 004 (spec 1.2): CTDE with local 5 x 5 views, neighbour states and a
shared-memory block summary (126-dim observation per UAV, constant in N and G), noisy measurements written to
shared memory with packet loss, and separate RNG streams so that every method sees the same world.

Map channels come from outside: a GP posterior (mu, sigma) for QI-MARL, or the empirical memory (last measured
z, unvisited flag) for methods without a GP (:meth:`UAVTeamEnv.empirical_maps`)."""

from __future__ import annotations

import numpy as np

from .world import MOVES, RelayWorld, UAVConfig

VIEW = 2                 # 5 x 5 local view
NEIGHBOURS = 3
BLOCKS = 4
OBS_DIM = (2 * VIEW + 1) ** 2 * 3 + 10 + 3 * NEIGHBOURS + BLOCKS * BLOCKS * 2     # 126
MESSAGE_BYTES = 16


class UAVTeamEnv:
    def __init__(self, cfg: UAVConfig, world_seed: int, p_loss: float = 0.05, r_comm_m: float = 300.0,
                 gps_sd_m: float = 1.0):
        self.cfg, self.seed = cfg, world_seed
        self.world = RelayWorld(cfg, world_seed)
        self.p_loss, self.r_comm, self.gps_sd = p_loss, r_comm_m, gps_sd_m
        self.meas_rng = np.random.default_rng([world_seed, 2])
        self.comm_rng = np.random.default_rng([world_seed, 3])
        self.gps_rng = np.random.default_rng([world_seed, 4])
        g = cfg.grid
        self.memory_z = np.zeros(g * g)                 # last measured standardised signal per cell
        self.memory_t = np.full(g * g, -np.inf)          # when (global step counter)
        self.clock = 0

    def reset(self, episode: int) -> None:
        """New start cells from init_rng(world seed, episode); the field and memory persist across episodes."""
        cfg = self.cfg
        rng = np.random.default_rng([self.seed, 1, episode])
        self.cells = rng.integers(0, cfg.grid ** 2, cfg.n_uav)
        self.power = np.zeros(cfg.n_uav, dtype=int)
        self.beam = np.zeros(cfg.n_uav, dtype=int)
        self.t = 0
        self.visited = np.zeros(cfg.grid ** 2, dtype=bool)
        self.visited[self.cells] = True
        self.bytes = 0
        self.loc_err = []

    def step(self, moves, power, beam) -> dict:
        """Move, set power / beam, measure, write to shared memory, advance the field; team reward terms."""
        cfg = self.cfg
        self.cells = self.world.move(self.cells, np.asarray(moves))
        self.power, self.beam = np.asarray(power), np.asarray(beam)
        self.visited[self.cells] = True
        out = self.world.reward(self.cells, self.power, self.beam)
        y = self.world.field.dbm[self.cells] + self.meas_rng.normal(0, cfg.meas_sd_db, cfg.n_uav)
        z = (y - cfg.field_mean_dbm) / cfg.field_sd_db
        sent = self.comm_rng.random(cfg.n_uav) >= self.p_loss
        self.memory_z[self.cells[sent]] = z[sent]
        self.memory_t[self.cells[sent]] = self.clock
        self.bytes += MESSAGE_BYTES * int(sent.sum())
        self.loc_err.append(np.linalg.norm(self.gps_rng.normal(0, self.gps_sd, (cfg.n_uav, 2)), axis=1).mean())
        self.world.field.step()
        self.t += 1
        self.clock += 1
        out.update(z=z, sent=sent, done=self.t >= cfg.horizon)
        return out

    def empirical_maps(self) -> tuple[np.ndarray, np.ndarray]:
        """(last measured z or 0, unvisited flag) per cell; stale entries (older than tau_field) count as unvisited."""
        fresh = (self.clock - self.memory_t) <= self.cfg.tau_field
        return np.where(fresh, self.memory_z, 0.0), (~fresh).astype(float)

    def observe(self, maps: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
        """(n_uav, 126) observations built from two map channels plus UAV counts. Each channel is one G x G map
        shared by the team (G^2,) or one map per UAV (n_uav, G^2) (the "-shared memory" ablation)."""
        cfg = self.cfg
        g, n = cfg.grid, cfg.n_uav
        a, b = (np.asarray(m, float).reshape(-1, g, g) for m in maps)
        count = np.bincount(self.cells, minlength=g * g).reshape(g, g)
        pad, k = VIEW, g // BLOCKS * BLOCKS
        ch = [_padded(a, pad, -3.0), _padded(b, pad, 0.0), _padded(count[None], pad, 0)]
        blocks = np.stack([m[:, :k, :k].reshape(-1, BLOCKS, g // BLOCKS, BLOCKS, g // BLOCKS).mean((2, 4))
                           for m in (a, b)], -1).reshape(len(a), -1)
        xy = np.stack(np.divmod(self.cells, g), -1)
        agents = np.arange(n)
        span = np.arange(2 * pad + 1)
        rows, cols = (xy[:, 0, None] + span)[:, :, None], (xy[:, 1, None] + span)[:, None, :]
        win = [c[(agents if len(c) > 1 else 0 * agents)[:, None, None], rows, cols] for c in ch]   # (n, 5, 5) each
        win[2] = win[2] - ((span - pad)[:, None] == 0) * ((span - pad)[None] == 0)     # others only in own cell
        local = np.stack(win, -1).reshape(n, -1)
        own = np.concatenate([xy / g, np.eye(3)[self.power], np.eye(3)[self.beam],
                              (self.world.field.dbm[self.cells] >= cfg.s_min_dbm).astype(float)[:, None],
                              np.full((n, 1), self.t / cfg.horizon)], 1)
        d = np.linalg.norm((xy[None, :, :] - xy[:, None, :]) * cfg.cell_m, axis=2)
        d[agents, agents] = np.inf
        near = np.argsort(d, axis=1)[:, :NEIGHBOURS]              # nearest first: those in range are a prefix
        reach = (np.take_along_axis(d, near, 1) <= self.r_comm)[:, :, None]
        offsets = np.concatenate([(xy[near] - xy[:, None, :]) / g, np.ones((n, NEIGHBOURS, 1))], 2)
        nb = np.where(reach, offsets, 0.0).reshape(n, -1)
        return np.concatenate([local, own, nb, blocks[agents if len(a) > 1 else 0 * agents]], 1)

    def metrics(self) -> dict:
        """Episode-level exploration ratio, message overhead (KB) and localisation error (m)."""
        return {"exploration_ratio": float(self.visited.mean()), "msg_kb": self.bytes / 1000,
                "loc_err_m": float(np.mean(self.loc_err)) if self.loc_err else 0.0}


def _padded(maps: np.ndarray, pad: int, fill) -> np.ndarray:
    """(k, G, G) maps framed by ``pad`` cells of ``fill`` on each side (np.pad's result, without its overhead)."""
    k, g, _ = maps.shape
    out = np.full((k, g + 2 * pad, g + 2 * pad), fill, dtype=maps.dtype)
    out[:, pad:pad + g, pad:pad + g] = maps
    return out


def greedy_move(env: UAVTeamEnv, target_cells: np.ndarray) -> np.ndarray:
    """The move that most reduces the distance to each UAV's target cell (hover when there)."""
    g = env.cfg.grid
    here = np.stack(np.divmod(env.cells, g), -1)
    there = np.stack(np.divmod(np.asarray(target_cells), g), -1)
    dist = np.linalg.norm((here[:, None, :] + MOVES[None]) - there[:, None, :], axis=-1)
    return dist.argmin(1)
