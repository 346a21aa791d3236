"""qrlbench figures: validation curves per model and the sample-complexity grid (Fig. 6 equivalent)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ...io import atomic_path
from ...report import stats_figures
from ...report.stats_figures import FULL_WIDTH, declutter_ticks, legend_below
from ...report.style import save, setup

# what each figure shows, whatever the tier: the PDF report's captions and Snakemake's report's (workflow/report/)
CAPTIONS = {
    "curves": "Validation ratio V per epoch on BeamManagement6G (main layout), DDQN and (where run) PPO: mean over "
              "runs (line) and interquartile range (band).",
    "sample_complexity": "DDQN sample complexity S per model and (eps, delta) cell with 5-95% cluster-bootstrap "
                         "ranges (paper Fig. 6); hollow markers are censored at the budget.",
    "ppo_sample_complexity": "PPO sample complexity with 5-95% cluster-bootstrap ranges (paper Fig. 17).",
    "surface": "Point estimates of S (thousand env steps) over the paper's Fig. 1 eps x delta grid, one panel per "
               "model.",
    "size": "S against trainable parameters at eps = 0.15, delta = 0.75 with 5-95% cluster-bootstrap ranges "
            "(paper Fig. 7).",
    "sweeps": "S against trajectory degree and antenna count at the loosest grid cell, with 5-95% ranges "
              "(paper Fig. 20).",
    "cartpole": "CartPole (paper Fig. 9, approximate setup): learning curves, the quantum / classical S ratio over "
                "the eps-delta grid, and the cross-cut at the tightest eps.",
    "estimator_bias": "How the S_hat indicator 1[P_hat_t < delta] smooths the step at P_t = delta (paper Fig. 16): "
                      "Monte Carlo, exact binomial and Theorem B.3's normal approximation.",
    "policy_test": "Best trained instances against the optimal and a random policy on fresh test trajectories "
                   "(paper Fig. 8).",
}

# the DVC plots of this paper (dvc.yaml's top-level plots, by qrepro.publication.dvc_stages; each template is
# workflow/report/dvc_plots/<template>.json): the validation curves (after `dvc pull`) and the git-tracked
# sample-complexity table
DVC_PLOTS = {
    "qrlbench_validation": dict(file="results/qrlbench/validation_curves.csv", x="env_steps", y="V",
                                template="mean_by_model_per_env", title="qrlbench: validation V, mean over runs",
                                x_label="environment steps (CartPole: episodes)", y_label="V"),
    "qrlbench_sample_complexity": dict(file="results/qrlbench/sample_complexity.csv", x="eps", y="S",
                                       template="sample_complexity", title="qrlbench: sample complexity S",
                                       x_label="eps (V >= 1 - eps)", y_label="S"),
}


def model_order(models) -> list[str]:
    """Classical by width, then quantum by qubits (as Fig. 6 orders by size within a family)."""
    return sorted(models, key=lambda m: (m[0], int(m[1:].split("-")[0]), int(m.split("-")[1])))


def model_colors(models) -> dict:
    c = [m for m in models if m.startswith("C")]
    q = [m for m in models if m.startswith("Q")]
    pal = dict(zip(c, sns.color_palette("Blues", len(c) + 2)[2:]))
    pal.update(zip(q, sns.color_palette("Purples", len(q) + 2)[2:]))
    return pal


def validation_curves(curves: pd.DataFrame, path) -> None:
    """Mean validation ratio per epoch with the interquartile band over runs; one panel per algorithm."""
    setup()
    algos = sorted(curves.algo.unique())
    colors = model_colors(model_order(curves.model.unique()))
    fig, axes = plt.subplots(1, len(algos), figsize=(FULL_WIDTH, 3.4), squeeze=False, sharey=True)
    for ax, algo in zip(axes[0], algos):
        ca = curves[curves.algo == algo]
        for m in model_order(ca.model.unique()):
            cm = ca[ca.model == m]
            g = cm.groupby("env_steps").V
            q = g.quantile([0.25, 0.75]).unstack()
            ax.plot(q.index, g.mean(), color=colors[m],
                    label=f"{m} ({int(cm.n_params.iloc[0])} params, n={cm.seed.nunique()})")
            ax.fill_between(q.index, q[0.25], q[0.75], color=colors[m], alpha=0.2, lw=0)
        ax.set(xlabel="environment steps", ylim=(0, 1.02), title=algo.upper())
        legend_below(ax, ncol=1, frameon=False)
    axes[0, 0].set_ylabel("validation V\n(sum selected / sum optimal)")
    fig.suptitle("BeamManagement6G a3-main: mean (line) and IQR (band) over runs")
    fig.tight_layout()
    declutter_ticks(fig)
    save(fig, path)


def _skip(path) -> None:
    """A figure this tier has no data for: nothing is drawn and ``path`` is left as an empty (0-byte) file, so that
    the rule's declared output exists; the report leaves out any figure whose file is empty."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(b"")


def sample_complexity(sc: pd.DataFrame, path, config: str):
    """S table of one ``<env>/<algo>`` config; returns ``path``, or None (and an empty file, :func:`_skip`) if the
    config was not run."""
    algo = config.rsplit("/", 1)[-1]
    sc = sc[sc.config == config]
    if sc.empty:
        _skip(path)
        return None
    models = model_order(sc.model.unique())
    stats_figures.sample_complexity(sc, path, models, {}, model_colors(models), f"eps (V >= 1 - eps), {algo.upper()}")
    return path


def surface(surf: pd.DataFrame, path) -> None:
    """Fig. 1 equivalent: point estimates of S over the eps x delta grid, one heatmap per model (two to four per
    row, one shared colour scale; the values are written in the cells where two panels or fewer share a row)."""
    setup()
    models = model_order(surf.model.unique())
    ncols = len(models) if len(models) <= 2 else 2 if len(models) == 4 else 3 if len(models) <= 9 else 4
    nrows = -(-len(models) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH, 0.9 + (2.3 if nrows < 4 else 2.0) * nrows),
                             squeeze=False, layout="constrained")
    vmax = surf.S.max() / 1000
    for k, (ax, m) in enumerate(zip(axes.ravel(), models)):
        grid = surf[surf.model == m].pivot(index="eps", columns="delta", values="S").sort_index(ascending=False)
        sns.heatmap(grid / 1000, ax=ax, vmin=0, vmax=vmax, cmap="viridis", cbar=False,
                    annot=grid.shape[1] <= 7 and ncols <= 2, fmt=".0f", annot_kws={"fontsize": 8},
                    xticklabels=[f"{d:g}" for d in grid.columns], yticklabels=[f"{e:g}" for e in grid.index])
        ax.tick_params(axis="x", rotation=90 if ncols > 3 else 0)
        ax.tick_params(axis="y", rotation=0)
        ax.set(title=m, xlabel="delta" if k + ncols >= len(models) else "", ylabel="eps" if k % ncols == 0 else "")
    for ax in axes.ravel()[len(models):]:
        ax.set_visible(False)
    fig.colorbar(axes[0, 0].collections[0], ax=axes, shrink=0.9 if nrows < 3 else 0.5, label="S (thousand env steps)")
    fig.suptitle("Sample complexity surfaces (paper Fig. 1; point estimates)")
    declutter_ticks(fig)
    save(fig, path)


def size_scaling(sc: pd.DataFrame, curves: pd.DataFrame, path, eps: float = 0.15, delta: float = 0.75) -> None:
    """Fig. 7 equivalent: S at one (eps, delta) cell against parameter count, classical vs quantum (printed at
    0.7 of the frame width, so drawn 5 in wide)."""
    setup()
    params = curves.groupby("model").n_params.first()
    cell = sc[np.isclose(sc.eps, eps) & np.isclose(sc.delta, delta)].copy()
    fig, ax = plt.subplots(figsize=(5.0, 3.4))
    if cell.empty:
        ax.text(0.5, 0.5, f"cell eps={eps}, delta={delta} not in the grid", ha="center", transform=ax.transAxes)
    for kind, marker, label in (("C", "o", "classical C[W-D]"), ("Q", "s", "hybrid Q[n-L]")):
        r = cell[cell.model.str.startswith(kind)].assign(n=lambda d: d.model.map(params)).sort_values("n")
        if r.empty:
            continue
        ax.errorbar(r.n, r.S, yerr=[r.S - r.lo, r.hi - r.S], fmt=marker + "-", capsize=3, label=label)
        for row in r.itertuples():
            ax.annotate(row.model, (row.n, row.S), textcoords="offset points", xytext=(4, 4), fontsize=8)
    ax.set_xscale("log")
    ax.set(xlabel="trainable parameters", ylabel="sample complexity S (env steps)",
           title=f"S vs model size at eps = {eps}, delta = {delta}\n(paper Fig. 7; bars: 5-95% ranges)")
    if ax.get_legend_handles_labels()[0]:
        legend_below(ax, ncol=2, frameon=False)
    declutter_ticks(fig)
    save(fig, path)


def sweeps(sc: pd.DataFrame, main_layout: str, path):
    """Fig. 20 equivalent at the loosest grid cell: S vs trajectory degree (main layout) and mean S over
    random layout instances vs antenna count; DDQN only. Returns ``path``, or None when the tier has neither
    sweep: then nothing is drawn and ``path`` is an empty file (:func:`_skip`)."""
    from .config import parse_env

    d = sc[sc.config.str.endswith("/ddqn")].copy()
    d["env"] = d.config.str.rsplit("/", n=1).str[0]
    d["layout"] = d.env.map(lambda e: parse_env(e)[0])
    d["degree"] = d.env.map(lambda e: parse_env(e)[1])
    eps, delta = d.eps.max(), d.delta.min()
    d = d[(d.eps == eps) & (d.delta == delta)]
    deg = d[d.layout == main_layout]
    rnd = d[d.layout != "a3-main"].assign(A=lambda x: x.layout.str.extract(r"^a(\d+)-")[0].astype(float))
    if deg.degree.nunique() < 2 and rnd.A.nunique() < 1:
        _skip(path)
        return None
    setup()
    colors = model_colors(model_order(d.model.unique()))
    fig, axes = plt.subplots(1, 2, figsize=(FULL_WIDTH, 3.4))
    for m, g in deg.groupby("model"):
        g = g.sort_values("degree")
        axes[0].errorbar(g.degree, g.S, yerr=[g.S - g.lo, g.hi - g.S], fmt="o--", color=colors[m], capsize=3, label=m)
    axes[0].set(xlabel="trajectory degree", ylabel="S (env steps)", title=f"{main_layout}: degree sweep")
    for m, g in rnd.groupby("model"):
        axes[1].scatter(g.A, g.S, color=colors[m], alpha=0.5, s=15)
        mean = g.groupby("A").S.mean()
        axes[1].plot(mean.index, mean.values, "--", marker="o", color=colors[m], label=f"{m} (mean over instances)")
    axes[1].set(xlabel="antennas", ylabel="S (env steps)", title="random layouts: antenna count")
    for ax, values in ((axes[0], deg.degree), (axes[1], rnd.A)):
        if ax.has_data():
            ax.set_xticks(sorted(values.unique()), [f"{v:g}" for v in sorted(values.unique())])
            legend_below(ax, ncol=1)
    fig.suptitle(f"S sweeps at eps = {eps:g}, delta = {delta:g} (paper Fig. 20; bars: 5-95% ranges)")
    fig.tight_layout()
    declutter_ticks(fig)
    save(fig, path)
    return path


def cartpole(curves: pd.DataFrame, sc: pd.DataFrame, path):
    """Fig. 9 equivalent (E8, approximate setup): greedy validation return per episode count, the quantum /
    classical ratio of S over the eps-delta grid (hatched where Definition 4.2 separates them), and the cross-cut
    at the tightest eps with 5-95% cluster-bootstrap ranges. Learning curves on top, the two S panels below.
    Returns ``path``, or None (and an empty file, :func:`_skip`) when the tier has no CartPole runs."""
    cur, s = curves[curves.env == "cartpole"], sc[sc.config == "cartpole/vpg"]
    if cur.empty:
        _skip(path)
        return None
    setup()
    models = model_order(cur.model.unique())
    colors = model_colors(models)
    fig = plt.figure(figsize=(FULL_WIDTH, 7.0), layout="constrained")
    grid = fig.add_gridspec(2, 2, height_ratios=[1, 1.2], width_ratios=[1.3, 1])
    ax = fig.add_subplot(grid[0, :])
    axes = [ax, fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1])]
    for m in models:
        g = cur[cur.model == m].groupby("env_steps").V
        q = g.quantile([0.25, 0.75]).unstack()
        n = cur[cur.model == m]
        ax.plot(q.index, 500 * g.mean(), color=colors[m],
                label=f"{m} ({int(n.n_params.iloc[0])} params, n={n.seed.nunique()})")
        ax.fill_between(q.index, 500 * q[0.25], 500 * q[0.75], color=colors[m], alpha=0.2, lw=0)
    ax.set(xlabel="training episodes", ylabel="greedy validation return", ylim=(0, 510),
           title="CartPole-v1, VPG: mean (line) and IQR (band) over runs")
    legend_below(ax, ncol=2, frameon=False)
    qs, cs = [m for m in models if m.startswith("Q")], [m for m in models if m.startswith("C")]
    if s.empty or not qs or not cs:
        for a in axes[1:]:
            a.axis("off")
    else:
        q, c = qs[0], cs[0]
        w = {m: s[s.model == m].set_index(["eps", "delta"]).sort_index() for m in (q, c)}
        ratio = np.log2(w[q].S.clip(lower=1) / w[c].S.clip(lower=1)).unstack("delta").sort_index(ascending=False)
        label = np.where(w[q].hi < w[c].lo, "Q", np.where(w[c].hi < w[q].lo, "C",
                                                           np.where(w[q].censored & w[c].censored, "cap", "")))
        label = pd.Series(label, index=w[q].index).unstack("delta").sort_index(ascending=False)
        lim = max(1.0, float(np.abs(ratio.to_numpy()).max()))
        sns.heatmap(ratio, ax=axes[1], cmap="RdBu_r", vmin=-lim, vmax=lim, annot=label, fmt="",
                    annot_kws={"fontsize": 8}, xticklabels=[f"{d:g}" for d in ratio.columns],
                    yticklabels=[f"{e:g}" for e in ratio.index],
                    cbar_kws={"label": f"log2 S({q}) / S({c})", "pad": 0.03, "shrink": 0.8})
        axes[1].tick_params(axis="y", rotation=0)
        axes[1].tick_params(axis="x", rotation=0)
        axes[1].set(xlabel="delta", ylabel="eps", title="S ratio (blue: quantum fewer)\nQ / C: Def. 4.2; cap: "
                    "both censored")
        eps = s.eps.min()
        for m, off in ((q, -0.01), (c, 0.01)):
            r = s[(s.model == m) & np.isclose(s.eps, eps)].sort_values("delta")
            axes[2].errorbar(r.delta + off, r.S, yerr=[r.S - r.lo, r.hi - r.S], fmt="o-", capsize=3, color=colors[m],
                             label=m)
        axes[2].set(xlabel="delta", ylabel="S (episodes)", title=f"cross-cut at eps = {eps:g}\n(bars: 5-95% ranges)")
        axes[2].set_xticks(sorted(s.delta.unique()), [f"{d:g}" for d in sorted(s.delta.unique())])
        legend_below(axes[2], ncol=2, frameon=False)
    fig.suptitle("CartPole, classical vs quantum VPG\n(paper Fig. 9; approximate setup, spec 001 section 1.2)")
    declutter_ticks(fig)
    save(fig, path)
    return path


def estimator_bias(bias: pd.DataFrame, path) -> None:
    """Fig. 16 equivalent: Monte Carlo P(P_hat_t < delta) (markers), the exact binomial (solid) and Theorem B.3's
    normal approximation (dashed) against P_t, one colour per delta (printed at 0.7 of the frame width, so drawn
    5 in wide, legend below the axes)."""
    setup()
    fig, ax = plt.subplots(figsize=(5.0, 3.4))
    for (d, g), color in zip(bias.groupby("delta"), sns.color_palette("viridis", bias.delta.nunique())):
        ax.plot(g.p_true, g.monte_carlo, "o", ms=2.5, color=color, label=f"delta = {d:g}: Monte Carlo")
        ax.plot(g.p_true, g.exact, "-", lw=1, color=color, alpha=0.7)
        ax.plot(g.p_true, g.clt, "--", lw=1.2, color=color)
    ax.plot([], [], "k-", lw=1, label="exact binomial")
    ax.plot([], [], "k--", lw=1.2, label="normal approx. (Thm B.3)")
    ax.set(xlabel="P_t = 1 - V* (true success probability)", ylabel="P(P_hat_t < delta)",
           title=f"Bias of the S_hat indicator (paper Fig. 16)\nN = {int(bias.n_runs.iloc[0])} runs, V ~ U(0, 1)")
    legend_below(ax, ncol=2, frameon=False, fontsize=8.5)
    save(fig, path)


def policy_test(pt: pd.DataFrame, path) -> None:
    """Fig. 8 equivalent: histograms of the cumulative absolute intensity per test trajectory (30 bins over
    [0, 30]) for the best instances of each tested model, the optimal and a random policy, two panels per row;
    titles give the mean +- sd over instances (over trajectories for optimal / random)."""
    setup()
    models = model_order([m for m in pt.policy.unique() if m not in ("optimal", "random")])
    order = models + ["optimal", "random"]
    colors = {**model_colors(models), "optimal": "black", "random": "grey"}
    ncols = 2
    nrows = -(-len(order) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(FULL_WIDTH, 0.8 + 2.5 * nrows), sharey=True, sharex=True,
                             squeeze=False)
    hi = max(30.0, float(pt.cum_intensity.max()))
    bins = np.linspace(0, hi, 31)
    for k, (ax, name) in enumerate(zip(axes.ravel(), order)):
        d = pt[pt.policy == name]
        ax.hist(d.cum_intensity, bins=bins, color=colors[name], alpha=0.8, density=True)
        per = d.groupby("instance").cum_intensity.mean()
        spread = per.std() if len(per) > 1 else d.cum_intensity.std()
        n_inst = f", {len(per)} instances" if len(per) > 1 else ""
        ax.set_title(f"{name}: {d.cum_intensity.mean():.2f} +- {spread:.2f}{n_inst}")
        if k // ncols == nrows - 1 or k + ncols >= len(order):
            ax.set_xlabel("cumulative intensity")
            ax.xaxis.set_tick_params(labelbottom=True)
        if k % ncols == 0:
            ax.set_ylabel("density")
    for ax in axes.ravel()[len(order):]:
        ax.set_visible(False)
    fig.suptitle(f"Trained policies on {pt.trajectory.nunique()} test trajectories (paper Fig. 8)\ntitles: mean +- sd "
                 "over instances (models) or over trajectories (optimal, random)")
    fig.tight_layout()
    declutter_ticks(fig)
    save(fig, path)
