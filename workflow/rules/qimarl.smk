# Paper 004 (QI-MARL): one training run per method x seed on the UAV relay world, the one-at-a-time sensitivity
# sweeps, the Table 1 scaling runs, sample complexity, aggregation and figures.
from qrepro.papers.qimarl.config import long_runs as qimarl_long_runs
from qrepro.papers.qimarl.config import runs as qimarl_runs
from qrepro.papers.qimarl.config import scale_runs as qimarl_scale_runs
from qrepro.papers.qimarl.config import sweep_configs as qimarl_sweep_configs
from qrepro.papers.qimarl.config import sweep_defaults as qimarl_sweep_defaults
from qrepro.papers.qimarl.config import sweep_overrides as qimarl_sweep_overrides

QIMARL_TIER = tier(config, "qimarl")


wildcard_constraints:
    qimarl_method="|".join(config["qimarl"]["methods"]),
    sweep_config=r"[a-z_]+=[0-9.e-]+(\+[a-z_]+=[0-9.e-]+)*",   # e.g. alpha_r=0.1+beta_r=0
    n_uav=r"\d+",
    grid=r"\d+",


localrules:
    qimarl_sample_complexity,
    qimarl_aggregate,
    qimarl_sensitivity,
    qimarl_scaling,
    qimarl_figures,


rule qimarl_train:
    """One (method, seed) run; resumes from its last checkpoint (every qimarl.checkpoint_every episodes)."""
    output:
        "results/qimarl/runs/{qimarl_method}/seed{seed}/episodes.csv",
    params:
        code=library("qimarl/train.py"),
        env=config["qimarl"]["env"],
        episodes=QIMARL_TIER["episodes"],
        qi=config["qimarl"]["qi"],
        ppo=config["qimarl"]["ppo"],
        offpolicy=config["qimarl"]["offpolicy"],
        checkpoint_every=config["qimarl"]["checkpoint_every"],
        oracle_every=config["qimarl"]["oracle_every"],
    log:
        "logs/qimarl/{qimarl_method}/seed{seed}.log",
    benchmark:
        "benchmarks/qimarl/{qimarl_method}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qimarl_train", runtime=240, mem_mb=1500),
    script:
        "../scripts/qimarl/train.py"


rule qimarl_long_train:
    """C4: one (method, seed) run past the main runs' length, so the convergence episode can be read; resumes."""
    output:
        "results/qimarl/long/{qimarl_method}/seed{seed}/episodes.csv",
    params:
        code=library("qimarl/train.py"),
        env=config["qimarl"]["env"],
        episodes=QIMARL_TIER["long"]["episodes"],
        qi=config["qimarl"]["qi"],
        ppo=config["qimarl"]["ppo"],
        offpolicy=config["qimarl"]["offpolicy"],
        checkpoint_every=config["qimarl"]["checkpoint_every"],
        oracle_every=config["qimarl"]["oracle_every"],
    log:
        "logs/qimarl/long/{qimarl_method}/seed{seed}.log",
    benchmark:
        "benchmarks/qimarl/long/{qimarl_method}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qimarl_long_train", runtime=480, mem_mb=1500),
    script:
        "../scripts/qimarl/train.py"


rule qimarl_scale_train:
    """C12: one (method, seed) full training run at N UAVs on a G x G grid; resumes from its last checkpoint."""
    output:
        "results/qimarl/scale/{qimarl_method}/n{n_uav}_g{grid}/seed{seed}/episodes.csv",
    params:
        code=library("qimarl/train.py"),
        env=lambda wc: {**config["qimarl"]["env"], "n_uav": int(wc.n_uav), "grid": int(wc.grid)},
        episodes=QIMARL_TIER["scale_training"]["episodes"],
        qi=config["qimarl"]["qi"],
        ppo=config["qimarl"]["ppo"],
        offpolicy=config["qimarl"]["offpolicy"],
        checkpoint_every=config["qimarl"]["checkpoint_every"],
        oracle_every=config["qimarl"]["oracle_every"],
    log:
        "logs/qimarl/scale/{qimarl_method}/n{n_uav}_g{grid}/seed{seed}.log",
    benchmark:
        "benchmarks/qimarl/scale/{qimarl_method}/n{n_uav}_g{grid}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qimarl_scale_train", runtime=480, mem_mb=3000),
    script:
        "../scripts/qimarl/train.py"


rule qimarl_sweep_train:
    """E-sens / E-map / E-depth: one QI-MARL run with one knob (or a grid pair) moved from its default."""
    output:
        "results/qimarl/sweep/{sweep_config}/seed{seed}/episodes.csv",
    params:
        code=library("qimarl/train.py"),
        env=config["qimarl"]["env"],
        episodes=QIMARL_TIER["sweep"]["episodes"],
        qi=lambda wc: {**config["qimarl"]["qi"], **qimarl_sweep_overrides(wc.sweep_config)},
        ppo=config["qimarl"]["ppo"],
        offpolicy=config["qimarl"]["offpolicy"],
        checkpoint_every=config["qimarl"]["checkpoint_every"],
        oracle_every=config["qimarl"]["oracle_every"],
    log:
        "logs/qimarl/sweep/{sweep_config}/seed{seed}.log",
    benchmark:
        "benchmarks/qimarl/sweep/{sweep_config}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qimarl_sweep_train", runtime=240, mem_mb=1500),
    script:
        "../scripts/qimarl/train.py"


rule qimarl_sensitivity:
    """Sweep runs + the main qimarl runs (the default point, truncated to the sweep length) -> one row per run."""
    input:
        sweeps=expand("results/qimarl/sweep/{sweep_config}/seed{seed}/episodes.csv",
                      sweep_config=qimarl_sweep_configs(config), seed=QIMARL_TIER["sweep"]["seeds"]),
        reference=expand("results/qimarl/runs/qimarl/seed{seed}/episodes.csv", seed=QIMARL_TIER["sweep"]["seeds"]),
    output:
        "results/qimarl/sensitivity.csv",
    params:
        code=library("qimarl/sensitivity.py"),
        episodes=QIMARL_TIER["sweep"]["episodes"],
        defaults=qimarl_sweep_defaults(config),
    log:
        "logs/qimarl/sensitivity.log",
    benchmark:
        "benchmarks/qimarl/sensitivity.tsv"
    resources:
        **measured("qimarl_sensitivity", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl/sensitivity.py"


rule qimarl_scaling_run:
    """Table 1: a few timed training episodes of one method at N UAVs on a G x G grid (own process: peak memory)."""
    output:
        "results/qimarl/scaling/{qimarl_method}/n{n_uav}_g{grid}.json",
    params:
        code=library("qimarl/scaling_run.py"),
        env=config["qimarl"]["env"],
        episodes=QIMARL_TIER["scaling"]["episodes"],
        qi=config["qimarl"]["qi"],
        ppo=config["qimarl"]["ppo"],
        offpolicy=config["qimarl"]["offpolicy"],
    log:
        "logs/qimarl/scaling/{qimarl_method}_n{n_uav}_g{grid}.log",
    benchmark:
        "benchmarks/qimarl/scaling/{qimarl_method}_n{n_uav}_g{grid}.tsv"
    threads: 1
    resources:
        **measured("qimarl_scaling_run", runtime=120, mem_mb=4000),
    script:
        "../scripts/qimarl/scaling_run.py"


rule qimarl_scaling:
    """Table 1 (E-scale): the scaling runs -> one table."""
    input:
        [f"results/qimarl/scaling/{m}/n{n}_g{g}.json" for m in QIMARL_TIER["scaling"]["methods"]
         for n, g in QIMARL_TIER["scaling"]["sizes"]],
    output:
        "results/qimarl/scaling.csv",
    params:
        code=library("qimarl/scaling.py"),
    log:
        "logs/qimarl/scaling.log",
    benchmark:
        "benchmarks/qimarl/scaling.tsv"
    resources:
        **measured("qimarl_scaling", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl/scaling.py"


rule qimarl_sample_complexity:
    """qrepro.stats estimator on the oracle-normalised return, cluster bootstrap over seeds, Def. 4.2 pairs."""
    input:
        qimarl_runs(config),
    output:
        table="results/qimarl/sample_complexity.csv",
        pairs="results/qimarl/outperformance.csv",
    params:
        code=library("qimarl/sample_complexity.py"),
        env=config["qimarl"]["env"],
        episodes_per_epoch=QIMARL_TIER["episodes_per_epoch"],
        sc=config["qimarl"]["sample_complexity"],
        seed=config["stats"]["seed"],
    log:
        "logs/qimarl/sample_complexity.log",
    benchmark:
        "benchmarks/qimarl/sample_complexity.tsv"
    resources:
        **measured("qimarl_sample_complexity", runtime=30, mem_mb=1000),
    script:
        "../scripts/qimarl/sample_complexity.py"


rule qimarl_aggregate:
    """Training logs (main, long and team-size runs) -> pooled main log, per-seed summaries (Tables 2, 5), one row
    per run, the compact curves behind the convergence claims, claims C1-C18, DVC metrics."""
    input:
        runs=qimarl_runs(config),
        long=qimarl_long_runs(config),
        scale=qimarl_scale_runs(config),
        scaling="results/qimarl/scaling.csv",
        sensitivity="results/qimarl/sensitivity.csv",
        pairs="results/qimarl/outperformance.csv",
    output:
        episodes="results/qimarl/episodes.csv",
        summary="results/qimarl/summary.csv",
        run_summary="results/qimarl/run_summary.csv",
        curves="results/qimarl/curves.csv",
        claims=report(
            "results/qimarl/claims.csv",
            caption="../report/qimarl/claims.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="claims",
        ),
        dvc_metrics="results/qimarl/summary.json",
    params:
        code=library("qimarl/aggregate.py"),
        env=config["qimarl"]["env"],
        estimator=dict(episodes_per_epoch=QIMARL_TIER["episodes_per_epoch"], sc=config["qimarl"]["sample_complexity"],
                       seed=config["stats"]["seed"]),
    log:
        "logs/qimarl/aggregate.log",
    benchmark:
        "benchmarks/qimarl/aggregate.tsv"
    resources:
        **measured("qimarl_aggregate", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl/aggregate.py"


rule qimarl_figures:
    """Learning curves, variants, radar (Fig. 12), ablation (Table 4), scaling, sensitivity and sample complexity."""
    input:
        episodes="results/qimarl/episodes.csv",
        summary="results/qimarl/summary.csv",
        scaling="results/qimarl/scaling.csv",
        sensitivity="results/qimarl/sensitivity.csv",
        sc="results/qimarl/sample_complexity.csv",
    output:
        curves=report(
            "reports/figures/qimarl_curves.png",
            caption="../report/qimarl/curves.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="figures",
        ),
        variants=report(
            "reports/figures/qimarl_variants.png",
            caption="../report/qimarl/variants.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="figures",
        ),
        radar=report(
            "reports/figures/qimarl_radar.png",
            caption="../report/qimarl/radar.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="figures",
        ),
        ablation=report(
            "reports/figures/qimarl_ablation.png",
            caption="../report/qimarl/ablation.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="figures",
        ),
        scaling=report(
            "reports/figures/qimarl_scaling.png",
            caption="../report/qimarl/scaling.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="figures",
        ),
        sensitivity=report(
            "reports/figures/qimarl_sensitivity.png",
            caption="../report/qimarl/sensitivity.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="figures",
        ),
        sample_complexity=report(
            "reports/figures/qimarl_sample_complexity.png",
            caption="../report/qimarl/sample_complexity.rst",
            category=f"Chapter {KEYS.index('qimarl') + 2}: qimarl",
            subcategory="figures",
        ),
    params:
        code=library("qimarl/figures.py"),
    log:
        "logs/qimarl/figures.log",
    benchmark:
        "benchmarks/qimarl/figures.tsv"
    resources:
        **measured("qimarl_figures", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl/figures.py"


# what the ledger and the report read of this paper (report.smk)
LEDGER["qimarl"] = dict(inputs=dict(summary="results/qimarl/summary.csv", claims="results/qimarl/claims.csv"),
                        params=dict())
REPORT["qimarl"] = dict(
    inputs=dict(summary="results/qimarl/summary.csv", claims="results/qimarl/claims.csv",
                scaling="results/qimarl/scaling.csv", sensitivity="results/qimarl/sensitivity.csv",
                sample_complexity="results/qimarl/sample_complexity.csv", figures=rules.qimarl_figures.output),
    setup=dict(QIMARL_TIER, tier=config["tier"], methods=config["qimarl"]["methods"], **config["qimarl"]["env"]),
)
