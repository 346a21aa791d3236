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
        runtime=lambda wc: 240 if wc.qmethod == "qimarl" else 90,
    script:
        "../scripts/qimarl_train.py"


rule qimarl_aggregate:
    input:
        expand("results/qimarl/{qmethod}/seed{seed}/episodes.csv", qmethod=config["qimarl"]["methods"],
               seed=QI["seeds"]),
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
    output:
        curves="reports/figures/qimarl_curves.png",
        radar="reports/figures/qimarl_radar.png",
    log:
        "logs/qimarl/figures.log",
    script:
        "../scripts/qimarl_figures.py"
