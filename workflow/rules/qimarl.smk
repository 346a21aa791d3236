# Paper 004 (QI-MARL): one training run per method x seed on the UAV relay world, the one-at-a-time sensitivity
# sweeps, the Table 1 scaling runs, sample complexity, aggregation and figures.


rule qimarl_train:
    """One (method, seed) run; resumes from its last checkpoint (every qimarl.checkpoint_every episodes)."""
    output:
        "results/qimarl/runs/{qimarl_method}/seed{seed}/episodes.csv",
    params:
        code=library("qimarl_train.py"),
        env=config["qimarl"]["env"],
        episodes=QIMARL_TIER["episodes"],
        qi=config["qimarl"]["qi"],
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
        "../scripts/qimarl_train.py"


rule qimarl_sweep_train:
    """E-sens / E-map / E-depth: one QI-MARL run with one knob (or a grid pair) moved from its default."""
    output:
        "results/qimarl/sweep/{sweep_config}/seed{seed}/episodes.csv",
    params:
        code=library("qimarl_train.py"),
        env=config["qimarl"]["env"],
        episodes=QIMARL_TIER["sweep"]["episodes"],
        qi=lambda wc: {**config["qimarl"]["qi"], **qimarl_sweep_overrides(wc.sweep_config)},
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
        "../scripts/qimarl_train.py"


rule qimarl_sensitivity:
    """Sweep runs + the main qimarl runs (the default point, truncated to the sweep length) -> one row per run."""
    input:
        sweeps=expand("results/qimarl/sweep/{sweep_config}/seed{seed}/episodes.csv",
                      sweep_config=qimarl_sweep_configs(config), seed=QIMARL_TIER["sweep"]["seeds"]),
        reference=expand("results/qimarl/runs/qimarl/seed{seed}/episodes.csv", seed=QIMARL_TIER["sweep"]["seeds"]),
    output:
        "results/qimarl/sensitivity.csv",
    params:
        code=library("qimarl_sensitivity.py"),
        episodes=QIMARL_TIER["sweep"]["episodes"],
        defaults=qimarl_sweep_defaults(config),
    log:
        "logs/qimarl/sensitivity.log",
    benchmark:
        "benchmarks/qimarl/sensitivity.tsv"
    resources:
        **measured("qimarl_sensitivity", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl_sensitivity.py"


rule qimarl_scaling_run:
    """Table 1: a few timed training episodes of one method at N UAVs on a G x G grid (own process: peak memory)."""
    output:
        "results/qimarl/scaling/{qimarl_method}/n{n_uav}_g{grid}.json",
    params:
        code=library("qimarl_scaling_run.py"),
        env=config["qimarl"]["env"],
        episodes=QIMARL_TIER["scaling"]["episodes"],
        qi=config["qimarl"]["qi"],
    log:
        "logs/qimarl/scaling/{qimarl_method}_n{n_uav}_g{grid}.log",
    benchmark:
        "benchmarks/qimarl/scaling/{qimarl_method}_n{n_uav}_g{grid}.tsv"
    threads: 1
    resources:
        **measured("qimarl_scaling_run", runtime=120, mem_mb=4000),
    script:
        "../scripts/qimarl_scaling_run.py"


rule qimarl_scaling:
    """Table 1 (E-scale): the scaling runs -> one table."""
    input:
        [f"results/qimarl/scaling/{m}/n{n}_g{g}.json" for m in QIMARL_TIER["scaling"]["methods"]
         for n, g in QIMARL_TIER["scaling"]["sizes"]],
    output:
        "results/qimarl/scaling.csv",
    params:
        code=library("qimarl_scaling.py"),
    log:
        "logs/qimarl/scaling.log",
    benchmark:
        "benchmarks/qimarl/scaling.tsv"
    resources:
        **measured("qimarl_scaling", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl_scaling.py"


rule qimarl_sample_complexity:
    """qrepro.stats estimator on the oracle-normalised return, cluster bootstrap over seeds, Def. 4.2 pairs."""
    input:
        qimarl_runs(),
    output:
        table="results/qimarl/sample_complexity.csv",
        pairs="results/qimarl/outperformance.csv",
    params:
        code=library("qimarl_sample_complexity.py"),
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
        "../scripts/qimarl_sample_complexity.py"


rule qimarl_aggregate:
    """Training logs -> pooled log, per-seed summaries (Tables 2, 5), claims C1-C14, DVC metrics."""
    input:
        runs=qimarl_runs(),
        scaling="results/qimarl/scaling.csv",
        sensitivity="results/qimarl/sensitivity.csv",
        pairs="results/qimarl/outperformance.csv",
    output:
        episodes="results/qimarl/episodes.csv",
        summary="results/qimarl/summary.csv",
        claims="results/qimarl/claims.csv",
        dvc_metrics="results/qimarl/summary.json",
    params:
        code=library("qimarl_aggregate.py"),
    log:
        "logs/qimarl/aggregate.log",
    benchmark:
        "benchmarks/qimarl/aggregate.tsv"
    resources:
        **measured("qimarl_aggregate", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl_aggregate.py"


rule qimarl_figures:
    """Learning curves, variants, radar (Fig. 12), ablation (Table 4), scaling, sensitivity and sample complexity."""
    input:
        episodes="results/qimarl/episodes.csv",
        summary="results/qimarl/summary.csv",
        scaling="results/qimarl/scaling.csv",
        sensitivity="results/qimarl/sensitivity.csv",
        sc="results/qimarl/sample_complexity.csv",
    output:
        curves="reports/figures/qimarl_curves.png",
        variants="reports/figures/qimarl_variants.png",
        radar="reports/figures/qimarl_radar.png",
        ablation="reports/figures/qimarl_ablation.png",
        scaling="reports/figures/qimarl_scaling.png",
        sensitivity="reports/figures/qimarl_sensitivity.png",
        sample_complexity="reports/figures/qimarl_sample_complexity.png",
    params:
        code=library("qimarl_figures.py"),
    log:
        "logs/qimarl/figures.log",
    benchmark:
        "benchmarks/qimarl/figures.tsv"
    resources:
        **measured("qimarl_figures", runtime=10, mem_mb=1000),
    script:
        "../scripts/qimarl_figures.py"
