"""UAV-assisted 6G relay coverage world (paper 004, spec 1.2): a drifting GP backhaul field, N UAVs relaying it
to ground cells through a cone-antenna access link, and the team reward R = w1 Cov - w2 Ovl - w3 Pow - w4 Fail.

This module is the vectorised physics shared by every learner; the greedy + 1-swap oracle gives the regret
reference. Every constant is the spec's [I] default (the paper lost its equations)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MOVES = np.array([[0, 0], [1, 0], [-1, 0], [0, 1], [0, -1]])      # hover, +x, -x, +y, -y


@dataclass(frozen=True)
class UAVConfig:
    """The UAV relay world's settings; their values (and what each means) are params.yaml ``qimarl.env``."""
    n_uav: int
    grid: int                   # G x G cells
    cell_m: float
    altitude_m: float
    horizon: int
    powers_dbm: tuple
    beams_deg: tuple
    carrier_hz: float
    nlos_frac: float
    nlos_loss_db: float
    side_lobe_db: float
    field_mean_dbm: float
    field_sd_db: float
    length_scale_cells: float
    tau_field: float
    s_min_dbm: float
    noise_floor_dbm: float
    p_th_dbm: float
    meas_sd_db: float
    weights: tuple

    @classmethod
    def from_params(cls, env: dict, **overrides) -> "UAVConfig":
        """From params.yaml ``qimarl.env`` (lists as tuples), with ``overrides`` (e.g. the scaling runs' N and G)."""
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in {**env, **overrides}.items()})

    def __post_init__(self):
        if self.n_uav < 1 or self.grid < 2:
            raise ValueError(f"uav: n_uav >= 1 and grid >= 2 required, got n_uav={self.n_uav}, grid={self.grid}")


def fspl_db(d_m: np.ndarray, carrier_hz: float) -> np.ndarray:
    """Free-space path loss 20 log10(d) + 20 log10(f) - 147.55 dB."""
    return 20 * np.log10(d_m) + 20 * np.log10(carrier_hz) - 147.55


def antenna_gain_dbi(beam_deg) -> np.ndarray:
    """Cone model main-lobe gain 10 log10(2 / (1 - cos(theta / 2)))."""
    return 10 * np.log10(2 / (1 - np.cos(np.radians(np.asarray(beam_deg)) / 2)))


def footprint_m(beam_deg, altitude_m: float) -> np.ndarray:
    return altitude_m * np.tan(np.radians(np.asarray(beam_deg)) / 2)


class Field:
    """Backhaul signal S(x, t) = mu + sd * f: f a unit-variance RBF GP draw on the cell centres that drifts as
    f_{t+1} = rho f_t + sqrt(1 - rho^2) xi_t, rho = exp(-1 / tau). The world persists across episodes."""

    def __init__(self, cfg: UAVConfig, rng: np.random.Generator):
        g = cfg.grid
        xy = np.stack(np.meshgrid(np.arange(g), np.arange(g), indexing="ij"), -1).reshape(-1, 2).astype(float)
        d2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1)
        self._chol = np.linalg.cholesky(np.exp(-d2 / (2 * cfg.length_scale_cells ** 2)) + 1e-8 * np.eye(g * g))
        self.cfg, self.rng = cfg, rng
        self.rho = float(np.exp(-1 / cfg.tau_field))
        self.f = self._draw()

    def _draw(self) -> np.ndarray:
        return self._chol @ self.rng.standard_normal(self._chol.shape[0])

    def step(self) -> None:
        self.f = self.rho * self.f + np.sqrt(1 - self.rho ** 2) * self._draw()

    @property
    def dbm(self) -> np.ndarray:
        return self.cfg.field_mean_dbm + self.cfg.field_sd_db * self.f


class RelayWorld:
    """Access links and the team reward for any placement (positions as flat cell indices)."""

    def __init__(self, cfg: UAVConfig, world_seed: int):
        self.cfg = cfg
        g = cfg.grid
        rng = np.random.default_rng([world_seed, 0])
        self.field = Field(cfg, rng)
        self.nlos = rng.random(g * g) < cfg.nlos_frac
        ij = np.stack(np.meshgrid(np.arange(g), np.arange(g), indexing="ij"), -1).reshape(-1, 2)
        centres = (ij + 0.5) * cfg.cell_m
        r = np.sqrt(((centres[:, None, :] - centres[None, :, :]) ** 2).sum(-1))        # (cell_uav, cell_ground)
        loss = fspl_db(np.sqrt(r ** 2 + cfg.altitude_m ** 2), cfg.carrier_hz) + cfg.nlos_loss_db * self.nlos[None, :]
        gains = antenna_gain_dbi(cfg.beams_deg)
        inside = r[None] <= footprint_m(cfg.beams_deg, cfg.altitude_m)[:, None, None]
        gain = np.where(inside, gains[:, None, None], gains[:, None, None] - cfg.side_lobe_db)   # (beam, uav, ground)
        # RSSI for every (power, beam, uav cell, ground cell)
        self.rssi = np.asarray(cfg.powers_dbm)[:, None, None, None] + gain[None] - loss[None, None]

    def _reach(self) -> np.ndarray:
        """rssi >= p_th for every oracle candidate (cell, power, beam), in the oracle's order, x ground cell: fixed
        for the world, so computed once (not checkpointed: rebuilt on demand)."""
        if getattr(self, "_reach_table", None) is None:
            n_ground = self.rssi.shape[-1]
            self._reach_table = (self.rssi >= self.cfg.p_th_dbm).transpose(2, 0, 1, 3).reshape(-1, n_ground)
        return self._reach_table

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_reach_table"}

    def links(self, cells: np.ndarray, power: np.ndarray, beam: np.ndarray) -> np.ndarray:
        """End-to-end decode-and-forward signal per (UAV, ground cell); -inf where the relay is in outage."""
        s = self.field.dbm[cells]
        e2e = np.minimum(s[:, None], self.rssi[power, beam, cells])
        return np.where((s >= self.cfg.s_min_dbm)[:, None], e2e, -np.inf)

    def reward(self, cells, power, beam) -> dict:
        cfg = self.cfg
        e2e = self.links(np.asarray(cells), np.asarray(power), np.asarray(beam))
        served = (e2e >= cfg.p_th_dbm).sum(0)
        sig = np.maximum(cfg.noise_floor_dbm, e2e.max(0))
        cov, ovl = float((served >= 1).mean()), float((served >= 2).mean())
        pw = float(((np.asarray(cfg.powers_dbm)[power] - cfg.powers_dbm[0]) /
                    (cfg.powers_dbm[-1] - cfg.powers_dbm[0])).mean())
        fail = float((self.field.dbm[cells] < cfg.s_min_dbm).mean())
        w = cfg.weights
        return {"reward": w[0] * cov - w[1] * ovl - w[2] * pw - w[3] * fail, "coverage": cov, "overlap": ovl,
                "power": pw, "fail": fail, "signal_mean_dbm": float(sig.mean()), "signal_var_db2": float(sig.var()),
                "snr_db": float((sig - cfg.noise_floor_dbm).mean())}

    def move(self, cells: np.ndarray, moves: np.ndarray) -> np.ndarray:
        """One cell per step in the chosen direction, clipped at the borders."""
        g = self.cfg.grid
        xy = np.stack(np.divmod(np.asarray(cells), g), -1) + MOVES[np.asarray(moves)]
        xy = np.clip(xy, 0, g - 1)
        return xy[:, 0] * g + xy[:, 1]

    def oracle(self, passes: int = 2) -> tuple[dict, tuple]:
        """Approximate best placement on the current field: greedy over all cells x (power, beam), then 1-swap
        local search (spec 4, regret reference)."""
        cfg = self.cfg
        n_cells, n_p, n_b = cfg.grid ** 2, len(cfg.powers_dbm), len(cfg.beams_deg)
        grid_cells = np.repeat(np.arange(n_cells), n_p * n_b)
        grid_p = np.tile(np.repeat(np.arange(n_p), n_b), n_cells)
        grid_b = np.tile(np.arange(n_b), n_cells * n_p)
        # links() >= p_th, decided without the links: min(s, rssi) >= p_th needs both, and the relay's own signal s
        # must reach s_min. Only s drifts, so the rssi part is one fixed table (:meth:`_reach`)
        dbm = self.field.dbm
        relay_ok = (dbm >= cfg.s_min_dbm) & (dbm >= cfg.p_th_dbm)
        cover = self._reach() & relay_ok[grid_cells][:, None]                             # (candidates, ground)
        ok = (dbm[grid_cells] >= cfg.s_min_dbm).astype(float)
        pw = (np.asarray(cfg.powers_dbm)[grid_p] - cfg.powers_dbm[0]) / (cfg.powers_dbm[-1] - cfg.powers_dbm[0])
        w = cfg.weights
        # 0/1 in float32: its products with 0/1 vectors are exact integers (at most G^2 < 2^24), at half the bytes
        cover_f, n_ground = cover.astype(np.float32), cover.shape[1]

        def score(counts, extra_pw, extra_fail):
            """Every candidate added to ``counts``: ground cells newly covered (counts == 0) and newly overlapped
            (counts == 1) are matrix-vector products, exact integers as the per-candidate count arrays were."""
            once = (counts >= 1).sum() + (cover_f @ (counts == 0).astype(np.float32)).astype(float)
            twice = (counts >= 2).sum() + (cover_f @ (counts == 1).astype(np.float32)).astype(float)
            return (w[0] * (once / n_ground) - w[1] * (twice / n_ground)
                    - w[2] * extra_pw / cfg.n_uav - w[3] * extra_fail / cfg.n_uav)

        chosen = []
        counts = np.zeros(n_cells, dtype=int)
        tot_pw = tot_fail = 0.0
        for _ in range(cfg.n_uav):
            k = int(np.argmax(score(counts, tot_pw + pw, tot_fail + (1 - ok))))
            chosen.append(k)
            counts += cover[k]
            tot_pw, tot_fail = tot_pw + pw[k], tot_fail + 1 - ok[k]
        for _ in range(passes):
            for slot in range(cfg.n_uav):
                k_old = chosen[slot]
                base = counts - cover[k_old]
                bp, bf = tot_pw - pw[k_old], tot_fail - (1 - ok[k_old])
                k = int(np.argmax(score(base, bp + pw, bf + (1 - ok))))
                chosen[slot], counts, tot_pw, tot_fail = k, base + cover[k], bp + pw[k], bf + 1 - ok[k]
        placement = (grid_cells[chosen], grid_p[chosen], grid_b[chosen])
        return self.reward(*placement), placement
