"""Paper 002's REINFORCE curves through qrepro.stats: the hindsight normalisation, early-stop padding, S by hand."""

import numpy as np
import pandas as pd
import pytest

from qrepro.papers.cqdt.run import hindsight_range, training_log
from qrepro.papers.cqdt.sample_complexity import deployed_curve, tables

SC = {"eps": [0.3], "delta": [0.5, 1.0], "resamples": 200, "percentile": 5}


def test_validation_score_maps_worst_to_0_and_best_to_1():
    """Two 2-step episodes, 3 actions: worst per-step means -0.75 and -0.5 -> -0.625; best 0 and -0.1 -> -0.05;
    uniform random -0.3667 and -0.2833 -> -0.325, i.e. V = 0.3 / 0.575."""
    val = [{"reward": np.array([[-1.0, -0.5, 0.0], [-0.5, -0.2, 0.0]])},
           {"reward": np.array([[-0.6, -0.4, -0.2], [-0.4, -0.1, 0.0]])}]
    assert hindsight_range(val) == pytest.approx((-0.625, -0.325, -0.05))
    log = training_log([{"episode": 1, "return": -9.0, "val_score": -0.625}, {"episode": 2, "return": -3.0,
                        "val_score": -0.3375}, {"episode": 3, "return": -1.0, "val_score": 0.2}], val, "ghz", 42)
    np.testing.assert_allclose(log.val_v, [0.0, 0.5, 1.0])          # a score above the bound is clipped
    np.testing.assert_allclose(log.random_v, 0.3 / 0.575)
    assert set(log.columns) == {"episode", "return", "val_score", "val_v", "random_v", "state", "seed"}


def test_an_early_stopped_run_keeps_its_best_policy():
    np.testing.assert_allclose(deployed_curve([0.2, 0.6, 0.4], 5), [0.2, 0.6, 0.4, 0.6, 0.6])
    with pytest.raises(ValueError, match="more than the budget of 2"):
        deployed_curve([0.2, 0.6, 0.4], 2)


def test_sample_complexity_by_hand():
    """3 seeds, budget 4 episodes of 50 steps; V >= 0.7 needed. Seed 42 reaches it at episode 2, drops to 0.5 and
    stops at 3 (padded with its best, 0.8); seed 43 reaches it at episode 4, seed 44 never: fractions 0, 1/3, 0, 2/3.
    delta 0.5 -> 3 epochs below -> S = 150; delta 1 -> all 4 -> S = 200 = cap."""
    rows = [(42, [0.1, 0.8, 0.5]), (43, [0.1, 0.2, 0.3, 0.9]), (44, [0.1, 0.1, 0.1, 0.1])]
    training = pd.DataFrame([dict(episode=i + 1, val_v=v, random_v=0.4, val_score=0.0, state="ghz", seed=s,
                                  **{"return": 0.0})
                             for s, vs in rows for i, v in enumerate(vs)])
    sc = tables(training, 4, 50, SC, seed=0).set_index("delta")
    assert (sc.S[0.5], sc.S[1.0]) == (150, 200) and sc.censored[1.0] and (sc.model == "reinforce").all()
    assert (sc.config == "ghz").all() and (sc.n_runs == 3).all()
