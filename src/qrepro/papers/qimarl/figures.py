"""Paper 004 figures: learning curves of return and coverage (Fig. 6 / 7), the five-axis radar chart (Fig. 12), the
scaling of runtime and memory with the number of UAVs (Table 1, Figs. 2-3) and the sweeps (Figs. 4, 5, 15)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

from ...report import stats_figures
from ...report.stats_figures import FULL_WIDTH, declutter_ticks, legend_below
from ...report.style import save, setup
from .claims import PAPER_TABLE1

# what each figure shows, whatever the tier: the PDF report's captions and Snakemake's report's (workflow/report/)
CAPTIONS = {
    "curves": "QI-MARL and the baselines: return, coverage and regret against the greedy oracle per training "
              "episode; MA(20) mean and 10-90% band over seeds (paper Figs. 6, 7, 10).",
    "variants": "QI-MARL against its controls (QAOA replaced by exact, random or annealed proposals; spec E-ctrl) "
                "and its ablations (Table 4), as above.",
    "ablation": "Ablations: change against full QI-MARL, ours (seed mean, bars: min..max over seeds) beside the "
                "paper's Table 4 (hatched).",
    "radar": "The five axes of the paper's Fig. 12, each divided by the best method's value.",
    "sample_complexity": "Sample complexity of QI-MARL, its controls and the baselines with 5-95% cluster-bootstrap "
                         "ranges; hollow markers are censored at the budget.",
    "sensitivity": "One-at-a-time sweeps (paper Figs. 4, 5, 15; Table 6 depth): a row per knob, a column per metric "
                   "on a shared scale; seeds as dots with a min..max bar, their mean as a line, the default dashed.",
    "scaling": "Seconds and peak memory per training episode against the number of UAVs N (log scale), beside the "
               "paper's Table 1; where several seeds ran, the median with a min..max bar.",
}

# the DVC plots of this paper (dvc.yaml's top-level plots, by qrepro.publication.dvc_stages; each template is
# workflow/report/dvc_plots/<template>.json): the training return (after `dvc pull`) and the git-tracked
# sample-complexity table
DVC_PLOTS = {
    "qimarl_return": dict(file="results/qimarl/episodes.csv", x="episode", y="return_ext", template="mean_by_method",
                          title="qimarl: extrinsic return per training episode, mean over seeds",
                          x_label="training episode", y_label="extrinsic return"),
    "qimarl_sample_complexity": dict(file="results/qimarl/sample_complexity.csv", x="eps", y="S",
                                     template="sample_complexity", title="qimarl: sample complexity S",
                                     x_label="eps (V >= 1 - eps)", y_label="S (agent-steps)"),
}

COLORS = {"qimarl": "#7b3294", "qimarl_exact": "#c2a5cf", "qimarl_random": "#969696", "qimarl_sa": "#525252",
          "qi_icm": "#e7298a",
          "icm": "#66a61e", "rnd": "#e6ab02", "ppo": "#1b9e77", "ddpg": "#d95f02", "iql": "#a6761d",
          "qimarl_noqaoa": "#2166ac",
          "qimarl_nogp": "#92c5de", "qimarl_noentropy": "#b2182b", "qimarl_noshared": "#f4a582"}
MAIN = ("qimarl", "qi_icm", "icm", "rnd", "ppo", "ddpg")                        # Figs. 6, 7, 10 and Table 3
VARIANTS = ("qimarl", "qimarl_exact", "qimarl_random", "qimarl_sa", "qimarl_noqaoa", "qimarl_nogp", "qimarl_noentropy",
            "qimarl_noshared")
SAMPLE_COMPLEXITY = ("qimarl", "qimarl_exact", "qimarl_sa", "ppo", "ddpg", "iql")   # the C4s rivals and the controls


def curves(episodes: pd.DataFrame, path, window: int = 20, methods=MAIN,
           title: str = "QI-MARL vs baselines (paper Figs. 6, 7, 10)") -> None:
    """Return, coverage and regret per training episode (three panels of a 2 x 2 grid; the fourth holds the
    legend): MA(window) per seed, then the mean and 10-90% band over seeds."""
    setup()
    fig, grid = plt.subplots(2, 2, figsize=(FULL_WIDTH, 5.6), sharex=True)
    axes = [grid[0, 0], grid[0, 1], grid[1, 0]]
    for m, g in episodes[episodes.method.isin(methods)].groupby("method"):
        for ax, col in zip(axes, ("return_ext", "coverage", "regret_ep")):
            smooth = g.groupby("seed")[col].transform(lambda s: s.rolling(window, min_periods=1).mean())
            band = g.assign(v=smooth).groupby("episode").v
            mean, lo, hi = band.mean(), band.quantile(0.1), band.quantile(0.9)
            n = g.seed.nunique()
            ax.plot(mean.index, mean, color=COLORS.get(m), label=f"{m} ({n} seed{'' if n == 1 else 's'})")
            ax.fill_between(mean.index, lo, hi, color=COLORS.get(m), alpha=0.2, lw=0)
    oracle = episodes.groupby("episode").oracle_step_reward.mean() * 100
    axes[0].plot(oracle.index, oracle, color="black", ls=":", label="oracle (T x best step reward)")
    for ax, label in zip(axes, ("extrinsic episode return", "coverage rate", "episode regret vs oracle")):
        ax.set(ylabel=label)
    axes[1].xaxis.set_tick_params(labelbottom=True)
    for ax in (axes[1], axes[2]):
        ax.set_xlabel("training episode")
    grid[1, 1].axis("off")
    grid[1, 1].legend(*axes[0].get_legend_handles_labels(), loc="center", frameon=False)
    fig.suptitle(f"{title}\nMA({window}) mean (line) and 10-90% band over seeds")
    fig.tight_layout()
    declutter_ticks(fig)
    save(fig, path)


def ablation(summary: pd.DataFrame, path) -> None:
    """Table 4 / Fig. 11: % change against QI-MARL when one component is removed, ours (solid: mean over seeds,
    bars: min..max over seeds, each seed against full QI-MARL's seed mean) beside the paper's (hatched). Positive =
    the direction the paper reports (reward down, regret up, exploration down)."""
    from .claims import PAPER_TABLE4

    setup()
    cols = ["reward", "cum_regret", "exploration_ratio"]
    base = summary[summary.method == "qimarl"][cols].mean()
    rows = []
    for m in PAPER_TABLE4:
        s = summary[summary.method == m][cols]
        if s.isna().all().all() or s.empty:
            continue
        per_seed = pd.DataFrame({"reward decrease": 100 * (1 - s.reward / base.reward),
                                 "regret increase": 100 * (s.cum_regret / base.cum_regret - 1),
                                 "exploration drop": 100 * (1 - s.exploration_ratio / base.exploration_ratio)})
        for k, metric in enumerate(per_seed.columns):
            v = per_seed[metric].dropna()
            rows.append({"removed": m.removeprefix("qimarl_no"), "metric": metric, "ours": v.mean(),
                         "lo": v.min(), "hi": v.max(), "n": len(v), "paper": PAPER_TABLE4[m][k]})
    fig, axes = plt.subplots(1, 3, figsize=(FULL_WIDTH, 3.3), sharey=False)
    df = pd.DataFrame(rows)
    for ax, (metric, g) in zip(axes, df.groupby("metric", sort=False) if len(df) else []):
        x = np.arange(len(g))
        ax.bar(x - 0.2, g.ours, 0.4, color=[COLORS[f"qimarl_no{r}"] for r in g.removed], label="ours (seed mean)")
        ax.errorbar(x - 0.2, g.ours, yerr=[g.ours - g.lo, g.hi - g.ours], fmt="none", ecolor="black", capsize=3,
                    lw=1, label="min..max over seeds")
        ax.bar(x + 0.2, g.paper, 0.4, color="white", edgecolor="black", hatch="//", label="paper Table 4")
        ax.axhline(0, color="black", lw=0.8)
        ax.set_xticks(x, ["-" + r for r in g.removed], rotation=90)
        ax.set_title(f"{metric} (%)")
    seeds = f"{int(df.n.min())}-{int(df.n.max())}" if len(df) and df.n.min() != df.n.max() else \
        (str(int(df.n.min())) if len(df) else "0")
    seeds += " seed" if seeds == "1" else " seeds"
    if len(df):
        fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
                   frameon=False)
    fig.suptitle(f"Ablations (paper Table 4 / Fig. 11): change against full QI-MARL, {seeds} each\n"
                 "> 0 is the paper's direction")
    fig.tight_layout()
    declutter_ticks(fig)
    save(fig, path)


def radar(summary: pd.DataFrame, path) -> None:
    """Five axes of Fig. 12, each divided by the best method: reward, 1/E_conv, coverage, exploration, stability
    (printed at half the frame width, so drawn about 3.6 in wide, legend below)."""
    setup()
    g = summary.groupby("method")
    raw = pd.DataFrame({"reward": g.reward.mean(), "speed": 1 / g.e_conv.mean(), "coverage": g.coverage.mean(),
                        "exploration": g.exploration_ratio.mean(),
                        "stability": (1 - g.reward.std(ddof=0) / g.reward.mean().abs()).clip(0, 1)})
    norm = raw / raw.max().replace(0, np.nan)
    angles = np.linspace(0, 2 * np.pi, len(norm.columns), endpoint=False)
    fig = plt.figure(figsize=(3.6, 3.9))
    ax = fig.add_subplot(polar=True)
    for m, r in norm.iterrows():
        v = np.r_[r.to_numpy(), r.iloc[0]]
        ax.plot(np.r_[angles, angles[0]], v, color=COLORS.get(m), label=m)
        ax.fill(np.r_[angles, angles[0]], v, color=COLORS.get(m), alpha=0.15)
    ax.set_xticks(angles, norm.columns)
    ax.tick_params(axis="x", pad=6)
    ax.set_ylim(0, 1.05)
    ax.set_yticks([0.25, 0.5, 0.75, 1.0], ["", "0.5", "", "1"])
    ax.set_rlabel_position(180 / len(norm.columns))         # between the first two axes, clear of their names
    ax.set_title("Radar (paper Fig. 12),\nnormalised to the best method", pad=14)
    legend_below(ax, ncol=3, frameon=False, handlelength=1.2,
              columnspacing=0.8)
    save(fig, path)


def _scaling_series(g: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One method's rows (one per (N, G), seeds already pooled) as 'constant density' (the largest grid per N) and,
    where run, 'fixed area' (the grid of the smallest N kept for every N: the paper-literal variant)."""
    dense = g.sort_values("grid").drop_duplicates("n_uav", keep="last").sort_values("n_uav")
    fixed = g[g.grid == dense.grid.iloc[0]].sort_values("n_uav")
    out = {"constant density": dense}
    if len(fixed) > 1 and set(fixed.index) != set(dense.index):
        out["fixed area"] = fixed
    return out


def _log_ticks(axis) -> None:
    """Readable log-axis labels: 1-2-5 per decade as plain numbers, no minor labels (thinned further by
    :func:`declutter_ticks` where they would still overlap)."""
    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_locator(LogLocator(base=10, subs=np.arange(1, 10)))
    axis.set_minor_formatter(NullFormatter())


def scaling(table: pd.DataFrame, path) -> None:
    """Seconds and peak memory per training episode against N (both axes log), ours per method vs the paper's
    Table 1; where a cell has several seeds, the median with min..max bars."""
    setup()
    fig, axes = plt.subplots(1, 2, figsize=(FULL_WIDTH, 3.3))
    paper_n = sorted(PAPER_TABLE1)
    cols = ["s_per_episode", "peak_rss_mb"]
    cells = table.groupby(["method", "n_uav", "grid"])[cols].agg(["median", "min", "max"])
    cells.columns = [f"{c}_{s}" for c, s in cells.columns]
    cells = cells.reset_index()
    for ax, col, k, label in ((axes[0], "s_per_episode", 0, "seconds per training episode"),
                              (axes[1], "peak_rss_mb", 1, "peak memory per run (GB)")):
        div = 1024 if col == "peak_rss_mb" else 1
        for m, g in cells.groupby("method"):
            for variant, rows in _scaling_series(g).items():
                y = rows[f"{col}_median"] / div
                ax.errorbar(rows.n_uav, y, yerr=[y - rows[f"{col}_min"] / div, rows[f"{col}_max"] / div - y],
                            fmt=("-" if variant == "constant density" else "--") + "o", capsize=3, ms=4,
                            color=COLORS.get(m), label=f"{m}, {variant} (G = {'/'.join(map(str, rows.grid))})")
        ax.plot(paper_n, [PAPER_TABLE1[n][k] for n in paper_n], "k:", marker="s", ms=4,
                label="paper Table 1 (QI-MARL)")
        ax.set(xlabel="number of UAVs N", ylabel=label, xscale="log", yscale="log")
        ax.set_xticks(sorted(set(table.n_uav) | set(paper_n)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.xaxis.set_minor_formatter(NullFormatter())
        _log_ticks(ax.yaxis)
    fig.suptitle("Cost per training episode against team size (paper Table 1)\none thread, this machine; "
                 "bars: min..max over seeds where several ran")
    fig.tight_layout()
    fig.legend(*axes[0].get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2,
               frameon=False)
    declutter_ticks(fig)
    save(fig, path)


SENS_ROWS = (("reward", "final reward\n(last 10%)"), ("exploration_ratio", "exploration ratio"),
             ("coverage", "coverage rate"), ("cum_rel", "cum. reward vs\ndefault (%)"))
SENS_LABELS = {"kappa_ucb": "kappa_UCB", "alpha_r": "alpha_r", "beta_r": "beta_r", "alpha_h": "alpha_H",
               "tau": "tau", "kappa_bias": "kappa_bias", "eta": "eta", "p": "QAOA depth p"}


def sensitivity(table: pd.DataFrame, path) -> None:
    """Figs. 4, 5, 15 and the depth check, one-at-a-time: one row per swept knob (E-sens above E-map), one column
    per metric on a shared scale (which knob moves what most). The knob's values sit equally spaced (labelled with
    their values, so that close values such as eta's never overlap); seeds as dots, their min..max as a bar, their
    mean as a line, the default dashed. Grid configs (paper tier) stay in the CSV."""
    from .sensitivity import C9_KNOBS, C10_KNOBS, defaults, oat_rows

    setup()
    base = defaults(table)
    ref = table[table.config == "default"].cum_reward.mean()
    table = table.assign(cum_rel=100 * (table.cum_reward / ref - 1))
    swept = {k: rows for k in C9_KNOBS + C10_KNOBS if (rows := oat_rows(table, k))[k].nunique() >= 2}
    n = max(1, len(swept))
    row_h = min(1.7, 8.4 / n)                      # at most ~9.5 in tall: the page's frame holds it at full width
    fig, axes = plt.subplots(n, len(SENS_ROWS), figsize=(FULL_WIDTH, row_h * n + 1.0), squeeze=False, sharey="col")
    for i, (knob, rows) in enumerate(swept.items()):
        color = COLORS["qimarl"] if knob in C9_KNOBS else COLORS["qi_icm"]
        values = np.sort(rows[knob].unique())
        pos = pd.Series(np.arange(len(values)), index=values)
        for j, (col, label) in enumerate(SENS_ROWS):
            ax = axes[i, j]
            x = rows[knob].map(pos)
            stats = rows.groupby(knob)[col].agg(["mean", "min", "max"]).reindex(values)
            ax.vlines(pos.to_numpy(), stats["min"], stats["max"], color="grey", lw=1, zorder=1)
            ax.scatter(x, rows[col], s=10, color="grey", alpha=0.7, zorder=2)
            ax.plot(pos.to_numpy(), stats["mean"], marker="o", ms=4, color=color, zorder=3)
            ax.axvline(np.interp(base[knob], values, pos.to_numpy()), color="black", ls="--", lw=0.8)
            labels = [f"{v:g}" for v in values]
            ax.set_xticks(pos.to_numpy(), labels, rotation=90 if sum(map(len, labels)) + 2 * len(labels) > 16 else 0)
            ax.set_xlim(-0.5, len(values) - 0.5)
            if j == 0:
                ax.set_ylabel(("E-sens:\n" if knob in C9_KNOBS else "E-map:\n") + SENS_LABELS[knob])
            if i == 0:
                ax.set_title(label)
            if col == "cum_rel":
                ax.axhline(0, color="black", lw=0.6)
    seeds = int(table.groupby("config").seed.nunique().min()) if len(table) else 0
    fig.suptitle("QI-MARL sensitivity, one knob at a time (paper Figs. 4, 5, 15; Table 6 depth)\n"
                 f"{seeds} seed(s) per value: dots, bar min..max; line: mean; dashed: default")
    fig.tight_layout()
    declutter_ticks(fig)
    save(fig, path)


def sample_complexity(sc: pd.DataFrame, path) -> None:
    models = [m for m in SAMPLE_COMPLEXITY if m in set(sc.model)]
    stats_figures.sample_complexity(sc, path, models, {}, COLORS, "eps (V = R / (T r*) >= 1 - eps)", "agent-steps")
