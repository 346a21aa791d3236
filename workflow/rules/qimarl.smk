# Paper 004 (QI-MARL): one training run per method x seed on the UAV relay world, aggregation and figures.


rule qimarl_train:
    """One (method, seed) run; resumes from its last checkpoint (every qimarl.checkpoint_every episodes)."""
    output:
        "results/qimarl/{qmethod}/seed{seed}/episodes.csv",
    params:
        env=config["qimarl"]["env"],
        episodes=QI["episodes"],
        checkpoint_every=config["qimarl"]["checkpoint_every"],
        oracle_every=config["qimarl"]["oracle_every"],
    log:
        "logs/qimarl/{qmethod}/seed{seed}.log",
    benchmark:
        "benchmarks/qimarl/{qmethod}/seed{seed}.tsv"
    threads: 1
    resources:
        mem_mb=1500,
        runtime=lambda wc: 240 if wc.qmethod.startswith("qi") else 90,
    script:
        "../scripts/qimarl_train.py"


rule qimarl_sweep_train:
    """E-sens / E-map / E-depth: one QI-MARL run with one knob (or a grid pair) moved from its default."""
    output:
        "results/qimarl/sweep/{sconfig}/seed{seed}/episodes.csv",
    params:
        env=config["qimarl"]["env"],
        episodes=QI["sweep"]["episodes"],
        checkpoint_every=config["qimarl"]["checkpoint_every"],
        oracle_every=config["qimarl"]["oracle_every"],
        qi=lambda wc: qimarl_sweep_overrides(wc.sconfig),
    log:
        "logs/qimarl/sweep/{sconfig}/seed{seed}.log",
    benchmark:
        "benchmarks/qimarl/sweep/{sconfig}/seed{seed}.tsv"
    threads: 1
    resources:
        mem_mb=1500,
        runtime=240,
    script:
        "../scripts/qimarl_train.py"


rule qimarl_sensitivity:
    """Sweep runs + the main qimarl runs (the default point, truncated to the sweep length) -> one row per run."""
    input:
        sweeps=expand("results/qimarl/sweep/{sconfig}/seed{seed}/episodes.csv", sconfig=qimarl_sweep_configs(config),
                      seed=QI["sweep"]["seeds"]),
        reference=expand("results/qimarl/qimarl/seed{seed}/episodes.csv", seed=QI["sweep"]["seeds"]),
    output:
        "results/qimarl/sensitivity.csv",
    params:
        episodes=QI["sweep"]["episodes"],
    log:
        "logs/qimarl/sensitivity.log",
    script:
        "../scripts/qimarl_sensitivity.py"


rule qimarl_scaling_run:
    """Table 1: a few timed training episodes of one method at N UAVs on a G x G grid (own process: peak memory)."""
    output:
        "results/qimarl/scaling/{qmethod}/n{n}_g{g}.json",
    params:
        env=config["qimarl"]["env"],
        episodes=QI["scaling"]["episodes"],
    log:
        "logs/qimarl/scaling/{qmethod}_n{n}_g{g}.log",
    threads: 1
    resources:
        mem_mb=4000,
        runtime=120,
    script:
        "../scripts/qimarl_scaling_run.py"


rule qimarl_scaling:
    input:
        [f"results/qimarl/scaling/{m}/n{n}_g{g}.json" for m in QI["scaling"]["methods"] for n, g in QI["scaling"]["sizes"]],
    output:
        "results/qimarl/scaling.csv",
    log:
        "logs/qimarl/scaling.log",
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
        env=config["qimarl"]["env"],
        episodes_per_epoch=QI["episodes_per_epoch"],
        sc=config["qimarl"]["sample_complexity"],
        seed=config["stats"]["seed"],
    log:
        "logs/qimarl/sample_complexity.log",
    script:
        "../scripts/qimarl_sample_complexity.py"


rule qimarl_aggregate:
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
    log:
        "logs/qimarl/aggregate.log",
    script:
        "../scripts/qimarl_aggregate.py"


rule qimarl_figures:
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
    log:
        "logs/qimarl/figures.log",
    script:
        "../scripts/qimarl_figures.py"
