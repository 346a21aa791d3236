"""Paper 004 through the project-wide sample-complexity estimator (qrepro.stats, Meyer et al. Def. 4.1 / 4.2).

Why this epoch value: the paper has no normalised return, and its E_conv rule is censored when returns still drift
(C4 at the default tier). The oracle-normalised exploitation efficiency E_e = R_e / (T r*_e) of spec 4 (the EER's
second factor) is in [0, 1] for every method, so V >= 1 - eps reads "the team earned at least 1 - eps of the oracle
placement's return". T r*_e = R_e + rho_e, so it comes from the logged regret without the horizon. The oracle
ignores the transit from random starts, so the best methods reach V ~ 0.4: the eps grid sits near 0.6-0.75.
Samples are agent-steps (episodes x T x N), the spec's unit for E_conv T N.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...stats.curves import epoch_matrix, sample_complexity_tables
from .run import EPISODE_SCHEMA

CONFIG = "E-main"


def efficiency(episodes: pd.DataFrame) -> np.ndarray:
    """E_e = R_e / (T r*_e) per episode, clipped to [0, 1] (a negative return counts as 0)."""
    oracle_return = episodes.return_ext + episodes.regret_ep
    return np.clip(episodes.return_ext / oracle_return, 0.0, 1.0).to_numpy()


def efficiency_curves(episodes: pd.DataFrame) -> dict[str, list[np.ndarray]]:
    """method -> one efficiency curve per seed, in episode order."""
    curves: dict[str, list[np.ndarray]] = {}
    for (method, _), g in episodes.sort_values("episode").groupby(["method", "seed"]):
        curves.setdefault(method, []).append(efficiency(g))
    return curves


def tables(files, episodes_per_epoch: int, agent_steps_per_episode: int, sc: dict, seed: int):
    """(sample_complexity, outperformance) over every method's runs."""
    episodes = EPISODE_SCHEMA.validate(pd.concat([pd.read_csv(f) for f in files], ignore_index=True))
    V = {m: epoch_matrix(c, episodes_per_epoch) for m, c in efficiency_curves(episodes).items()}
    return sample_complexity_tables(V, CONFIG, sc["eps"], sc["delta"], episodes_per_epoch * agent_steps_per_episode,
                                    sc["resamples"], sc["percentile"], seed)
