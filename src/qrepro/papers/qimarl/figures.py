"""Paper 004 figures: learning curves of return and coverage (Fig. 6 / 7), the five-axis radar chart (Fig. 12), the
scaling of runtime and memory with the number of UAVs (Table 1, Figs. 2-3) and the sweeps (Figs. 4, 5, 15)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import ScalarFormatter

from ...report import stats_figures
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
                   "on a shared scale; seeds as dots, their mean as a line, the default dashed.",
    "scaling": "Seconds and peak memory per training episode against the number of UAVs N (log scale), beside the "
               "paper's Table 1.",
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
    setup()
    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    for m, g in episodes[episodes.method.isin(methods)].groupby("method"):
        for ax, col in zip(axes, ("return_ext", "coverage", "regret_ep")):
            smooth = g.groupby("seed")[col].transform(lambda s: s.rolling(window, min_periods=1).mean())
            band = g.assign(v=smooth).groupby("episode").v
            mean, lo, hi = band.mean(), band.quantile(0.1), band.quantile(0.9)
            ax.plot(mean.index, mean, color=COLORS.get(m), label=f"{m} ({g.seed.nunique()} seeds)")
            ax.fill_between(mean.index, lo, hi, color=COLORS.get(m), alpha=0.2, lw=0)
    oracle = episodes.groupby("episode").oracle_step_reward.mean() * 100
    axes[0].plot(oracle.index, oracle, color="black", ls=":", label="oracle (T x best step reward)")
    for ax, label in zip(axes, ("extrinsic episode return", "coverage rate", "episode regret vs oracle")):
        ax.set(xlabel="training episode", ylabel=label)
    axes[0].legend(fontsize=8)
    fig.suptitle(f"{title}: MA({window}) mean and 10-90% band over seeds", y=1.02)
    save(fig, path)


def ablation(summary: pd.DataFrame, path) -> None:
    """Table 4 / Fig. 11: % change against QI-MARL when one component is removed, ours (solid) beside the paper's
    (hatched). Positive = the direction the paper reports (reward down, regret up, exploration down)."""
    from .claims import PAPER_TABLE4

    setup()
    base = summary[summary.method == "qimarl"][["reward", "cum_regret", "exploration_ratio"]].mean()
    rows = []
    for m in PAPER_TABLE4:
        s = summary[summary.method == m][["reward", "cum_regret", "exploration_ratio"]].mean()
        if s.isna().all():
            continue
        ours = (100 * (1 - s.reward / base.reward), 100 * (s.cum_regret / base.cum_regret - 1),
                100 * (1 - s.exploration_ratio / base.exploration_ratio))
        for k, metric in enumerate(("reward decrease", "regret increase", "exploration drop")):
            rows.append({"removed": m.removeprefix("qimarl_no"), "metric": metric, "ours": ours[k],
                         "paper": PAPER_TABLE4[m][k]})
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), sharey=False)
    df = pd.DataFrame(rows)
    for ax, (metric, g) in zip(axes, df.groupby("metric", sort=False) if len(df) else []):
        x = np.arange(len(g))
        ax.bar(x - 0.2, g.ours, 0.4, color=[COLORS[f"qimarl_no{r}"] for r in g.removed], label="ours")
        ax.bar(x + 0.2, g.paper, 0.4, color="white", edgecolor="black", hatch="//", label="paper")
        ax.axhline(0, color="black", lw=0.8)
        ax.set(xticks=x, xticklabels=["-" + r for r in g.removed], title=f"{metric} (%)")
    if len(df):
        axes[0].legend(fontsize=8)
    fig.suptitle("Ablations (paper Table 4 / Fig. 11): change against full QI-MARL; > 0 is the paper's direction",
                 y=1.03)
    save(fig, path)


def radar(summary: pd.DataFrame, path) -> None:
    """Five axes of Fig. 12, each divided by the best method: reward, 1/E_conv, coverage, exploration, stability."""
    setup()
    g = summary.groupby("method")
    raw = pd.DataFrame({"reward": g.reward.mean(), "speed": 1 / g.e_conv.mean(), "coverage": g.coverage.mean(),
                        "exploration": g.exploration_ratio.mean(),
                        "stability": (1 - g.reward.std(ddof=0) / g.reward.mean().abs()).clip(0, 1)})
    norm = raw / raw.max().replace(0, np.nan)
    angles = np.linspace(0, 2 * np.pi, len(norm.columns), endpoint=False)
    fig = plt.figure(figsize=(5, 5))
    ax = fig.add_subplot(polar=True)
    for m, r in norm.iterrows():
        v = np.r_[r.to_numpy(), r.iloc[0]]
        ax.plot(np.r_[angles, angles[0]], v, color=COLORS.get(m), label=m)
        ax.fill(np.r_[angles, angles[0]], v, color=COLORS.get(m), alpha=0.15)
    ax.set_xticks(angles, norm.columns)
    ax.set_ylim(0, 1.05)
    ax.set_title("Radar (paper Fig. 12), normalised to the best method")
    ax.legend(fontsize=8, loc="lower right")
    save(fig, path)


def _scaling_series(g: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One method's rows as 'constant density' (the largest grid per N) and, where run, 'fixed area' (the grid
    of the smallest N kept for every N: the paper-literal variant)."""
    dense = g.sort_values("grid").drop_duplicates("n_uav", keep="last").sort_values("n_uav")
    fixed = g[g.grid == dense.grid.iloc[0]].sort_values("n_uav")
    out = {"constant density": dense}
    if len(fixed) > 1 and set(fixed.index) != set(dense.index):
        out["fixed area"] = fixed
    return out


def scaling(table: pd.DataFrame, path) -> None:
    """Seconds and peak memory per training episode against N, ours per method vs the paper's Table 1."""
    setup()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    paper_n = sorted(PAPER_TABLE1)
    for ax, col, k, label in ((axes[0], "s_per_episode", 0, "seconds per training episode"),
                              (axes[1], "peak_rss_mb", 1, "peak memory per run (GB)")):
        for m, g in table.groupby("method"):
            for variant, rows in _scaling_series(g).items():
                y = rows[col] / (1024 if col == "peak_rss_mb" else 1)
                ax.plot(rows.n_uav, y, "-" if variant == "constant density" else "--", marker="o",
                        color=COLORS.get(m), label=f"{m}, {variant} (G = {'/'.join(map(str, rows.grid))})")
        ax.plot(paper_n, [PAPER_TABLE1[n][k] for n in paper_n], "k:", marker="s", label="paper Table 1 (QI-MARL)")
        ax.set(xlabel="number of UAVs N", ylabel=label, xticks=sorted(set(table.n_uav) | set(paper_n)), yscale="log")
        ax.yaxis.set_major_formatter(ScalarFormatter())
        ax.yaxis.set_minor_formatter(ScalarFormatter())
    axes[0].legend(fontsize=7)
    fig.suptitle("Cost per training episode against team size (paper Table 1); one thread, this machine", y=1.02)
    save(fig, path)


SENS_ROWS = (("reward", "final reward (last 10%)"), ("exploration_ratio", "exploration ratio"),
             ("coverage", "coverage rate"), ("cum_rel", "cumulative reward vs default (%)"))
SENS_LABELS = {"kappa_ucb": "kappa_UCB", "alpha_r": "alpha_r", "beta_r": "beta_r", "alpha_h": "alpha_H",
               "tau": "tau", "kappa_bias": "kappa_bias", "eta": "eta", "p": "QAOA depth p"}


def sensitivity(table: pd.DataFrame, path) -> None:
    """Figs. 4, 5, 15 and the depth check, one-at-a-time: one row per swept knob (E-sens above E-map), one column
    per metric on a shared scale (which knob moves what most), seeds as dots, their mean as a line, the default
    dashed. Grid configs (paper tier) stay in the CSV."""
    from .sensitivity import C9_KNOBS, C10_KNOBS, defaults, oat_rows

    setup()
    base = defaults(table)
    ref = table[table.config == "default"].cum_reward.mean()
    table = table.assign(cum_rel=100 * (table.cum_reward / ref - 1))
    swept = {k: rows for k in C9_KNOBS + C10_KNOBS if (rows := oat_rows(table, k))[k].nunique() >= 2}
    fig, axes = plt.subplots(max(1, len(swept)), len(SENS_ROWS), figsize=(12, 1.9 * max(1, len(swept)) + 0.8),
                             squeeze=False, sharey="col")
    for i, (knob, rows) in enumerate(swept.items()):
        color = COLORS["qimarl"] if knob in C9_KNOBS else COLORS["qi_icm"]
        for j, (col, label) in enumerate(SENS_ROWS):
            ax = axes[i, j]
            ax.scatter(rows[knob], rows[col], s=12, color="grey", alpha=0.6, zorder=2)
            means = rows.groupby(knob)[col].mean()
            ax.plot(means.index, means, marker="o", color=color, zorder=3)
            ax.axvline(base[knob], color="black", ls="--", lw=0.8)
            ax.set_xticks(means.index)
            ax.set_xticklabels([f"{v:g}" for v in means.index], fontsize=7)
            ax.set_xlabel(("E-sens: " if knob in C9_KNOBS else "E-map: ") + SENS_LABELS[knob], fontsize=8, labelpad=1)
            if i == 0:
                ax.set_title(label, fontsize=9)
            if col == "cum_rel":
                ax.axhline(0, color="black", lw=0.6)
    seeds = int(table.groupby("config").seed.nunique().min()) if len(table) else 0
    fig.suptitle("QI-MARL sensitivity, one knob at a time (paper Figs. 4, 5, 15; Table 6 depth)\n"
                 f"{seeds} seed(s) per value (dots), mean (line), default value dashed", y=1.0)
    fig.tight_layout()
    save(fig, path)


def sample_complexity(sc: pd.DataFrame, path) -> None:
    models = [m for m in SAMPLE_COMPLEXITY if m in set(sc.model)]
    stats_figures.sample_complexity(sc, path, models, {}, COLORS, "eps (V = R / (T r*) >= 1 - eps)", "agent-steps")
