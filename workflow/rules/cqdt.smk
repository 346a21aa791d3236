# Paper 002 (CQDT): one run per state x seed (datasets, policies, detection), physics checks, Aer latency,
# aggregation and figures.


rule cqdt_run:
    """Datasets, REINFORCE + comparators, policy evaluation on T12, detection and typing on TYPED, T13 impact."""
    output:
        episodes="results/cqdt/{state}/seed{seed}/episodes.csv",
        detection="results/cqdt/{state}/seed{seed}/detection.csv",
        typing="results/cqdt/{state}/seed{seed}/typing.csv",
        t13="results/cqdt/{state}/seed{seed}/t13.csv",
        training="results/cqdt/{state}/seed{seed}/training.csv",
    params:
        run=cqdt_run_config(config),
    log:
        "logs/cqdt/{state}/seed{seed}.log",
    benchmark:
        "benchmarks/cqdt/{state}/seed{seed}.tsv"
    threads: 1
    resources:
        mem_mb=1500,
        runtime=30,
    script:
        "../scripts/cqdt_run.py"


rule cqdt_physics:
    """P1-P6: closed forms, trace preservation, qiskit cross-checks, observable bounds (fails the rule if any fail)."""
    output:
        "results/cqdt/physics.csv",
    log:
        "logs/cqdt/physics.log",
    script:
        "../scripts/cqdt_physics.py"


rule cqdt_latency:
    """Per-stage wall time of the loop with qiskit-aer (density matrix, 10^4 shots) for each register size."""
    output:
        "results/cqdt/latency.csv",
    params:
        ns=CQ["latency_n"],
        reps=CQ["latency_reps"],
        shots=config["cqdt"]["latency"]["shots"],
        seed=config["stats"]["seed"],
    log:
        "logs/cqdt/latency.log",
    threads: 1
    script:
        "../scripts/cqdt_latency.py"


rule cqdt_aggregate:
    input:
        runs=expand("results/cqdt/{state}/seed{seed}/episodes.csv", state=CQ["states"], seed=CQ["seeds"]),
        latency="results/cqdt/latency.csv",
    output:
        episodes="results/cqdt/episodes.csv",
        policies="results/cqdt/policies.csv",
        detection="results/cqdt/detection.csv",
        typing="results/cqdt/typing.csv",
        t13="results/cqdt/t13.csv",
        training="results/cqdt/training.csv",
        claims="results/cqdt/claims.csv",
        dvc_metrics="results/cqdt/summary.json",
    params:
        main_state=config["cqdt"]["main_state"],
    log:
        "logs/cqdt/aggregate.log",
    script:
        "../scripts/cqdt_aggregate.py"


rule cqdt_sample_complexity:
    """qrepro.stats estimator on REINFORCE's validation curves (one table per state, cluster bootstrap over seeds)."""
    input:
        "results/cqdt/training.csv",
    output:
        "results/cqdt/sample_complexity.csv",
    params:
        episodes=CQ["train_episodes"],
        steps=CQ["steps"],
        sc=config["cqdt"]["sample_complexity"],
        seed=config["stats"]["seed"],
    log:
        "logs/cqdt/sample_complexity.log",
    script:
        "../scripts/cqdt_sample_complexity.py"


rule cqdt_figures:
    input:
        episodes="results/cqdt/episodes.csv",
        detection="results/cqdt/detection.csv",
        typing="results/cqdt/typing.csv",
        latency="results/cqdt/latency.csv",
    output:
        scenarios="reports/figures/cqdt_scenarios.png",
        detection="reports/figures/cqdt_detection.png",
        typing="reports/figures/cqdt_typing.png",
        latency="reports/figures/cqdt_latency.png",
    params:
        main_state=config["cqdt"]["main_state"],
    log:
        "logs/cqdt/figures.log",
    script:
        "../scripts/cqdt_figures.py"
