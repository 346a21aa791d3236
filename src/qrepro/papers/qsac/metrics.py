"""Spectrum-sharing metrics of spec 000 section 4: DSR, utilisation, eps-BCR, surplus/deficit."""

from __future__ import annotations

import numpy as np
import pandas as pd

EPSILONS = (0.05, 0.10, 0.15)
NETS = {"LTE": "lte", "NR": "nr"}


def dss_metrics(ts: pd.DataFrame, n_r: float, rho: float = 1e-6) -> dict[str, float]:
    """Metrics of one evaluation rollout; ``ts`` has columns alloc_lte/alloc_nr/demand_lte/demand_nr."""
    out: dict[str, float] = {}
    for net, col in NETS.items():
        a, d = ts[f"alloc_{col}"].to_numpy(float), ts[f"demand_{col}"].to_numpy(float)
        floor = np.maximum(d, rho)
        out[f"DSR_{net}"] = float(np.mean(np.minimum(a, d) / floor))
        for eps in EPSILONS:
            out[f"BCR_{net}_{round(eps * 100)}"] = float(np.mean(np.abs(a - d) <= eps * floor))
        s = a - d
        out[f"max_surplus_{net}"] = float(s.max())
        out[f"max_deficit_{net}"] = float(s.min())
        out[f"worst_abs_dev_{net}"] = float(np.abs(s).max())
        out[f"std_dev_{net}"] = float(s.std())
    out["Util"] = float(np.mean((ts["alloc_lte"] + ts["alloc_nr"]).to_numpy(float) / n_r))
    return out


REFERENCE_POLICIES = ("oracle", "persistence", "train_mean")


def reference_policies(train_mean: tuple[float, float]):
    """Non-learning references of spec section 5.7 as ``policy(env) -> action`` on a live DSSEnv."""
    def oracle(env):
        return np.array([env.lte[env.idx], env.nr[env.idx]]) / env.n_r

    def persistence(env):
        j = (env.idx - 1) % env.T
        return np.array([env.lte[j], env.nr[j]]) / env.n_r

    def constant_train_mean(env):
        return np.asarray(train_mean, dtype=float) / env.n_r

    return dict(zip(REFERENCE_POLICIES, (oracle, persistence, constant_train_mean)))


def moving_average(x: np.ndarray, window: int = 100) -> np.ndarray:
    """Trailing mean with min_periods=1 (the paper's Fig. 3 smoothing)."""
    return pd.Series(np.asarray(x, float)).rolling(window, min_periods=1).mean().to_numpy()


def training_metrics(rewards: np.ndarray, converge_threshold: float, window: int = 100) -> dict[str, float]:
    """Scalar summaries of a per-episode training reward curve used by claims C9/C10 and regret."""
    r = np.asarray(rewards, float)
    n = len(r)
    ma = moving_average(r, window)
    hit = np.flatnonzero(ma >= converge_threshold)
    return {
        "train_regret": float(-r.sum()),            # oracle reward is 0 in the non-scarce regime
        "late_reward_std": float(r[int(0.75 * n):].std()),
        "early_ma_mean": float(ma[: max(1, n // 10)].mean()),
        "final_ma_reward": float(ma[-1]),
        "episodes_to_threshold": float(hit[0] + 1) if len(hit) else float("nan"),
    }


def j_cost(ts: pd.DataFrame, zeta: float) -> np.ndarray:
    """Per-step weighted squared relative error J (eval regret against the oracle, which has J = 0)."""
    rel = lambda c: ((ts[f"alloc_{c}"] - ts[f"demand_{c}"]) / ts[f"demand_{c}"]).to_numpy(float) ** 2  # noqa: E731
    return zeta * rel("lte") + (1 - zeta) * rel("nr")
