"""GP model of the UAV backhaul field (paper 004, spec 2.1): exact GP on per-cell sufficient statistics, a Markov
approximation of the space x time product kernel. Hyperparameters are fixed at the paper's Table 7 (RBF signal
variance 1.0, length scale 2.5 cells) plus the spec's standardised noise 0.0625.

Two backends give the same posterior: LAPACK's Cholesky and triangular inverse (fast path) and gpytorch ExactGP with
FixedNoiseGaussianLikelihood (reference); they agree to 1e-6 (tested)."""

from __future__ import annotations

import numpy as np
import torch
from scipy.linalg import lapack

BACKENDS = ("lapack", "gpytorch")


class CellGP:
    def __init__(self, grid: int, length_scale: float = 2.5, outputscale: float = 1.0, noise: float = 0.0625,
                 tau: float = 500.0, backend: str = "lapack"):
        if backend not in BACKENDS:
            raise ValueError(f"gp.backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
        self.grid, self.ls, self.os = grid, length_scale, outputscale
        self.noise, self.tau, self.backend = noise, tau, backend
        self.xy = np.stack(np.divmod(np.arange(grid * grid), grid), -1).astype(float)
        self.n = np.zeros(grid * grid)            # decayed effective counts
        self.zbar = np.zeros(grid * grid)         # running means of standardised measurements
        self.last = np.zeros(grid * grid)         # time of the last measurement

    def update(self, cells, z, t: float) -> None:
        """Add measurements z (standardised) taken at ``cells`` at time t."""
        for c, v in zip(np.atleast_1d(cells), np.atleast_1d(z)):
            self.n[c] = self.n[c] * np.exp(-(t - self.last[c]) / self.tau) + 1.0
            self.zbar[c] += (v - self.zbar[c]) / self.n[c]
            self.last[c] = t

    def _kernel(self, a: np.ndarray, b: np.ndarray) -> torch.Tensor:
        d2 = ((torch.as_tensor(a)[:, None, :] - torch.as_tensor(b)[None, :, :]) ** 2).sum(-1)
        return self.os * torch.exp(-d2 / (2 * self.ls ** 2))

    def _cell_kernel(self) -> np.ndarray:
        """The kernel between every pair of cells, computed once: its rows and columns are bit-identical to
        :meth:`_kernel` on the same cells (elementwise arithmetic), at a fraction of the cost per posterior."""
        if getattr(self, "_k_cells", None) is None:
            self._k_cells = self._kernel(self.xy, self.xy).numpy()
        return self._k_cells

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if k != "_k_cells"}   # rebuilt on demand, not checkpointed

    def posterior(self, t: float, query=None) -> tuple[np.ndarray, np.ndarray]:
        """Posterior mean and sd of the latent field at ``query`` cells (default all), given data up to t."""
        q = np.arange(self.grid * self.grid) if query is None else np.asarray(query)
        seen = np.flatnonzero(self.n > 0)
        if len(seen) == 0:
            return np.zeros(len(q)), np.full(len(q), np.sqrt(self.os))
        age = t - self.last[seen]
        v = self.noise / self.n[seen] + (1 - np.exp(-2 * age / self.tau))     # staleness inflates the noise
        if self.backend == "gpytorch":
            return self._gpytorch(seen, v, q)
        return self._exact(seen, v, q)

    def _exact(self, seen: np.ndarray, v: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """With K + D = L L^T over the seen cells and M = L^-1 (LAPACK dtrtri: a third of the work of solving
        for every query column), (K + D)^-1 = M^T M. At a seen cell j, k_j = (K + D) e_j - d_j e_j gives the
        posterior variance d_j - d_j^2 [(K + D)^-1]_jj without any query column; unseen cells need M k_q."""
        kc, cells = self._cell_kernel(), self.grid * self.grid
        rows = kc[seen]                        # then columns: 2.5x faster than kc[np.ix_(seen, seen)], same values
        a = rows if len(seen) == cells else rows[:, seen]   # rows itself (overwritten) only when no cell is unseen
        a.flat[::len(seen) + 1] += v
        chol, info = lapack.dpotrf(a, lower=1, clean=1, overwrite_a=1)
        if info == 0:                          # clean=1 zeroed L's upper triangle, so M's is zero too
            m, info = lapack.dtrtri(chol, lower=1, overwrite_c=1)
        if info != 0:
            raise np.linalg.LinAlgError(f"GP posterior: LAPACK info {info} on {len(seen)} seen cells")
        alpha = np.zeros(cells)                # (K + D)^-1 zbar, zero at unseen cells
        alpha[seen] = m.T @ (m @ self.zbar[seen])
        var = np.full(cells, np.nan)
        var[seen] = v - v * v * np.einsum("ij,ij->j", m, m)
        unseen = q[self.n[q] == 0]
        if len(unseen):
            var[unseen] = self.os - ((m @ rows[:, unseen]) ** 2).sum(0)
        everywhere = len(q) == cells and (q == np.arange(cells)).all()
        mean = kc @ alpha if everywhere else kc[q] @ alpha
        return mean, np.sqrt(np.maximum(var[q], 1e-12))

    def _gpytorch(self, seen, v, q):
        import gpytorch

        x = torch.as_tensor(self.xy[seen])
        y = torch.as_tensor(self.zbar[seen])
        lik = gpytorch.likelihoods.FixedNoiseGaussianLikelihood(noise=torch.as_tensor(v), learn_additional_noise=False)

        class Model(gpytorch.models.ExactGP):
            def __init__(self, outer):
                super().__init__(x, y, lik)
                self.mean_module = gpytorch.means.ZeroMean()
                self.covar_module = gpytorch.kernels.ScaleKernel(gpytorch.kernels.RBFKernel())
                self.covar_module.base_kernel.lengthscale = outer.ls
                self.covar_module.outputscale = outer.os

            def forward(self, inp):
                return gpytorch.distributions.MultivariateNormal(self.mean_module(inp), self.covar_module(inp))

        model = Model(self).double()
        model.eval()
        with torch.no_grad(), gpytorch.settings.fast_pred_var(False), gpytorch.settings.max_cholesky_size(10 ** 6):
            f = model(torch.as_tensor(self.xy[q]))
            return f.mean.numpy(), f.variance.clamp_min(1e-12).sqrt().numpy()
