"""Paper 004 GP field model: closed-form single-point posterior, staleness, counts, torch vs gpytorch."""

import numpy as np
import pytest

from qrepro.papers.qimarl.gp_field import CellGP


def test_prior_and_single_measurement_closed_form():
    gp = CellGP(grid=6)
    mu, sd = gp.posterior(0.0)
    assert np.allclose(mu, 0) and np.allclose(sd, 1)
    gp.update([7], [1.5], t=0.0)
    mu, sd = gp.posterior(0.0, query=[7, 8])
    assert mu[0] == pytest.approx(1.5 / 1.0625)                  # k / (k + noise) z
    assert sd[0] == pytest.approx(np.sqrt(1 - 1 / 1.0625))
    k = np.exp(-1 / (2 * 2.5 ** 2))                              # neighbour one cell away
    assert mu[1] == pytest.approx(k * 1.5 / 1.0625)


def test_counts_average_and_staleness_inflates_uncertainty():
    gp = CellGP(grid=6, tau=10.0)
    gp.update([3, 3], [1.0, 3.0], t=0.0)
    assert gp.n[3] == pytest.approx(2.0) and gp.zbar[3] == pytest.approx(2.0)
    fresh = gp.posterior(0.0, [3])[1][0]
    stale = gp.posterior(20.0, [3])[1][0]
    assert stale > fresh
    gp.update([3], [0.0], t=10.0)                                # the old count decays by exp(-1)
    assert gp.n[3] == pytest.approx(2 * np.exp(-1) + 1)


def test_lapack_and_gpytorch_backends_agree():
    rng = np.random.default_rng(0)
    a, b = CellGP(12), CellGP(12, backend="gpytorch")
    for t in range(15):
        cells, z = rng.integers(0, 144, 6), rng.normal(size=6)
        a.update(cells, z, t)
        b.update(cells, z, t)
    (ma, sa), (mb, sb) = a.posterior(15.0), b.posterior(15.0)
    assert np.abs(ma - mb).max() < 1e-6 and np.abs(sa - sb).max() < 1e-6
    assert (a.n == 0).any()                                      # unseen cells take the other branch
    q = [5, int(np.flatnonzero(a.n == 0)[0]), 5, 140]            # seen, unseen, repeated, in any order
    (mq, sq), (mr, sr) = a.posterior(15.0, q), b.posterior(15.0, q)
    assert np.abs(mq - mr).max() < 1e-6 and np.abs(sq - sr).max() < 1e-6
    np.testing.assert_allclose(mq, ma[q], atol=1e-12)
    with pytest.raises(ValueError, match="gp.backend must be one of lapack, gpytorch"):
        CellGP(4, backend="svgp")
