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
        policy="results/qrlbench/{env}/{algo}/{qmodel}/seed{seed}/policy.pt",
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


rule qrlbench_cartpole_train:
    """E8 / Fig. 9: one vanilla-policy-gradient run on CartPole-v1 (spec 1.2 [A]); resumes after a kill."""
    output:
        curve="results/qrlbench/cartpole/vpg/{cpmodel}/seed{seed}/curve.csv",
        run="results/qrlbench/cartpole/vpg/{cpmodel}/seed{seed}/run.json",
        policy="results/qrlbench/cartpole/vpg/{cpmodel}/seed{seed}/policy.pt",
    params:
        run=lambda wc: qrlbench_cartpole_config(config, wc.cpmodel),
    log:
        "logs/qrlbench/cartpole/{cpmodel}/seed{seed}.log",
    benchmark:
        "benchmarks/qrlbench/cartpole/{cpmodel}/seed{seed}.tsv"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=30,
    script:
        "../scripts/qrlbench_train.py"


rule qrlbench_estimator_bias:
    """E9 / Fig. 16: Monte Carlo P(P_hat_t < delta) against the exact binomial and Theorem B.3 (seconds)."""
    output:
        "results/qrlbench/estimator_bias.csv",
    params:
        bias=config["qrlbench"]["estimator_bias"],
        seed=config["stats"]["seed"],
    log:
        "logs/qrlbench/estimator_bias.log",
    script:
        "../scripts/qrlbench_estimator_bias.py"


rule qrlbench_policy_test:
    """E7 / Fig. 8: the best main-env DDQN instances of the tier's policy_test_models vs optimal and random."""
    input:
        layouts="results/qrlbench/layouts.json",
        policies=expand("results/qrlbench/{env}/ddqn/{qmodel}/seed{seed}/policy.pt", env=config["qrlbench"]["main_env"],
                        qmodel=QRL["policy_test_models"], seed=range(QRL["seeds"])),
    output:
        "results/qrlbench/policy_test.csv",
    params:
        test=config["qrlbench"]["policy_test"],
        env=qrlbench_run_config(config, QRL["models"][0])["env"],
        backend=config["qrlbench"]["quantum_backend"],
        seed=config["stats"]["seed"],
    log:
        "logs/qrlbench/policy_test.log",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=120,
    script:
        "../scripts/qrlbench_policy_test.py"


rule qrlbench_aggregate:
    """Curves -> validated table, sample-complexity surfaces with bootstrap ranges, outperformance, claims."""
    input:
        curves=qrlbench_runs("results/qrlbench/{env}/{algo}/{qmodel}/seed{seed}/curve.csv")
        + expand("results/qrlbench/cartpole/vpg/{cpmodel}/seed{seed}/curve.csv",
                 cpmodel=config["qrlbench"]["cartpole"]["models"], seed=range(QRL["cartpole_seeds"])),
        bias="results/qrlbench/estimator_bias.csv",
        policy_test="results/qrlbench/policy_test.csv",
    output:
        curves="results/qrlbench/validation_curves.csv",
        sc="results/qrlbench/sample_complexity.csv",
        pairs="results/qrlbench/outperformance.csv",
        claims="results/qrlbench/claims.csv",
        surface="results/qrlbench/surface.csv",
        dvc_metrics="results/qrlbench/summary.json",
    params:
        sc=config["qrlbench"]["sample_complexity"],
        cartpole_sc=config["qrlbench"]["cartpole"]["sample_complexity"],
        surface=config["qrlbench"]["surface"],
        seed=config["stats"]["seed"],
        main_env=config["qrlbench"]["main_env"],
    log:
        "logs/qrlbench/aggregate.log",
    script:
        "../scripts/qrlbench_aggregate.py"


rule qrlbench_figures:
    input:
        bias="results/qrlbench/estimator_bias.csv",
        policy_test="results/qrlbench/policy_test.csv",
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
        cartpole="reports/figures/qrlbench_cartpole.png",
        estimator_bias="reports/figures/qrlbench_estimator_bias.png",
        policy_test="reports/figures/qrlbench_policy_test.png",
    params:
        main_env=config["qrlbench"]["main_env"],
    log:
        "logs/qrlbench/figures.log",
    script:
        "../scripts/qrlbench_figures.py"
