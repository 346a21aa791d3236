rule ledger:
    """The cross-paper ledger of quantum versus classical (metrics.ledger): one row per comparison the papers make."""
    input:
        qsac_runs="results/qsac/runs.csv",
        qsac_claims="results/qsac/claims.csv",
        qrl_curves="results/qrlbench/validation_curves.csv",
        qrl_claims="results/qrlbench/claims.csv",
        cq_detection="results/cqdt/detection.csv",
        cq_claims="results/cqdt/claims.csv",
        dq_runs="results/dickeqaoa/runs.csv",
        dq_baselines="results/dickeqaoa/baselines.csv",
        dq_claims="results/dickeqaoa/claims.csv",
        qi_summary="results/qimarl/summary.csv",
        qi_episodes="results/qimarl/episodes.csv",
        qi_claims="results/qimarl/claims.csv",
    output:
        "results/ledger.csv",
    params:
        code=library("ledger.py"),
        qsac_config=QSAC_TIER["configs"][0],
        main_env=QRLBENCH_MAIN_ENV,
        main_state=config["cqdt"]["main_state"],
    log:
        "logs/ledger.log",
    benchmark:
        "benchmarks/ledger.tsv"
    resources:
        **measured("ledger", runtime=10, mem_mb=1000),
    script:
        "../scripts/ledger.py"


rule report:
    """The multi-page PDF: one chapter per paper with paper-vs-ours tables, verdicts, figures, deviations."""
    input:
        ledger="results/ledger.csv",
        qsac_summary="results/qsac/summary.csv",
        qsac_claims="results/qsac/claims.csv",
        qsac_runs="results/qsac/runs.csv",
        qsac_refs=expand("results/qsac/runs/{qsac_config}/references.csv", qsac_config=QSAC_TIER["configs"]),
        qsac_figures=rules.qsac_figures.output,
        qsac_sc="results/qsac/sample_complexity.csv",
        qrl_curves="results/qrlbench/validation_curves.csv",
        qrl_sc="results/qrlbench/sample_complexity.csv",
        qrl_claims="results/qrlbench/claims.csv",
        qrl_figures=rules.qrlbench_figures.output,
        dq_runs="results/dickeqaoa/runs.csv",
        dq_table3="results/dickeqaoa/table3.csv",
        dq_claims="results/dickeqaoa/claims.csv",
        dq_noise="results/dickeqaoa/noise.csv",
        dq_baselines="results/dickeqaoa/baselines.csv",
        dq_dual_curve="results/dickeqaoa/dual_curve.csv",
        dq_verification="results/dickeqaoa/verification.csv",
        dq_figures=rules.dickeqaoa_figures.output,
        cq_policies="results/cqdt/policies.csv",
        cq_detection="results/cqdt/detection.csv",
        cq_t13="results/cqdt/t13.csv",
        cq_latency="results/cqdt/latency.csv",
        cq_physics="results/cqdt/physics.csv",
        cq_claims="results/cqdt/claims.csv",
        cq_sc="results/cqdt/sample_complexity.csv",
        cq_training="results/cqdt/training.csv",
        cq_figures=rules.cqdt_figures.output,
        qi_summary="results/qimarl/summary.csv",
        qi_claims="results/qimarl/claims.csv",
        qi_scaling="results/qimarl/scaling.csv",
        qi_sensitivity="results/qimarl/sensitivity.csv",
        qi_sc="results/qimarl/sample_complexity.csv",
        qi_figures=rules.qimarl_figures.output,
    output:
        "reports/report.pdf",
    params:
        code=library("report.py"),
        title=config["report"]["title"],
        tier=config["tier"],
        qsac_setup=dict(QSAC_TIER, models=config["qsac"]["models"], tier=config["tier"]),
        qrlbench_setup=dict(
            QRLBENCH_TIER,
            tier=config["tier"],
            main_env=QRLBENCH_MAIN_ENV,
            steps_per_epoch=config["qrlbench"]["ddqn"]["steps_per_epoch"],
            resamples=config["qrlbench"]["sample_complexity"]["resamples"],
            cartpole=config["qrlbench"]["cartpole"],
        ),
        qimarl_setup=dict(QIMARL_TIER, tier=config["tier"], methods=config["qimarl"]["methods"], **config["qimarl"]["env"]),
        cqdt_setup=dict(
            CQDT_TIER,
            tier=config["tier"],
            main_state=config["cqdt"]["main_state"],
            loop=config["cqdt"]["loop"],
            reinforce=config["cqdt"]["reinforce"],
        ),
        dickeqaoa_setup=dict(DICKEQAOA_TIER, tier=config["tier"], **dickeqaoa_problem(config),
                             protocol=config["dickeqaoa"]["protocol"]),
    log:
        "logs/report.log",
    benchmark:
        "benchmarks/report.tsv"
    resources:
        **measured("report", runtime=10, mem_mb=1000),
    script:
        "../scripts/report.py"
