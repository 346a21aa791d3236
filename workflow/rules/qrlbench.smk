rule qrlbench_layouts:
    """Antenna layouts of every env in the tier (a3-main and seeded random aA-i instances), one JSON artifact."""
    output:
        "results/qrlbench/layouts.json",
    params:
        envs=QRL["envs"],
        d_min=config["qrlbench"]["env"]["d_min"],
    log:
        "logs/qrlbench/layouts.log",
    script:
        "../scripts/qrlbench_layouts.py"


rule qrlbench_train:
    """One run (env x algo x model x seed) on BeamManagement6G; resumes from its last finished epoch."""
    input:
        layouts="results/qrlbench/layouts.json",
    output:
        curve="results/qrlbench/{env}/{algo}/{qmodel}/seed{seed}/curve.csv",
        run="results/qrlbench/{env}/{algo}/{qmodel}/seed{seed}/run.json",
    params:
        run=lambda wc: qrlbench_run_config(config, wc.qmodel, wc.algo, wc.env),
    log:
        "logs/qrlbench/{env}/{algo}/{qmodel}/seed{seed}.log",
    benchmark:
        "benchmarks/qrlbench/{env}/{algo}/{qmodel}/seed{seed}.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=lambda wc: 60 if wc.qmodel.startswith("C") else 1440,
    script:
        "../scripts/qrlbench_train.py"


rule qrlbench_aggregate:
    """Curves -> validated table, sample-complexity surfaces with bootstrap ranges, outperformance, claims."""
    input:
        qrlbench_runs("results/qrlbench/{env}/{algo}/{qmodel}/seed{seed}/curve.csv"),
    output:
        curves="results/qrlbench/validation_curves.csv",
        sc="results/qrlbench/sample_complexity.csv",
        pairs="results/qrlbench/outperformance.csv",
        claims="results/qrlbench/claims.csv",
        surface="results/qrlbench/surface.csv",
        dvc_metrics="results/qrlbench/summary.json",
    params:
        sc=config["qrlbench"]["sample_complexity"],
        surface=config["qrlbench"]["surface"],
        steps_per_epoch=config["qrlbench"]["ddqn"]["steps_per_epoch"],
        seed=config["stats"]["seed"],
        main_env=config["qrlbench"]["main_env"],
    log:
        "logs/qrlbench/aggregate.log",
    script:
        "../scripts/qrlbench_aggregate.py"


rule qrlbench_figures:
    input:
        curves="results/qrlbench/validation_curves.csv",
        sc="results/qrlbench/sample_complexity.csv",
        surface="results/qrlbench/surface.csv",
    output:
        curves="reports/figures/qrlbench_curves.png",
        sample_complexity="reports/figures/qrlbench_sample_complexity.png",
        ppo_sample_complexity="reports/figures/qrlbench_ppo_sample_complexity.png",
        surface="reports/figures/qrlbench_surface.png",
        size="reports/figures/qrlbench_size.png",
        sweeps="reports/figures/qrlbench_sweeps.png",
    params:
        main_env=config["qrlbench"]["main_env"],
    log:
        "logs/qrlbench/figures.log",
    script:
        "../scripts/qrlbench_figures.py"
