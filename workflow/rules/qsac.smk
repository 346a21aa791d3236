# Paper 000 (QSAC): one training run per env config x model x seed, reference policies, sample complexity,
# aggregation and figures.
from qrepro.papers.qsac.config import adapshare_files
from qrepro.papers.qsac.config import run_config as qsac_run_config
from qrepro.papers.qsac.config import runs as qsac_runs
from qrepro.papers.qsac.metrics import REFERENCE_POLICIES

QSAC_TIER = tier(config, "qsac")


wildcard_constraints:
    qsac_config="|".join(config["qsac"]["configs"]),
    qsac_model="|".join(config["qsac"]["models"]),


localrules:
    qsac_aggregate,
    qsac_figures,
    qsac_sample_complexity,


rule qsac_train:
    """One QSAC-paper run (model x env config x seed); resumes from its run state after a kill."""
    input:
        train=adapshare_files(config, "train"),
        evaluation=adapshare_files(config, "eval"),
    output:
        metrics="results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/metrics.json",
        train_log="results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/train_log.csv",
        eval_ts="results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/eval_timeseries.csv",
        model="results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/model.zip",
    params:
        code=library("qsac/train.py"),
        run=lambda wc: qsac_run_config(config, wc.qsac_config, wc.qsac_model),
        checkpoint_every=QSAC_TIER["checkpoint_every"],
    log:
        "logs/qsac/{qsac_config}/{qsac_model}/seed{seed}.log",
    benchmark:
        "benchmarks/qsac/{qsac_config}/{qsac_model}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qsac_train", runtime=120, mem_mb=2000),
    script:
        "../scripts/qsac/train.py"


rule qsac_references:
    """Oracle / persistence / train-mean reference policies on the evaluation window."""
    input:
        train=adapshare_files(config, "train"),
        evaluation=adapshare_files(config, "eval"),
    output:
        table="results/qsac/runs/{qsac_config}/references.csv",
        timeseries=expand("results/qsac/runs/{{qsac_config}}/references/{policy}_timeseries.csv",
                          policy=REFERENCE_POLICIES),
    params:
        code=library("qsac/references.py"),
        env=lambda wc: qsac_run_config(config, wc.qsac_config, "qsac")["env"],
        eval_steps=QSAC_TIER["eval_steps"],
        policies=list(REFERENCE_POLICIES),
    log:
        "logs/qsac/{qsac_config}/references.log",
    benchmark:
        "benchmarks/qsac/{qsac_config}/references.tsv"
    resources:
        **measured("qsac_references", runtime=10, mem_mb=1000),
    script:
        "../scripts/qsac/references.py"


rule qsac_sample_complexity:
    """Empirical sample complexity of the training curves with cluster-bootstrap intervals (qrepro.stats)."""
    input:
        qsac_runs(config, "results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/train_log.csv"),
    output:
        table="results/qsac/sample_complexity.csv",
        pairs="results/qsac/outperformance.csv",
    params:
        code=library("qsac/sample_complexity.py"),
        configs=QSAC_TIER["configs"],
        per_epoch=QSAC_TIER["episodes_per_epoch"],
        sc=config["qsac"]["sample_complexity"],
        seed=config["stats"]["seed"],
    log:
        "logs/qsac/sample_complexity.log",
    benchmark:
        "benchmarks/qsac/sample_complexity.tsv"
    resources:
        **measured("qsac_sample_complexity", runtime=30, mem_mb=2000),
    script:
        "../scripts/qsac/sample_complexity.py"


rule qsac_aggregate:
    """All runs -> runs.csv (with each run's train-log and trace features and the references' scores), the training
    curves in epochs, seed summaries with CIs, claim verdicts, DVC metrics."""
    input:
        metrics=qsac_runs(config, "results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/metrics.json"),
        train_logs=qsac_runs(config, "results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/train_log.csv"),
        eval_ts=qsac_runs(config, "results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/eval_timeseries.csv"),
        refs=expand("results/qsac/runs/{qsac_config}/references.csv", qsac_config=QSAC_TIER["configs"]),
        pairs="results/qsac/outperformance.csv",
    output:
        runs="results/qsac/runs.csv",
        train_epochs="results/qsac/train_epochs.csv",
        summary="results/qsac/summary.csv",
        claims=report(
            "results/qsac/claims.csv",
            caption="../report/qsac/claims.rst",
            category=f"Chapter {KEYS.index('qsac') + 2}: qsac",
            subcategory="claims",
        ),
        dvc_metrics="results/qsac/summary.json",
    params:
        code=library("qsac/aggregate.py"),
        configs=QSAC_TIER["configs"],
        stats=config["stats"],
        pools={c: qsac_run_config(config, c, "qsac")["env"]["n_r"] for c in QSAC_TIER["configs"]},
        gamma=config["qsac"]["agent"]["gamma"],
        per_epoch=QSAC_TIER["episodes_per_epoch"],
    log:
        "logs/qsac/aggregate.log",
    benchmark:
        "benchmarks/qsac/aggregate.tsv"
    resources:
        **measured("qsac_aggregate", runtime=10, mem_mb=1000),
    script:
        "../scripts/qsac/aggregate.py"


rule qsac_figures:
    """Fig. 3 / Fig. 4 equivalents, the Table III comparison and sample complexity, for the paper's env config."""
    input:
        summary="results/qsac/summary.csv",
        sample_complexity="results/qsac/sample_complexity.csv",
        train_logs=qsac_runs(config, "results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/train_log.csv"),
        eval_ts=qsac_runs(config, "results/qsac/runs/{qsac_config}/{qsac_model}/seed{seed}/eval_timeseries.csv"),
    output:
        rewards=report(
            "reports/figures/qsac_rewards.png",
            caption="../report/qsac/rewards.rst",
            category=f"Chapter {KEYS.index('qsac') + 2}: qsac",
            subcategory="figures",
        ),
        allocation=report(
            "reports/figures/qsac_allocation.png",
            caption="../report/qsac/allocation.rst",
            category=f"Chapter {KEYS.index('qsac') + 2}: qsac",
            subcategory="figures",
        ),
        table3=report(
            "reports/figures/qsac_table3.png",
            caption="../report/qsac/table3.rst",
            category=f"Chapter {KEYS.index('qsac') + 2}: qsac",
            subcategory="figures",
        ),
        sample_complexity=report(
            "reports/figures/qsac_sample_complexity.png",
            caption="../report/qsac/sample_complexity.rst",
            category=f"Chapter {KEYS.index('qsac') + 2}: qsac",
            subcategory="figures",
        ),
    params:
        code=library("qsac/figures.py"),
        qsac_config=QSAC_TIER["configs"][0],
    log:
        "logs/qsac/figures.log",
    benchmark:
        "benchmarks/qsac/figures.tsv"
    resources:
        **measured("qsac_figures", runtime=10, mem_mb=1000),
    script:
        "../scripts/qsac/figures.py"


# what the ledger and the report read of this paper (report.smk)
LEDGER["qsac"] = dict(inputs=dict(runs="results/qsac/runs.csv", claims="results/qsac/claims.csv"),
                      params=dict(config=QSAC_TIER["configs"][0]))
REPORT["qsac"] = dict(
    inputs=dict(summary="results/qsac/summary.csv", claims="results/qsac/claims.csv", runs="results/qsac/runs.csv",
                refs=expand("results/qsac/runs/{qsac_config}/references.csv", qsac_config=QSAC_TIER["configs"]),
                figures=rules.qsac_figures.output, sample_complexity="results/qsac/sample_complexity.csv"),
    setup=dict(QSAC_TIER, models=config["qsac"]["models"], tier=config["tier"]),
)
