# Paper 002 (CQDT): one run per state x seed (datasets, policies, detection), physics checks, Aer latency,
# aggregation and figures.
from qrepro.papers.cqdt.config import run_config as cqdt_run_config
from qrepro.papers.cqdt.config import runs as cqdt_runs

CQDT_TIER = tier(config, "cqdt")


wildcard_constraints:
    state="ghz|cluster",


localrules:
    cqdt_physics,
    cqdt_aggregate,
    cqdt_sample_complexity,
    cqdt_figures,


CQDT_RUN_TABLES = ("episodes", "detection", "typing", "t13", "training")


rule cqdt_run:
    """Datasets, REINFORCE + comparators, policy evaluation on T12, detection and typing on TYPED, T13 impact."""
    output:
        **{name: f"results/cqdt/runs/{{state}}/seed{{seed}}/{name}.csv" for name in CQDT_RUN_TABLES},
    params:
        code=library("cqdt/run.py"),
        run=cqdt_run_config(config),
    log:
        "logs/cqdt/{state}/seed{seed}.log",
    benchmark:
        "benchmarks/cqdt/{state}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("cqdt_run", runtime=30, mem_mb=1500),
    script:
        "../scripts/cqdt/run.py"


rule cqdt_physics:
    """P1-P6: closed forms, trace preservation, qiskit cross-checks, observable bounds (fails the rule if any fail)."""
    output:
        "results/cqdt/physics.csv",
    params:
        code=library("cqdt/physics.py"),
    log:
        "logs/cqdt/physics.log",
    benchmark:
        "benchmarks/cqdt/physics.tsv"
    resources:
        **measured("cqdt_physics", runtime=10, mem_mb=1000),
    script:
        "../scripts/cqdt/physics.py"


rule cqdt_latency:
    """Per-stage wall time of the loop with qiskit-aer (density matrix, 10^4 shots) for each register size."""
    output:
        "results/cqdt/latency.csv",
    params:
        code=library("cqdt/latency.py"),
        ns=CQDT_TIER["latency_n"],
        reps=CQDT_TIER["latency_reps"],
        shots=config["cqdt"]["latency"]["shots"],
        seed=config["stats"]["seed"],
        loop=config["cqdt"]["loop"],
    log:
        "logs/cqdt/latency.log",
    benchmark:
        "benchmarks/cqdt/latency.tsv"
    threads: 1
    resources:
        **measured("cqdt_latency", runtime=60, mem_mb=2000),
    script:
        "../scripts/cqdt/latency.py"


rule cqdt_aggregate:
    """Per-run tables -> pooled tables, the test episodes' per-scenario means (defence), Table 7 (policies), claims
    C1-C18, DVC metrics."""
    input:
        **{name: cqdt_runs(config, f"results/cqdt/runs/{{state}}/seed{{seed}}/{name}.csv") for name in CQDT_RUN_TABLES},
        latency="results/cqdt/latency.csv",
    output:
        episodes="results/cqdt/episodes.csv",
        defence="results/cqdt/defence_scenarios.csv",
        policies="results/cqdt/policies.csv",
        detection="results/cqdt/detection.csv",
        typing="results/cqdt/typing.csv",
        t13="results/cqdt/t13.csv",
        training="results/cqdt/training.csv",
        claims=report(
            "results/cqdt/claims.csv",
            caption="../report/cqdt/claims.rst",
            category=f"Chapter {KEYS.index('cqdt') + 2}: cqdt",
            subcategory="claims",
        ),
        dvc_metrics="results/cqdt/summary.json",
    params:
        code=library("cqdt/aggregate.py"),
        main_state=config["cqdt"]["main_state"],
        run_tables=list(CQDT_RUN_TABLES),
    log:
        "logs/cqdt/aggregate.log",
    benchmark:
        "benchmarks/cqdt/aggregate.tsv"
    resources:
        **measured("cqdt_aggregate", runtime=10, mem_mb=1000),
    script:
        "../scripts/cqdt/aggregate.py"


rule cqdt_sample_complexity:
    """qrepro.stats estimator on REINFORCE's validation curves (one table per state, cluster bootstrap over seeds)."""
    input:
        "results/cqdt/training.csv",
    output:
        "results/cqdt/sample_complexity.csv",
    params:
        code=library("cqdt/sample_complexity.py"),
        episodes=CQDT_TIER["train_episodes"],
        steps=CQDT_TIER["steps"],
        sc=config["cqdt"]["sample_complexity"],
        seed=config["stats"]["seed"],
    log:
        "logs/cqdt/sample_complexity.log",
    benchmark:
        "benchmarks/cqdt/sample_complexity.tsv"
    resources:
        **measured("cqdt_sample_complexity", runtime=30, mem_mb=1000),
    script:
        "../scripts/cqdt/sample_complexity.py"


rule cqdt_figures:
    """Fig. 14 typing, Tables 7 / 11 / 14 as figures."""
    input:
        episodes="results/cqdt/episodes.csv",
        detection="results/cqdt/detection.csv",
        typing="results/cqdt/typing.csv",
        latency="results/cqdt/latency.csv",
    output:
        scenarios=report(
            "reports/figures/cqdt_scenarios.png",
            caption="../report/cqdt/scenarios.rst",
            category=f"Chapter {KEYS.index('cqdt') + 2}: cqdt",
            subcategory="figures",
        ),
        detection=report(
            "reports/figures/cqdt_detection.png",
            caption="../report/cqdt/detection.rst",
            category=f"Chapter {KEYS.index('cqdt') + 2}: cqdt",
            subcategory="figures",
        ),
        typing=report(
            "reports/figures/cqdt_typing.png",
            caption="../report/cqdt/typing.rst",
            category=f"Chapter {KEYS.index('cqdt') + 2}: cqdt",
            subcategory="figures",
        ),
        latency=report(
            "reports/figures/cqdt_latency.png",
            caption="../report/cqdt/latency.rst",
            category=f"Chapter {KEYS.index('cqdt') + 2}: cqdt",
            subcategory="figures",
        ),
    params:
        code=library("cqdt/figures.py"),
        main_state=config["cqdt"]["main_state"],
    log:
        "logs/cqdt/figures.log",
    benchmark:
        "benchmarks/cqdt/figures.tsv"
    resources:
        **measured("cqdt_figures", runtime=10, mem_mb=1000),
    script:
        "../scripts/cqdt/figures.py"


# what the ledger and the report read of this paper (report.smk)
LEDGER["cqdt"] = dict(inputs=dict(detection="results/cqdt/detection.csv", claims="results/cqdt/claims.csv",
                                  defence="results/cqdt/defence_scenarios.csv"),
                      params=dict(main_state=config["cqdt"]["main_state"]))
REPORT["cqdt"] = dict(
    inputs=dict(policies="results/cqdt/policies.csv", detection="results/cqdt/detection.csv",
                t13="results/cqdt/t13.csv", latency="results/cqdt/latency.csv", physics="results/cqdt/physics.csv",
                claims="results/cqdt/claims.csv", sample_complexity="results/cqdt/sample_complexity.csv",
                training="results/cqdt/training.csv", figures=rules.cqdt_figures.output),
    setup=dict(
        CQDT_TIER,
        tier=config["tier"],
        main_state=config["cqdt"]["main_state"],
        loop=config["cqdt"]["loop"],
        reinforce=config["cqdt"]["reinforce"],
    ),
)
