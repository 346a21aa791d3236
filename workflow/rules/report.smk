rule report:
    """The multi-page PDF: one chapter per paper with paper-vs-ours tables, verdicts, figures, deviations."""
    input:
        qsac_summary="results/qsac/summary.csv",
        qsac_claims="results/qsac/claims.csv",
        qsac_runs="results/qsac/runs.csv",
        qsac_refs=expand("results/qsac/{config}/references.csv", config=QSAC["configs"]),
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
        cq_figures=rules.cqdt_figures.output,
    output:
        "reports/report.pdf",
    params:
        title=config["report"]["title"],
        tier=config["tier"],
        qsac_setup=dict(QSAC, models=config["qsac"]["models"], tier=config["tier"]),
        qrl_setup=dict(
            QRL,
            tier=config["tier"],
            main_env=config["qrlbench"]["main_env"],
            steps_per_epoch=config["qrlbench"]["ddqn"]["steps_per_epoch"],
            resamples=config["qrlbench"]["sample_complexity"]["resamples"],
        ),
        cq_setup=dict(
            CQ,
            tier=config["tier"],
            main_state=config["cqdt"]["main_state"],
            loop=config["cqdt"]["loop"],
            reinforce=config["cqdt"]["reinforce"],
        ),
        dq_setup=dict(DQ, tier=config["tier"], **dickeqaoa_problem(config), protocol=config["dickeqaoa"]["protocol"]),
    log:
        "logs/report.log",
    script:
        "../scripts/report.py"
