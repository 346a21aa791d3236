# Paper 001 (qrlbench): antenna layouts, one DDQN / PPO run per env x algo x model x seed, CartPole VPG runs, the
# Fig. 8 policy test, the Fig. 16 estimator-bias Monte Carlo, aggregation and figures.
from qrepro.papers.qrlbench.config import cartpole_config as qrlbench_cartpole_config
from qrepro.papers.qrlbench.config import cartpole_runs
from qrepro.papers.qrlbench.config import policy_test_runs as qrlbench_policy_test_runs
from qrepro.papers.qrlbench.config import runs as qrlbench_runs
from qrepro.papers.qrlbench.config import shared_tables as qrlbench_shared_tables
from qrepro.papers.qrlbench.config import run_config as qrlbench_run_config

QRLBENCH_TIER = tier(config, "qrlbench")
QRLBENCH_MAIN_ENV = config["qrlbench"]["main_env"]


wildcard_constraints:
    qrl_model="|".join(dict.fromkeys(QRLBENCH_TIER["models"] + QRLBENCH_TIER["ppo_models"] + QRLBENCH_TIER["sweep_models"])),
    qrl_env="|".join(QRLBENCH_TIER["envs"]),
    qrl_algo="ddqn|ppo",
    cartpole_model="|".join(config["qrlbench"]["cartpole"]["models"]),


localrules:
    qrlbench_aggregate,
    qrlbench_layouts,
    qrlbench_estimator_bias,
    qrlbench_figures,


rule qrlbench_layouts:
    """Antenna layouts of every env in the tier (a3-main and seeded random aA-i instances), one JSON artifact."""
    output:
        "results/qrlbench/layouts.json",
    params:
        code=library("qrlbench/layouts.py"),
        envs=QRLBENCH_TIER["envs"],
        d_min=config["qrlbench"]["env"]["d_min"],
    log:
        "logs/qrlbench/layouts.log",
    benchmark:
        "benchmarks/qrlbench/layouts.tsv"
    resources:
        **measured("qrlbench_layouts", runtime=10, mem_mb=1000),
    script:
        "../scripts/qrlbench/layouts.py"


rule qrlbench_tables:
    """The episodes every DDQN run of one (env, seed) draws, whatever its model: built once, read by each model's
    run instead of drawing the same trajectories again (same numbers); deleted once those runs are done."""
    input:
        layouts="results/qrlbench/layouts.json",
    output:
        temp("results/qrlbench/tables/{qrl_env}/seed{seed}.npz"),
    params:
        code=library("qrlbench/tables.py"),
        run=lambda wc: qrlbench_run_config(config, QRLBENCH_TIER["models"][0], "ddqn", wc.qrl_env),
    log:
        "logs/qrlbench/tables/{qrl_env}/seed{seed}.log",
    benchmark:
        "benchmarks/qrlbench/tables/{qrl_env}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qrlbench_tables", runtime=30, mem_mb=2000),
    script:
        "../scripts/qrlbench/tables.py"


rule qrlbench_train:
    """One run (env x algo x model x seed) on BeamManagement6G; resumes from its last finished epoch."""
    input:
        layouts="results/qrlbench/layouts.json",
        tables=lambda wc: qrlbench_shared_tables(config, wc),
    output:
        curve="results/qrlbench/runs/{qrl_env}/{qrl_algo}/{qrl_model}/seed{seed}/curve.csv",
        run="results/qrlbench/runs/{qrl_env}/{qrl_algo}/{qrl_model}/seed{seed}/run.json",
        policy="results/qrlbench/runs/{qrl_env}/{qrl_algo}/{qrl_model}/seed{seed}/policy.pt",
    params:
        code=library("qrlbench/train.py"),
        run=lambda wc: qrlbench_run_config(config, wc.qrl_model, wc.qrl_algo, wc.qrl_env),
    log:
        "logs/qrlbench/{qrl_env}/{qrl_algo}/{qrl_model}/seed{seed}.log",
    benchmark:
        "benchmarks/qrlbench/{qrl_env}/{qrl_algo}/{qrl_model}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qrlbench_train", runtime=240, mem_mb=2000),
    script:
        "../scripts/qrlbench/train.py"


rule qrlbench_cartpole_train:
    """E8 / Fig. 9: one vanilla-policy-gradient run on CartPole-v1 (spec 1.2 [A]); resumes after a kill."""
    output:
        curve="results/qrlbench/runs/cartpole/vpg/{cartpole_model}/seed{seed}/curve.csv",
        run="results/qrlbench/runs/cartpole/vpg/{cartpole_model}/seed{seed}/run.json",
        policy="results/qrlbench/runs/cartpole/vpg/{cartpole_model}/seed{seed}/policy.pt",
    params:
        code=library("qrlbench/train.py"),
        run=lambda wc: qrlbench_cartpole_config(config, wc.cartpole_model),
    log:
        "logs/qrlbench/cartpole/{cartpole_model}/seed{seed}.log",
    benchmark:
        "benchmarks/qrlbench/cartpole/{cartpole_model}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("qrlbench_cartpole_train", runtime=60, mem_mb=1000),
    script:
        "../scripts/qrlbench/train.py"


rule qrlbench_estimator_bias:
    """E9 / Fig. 16: Monte Carlo P(P_hat_t < delta) against the exact binomial and Theorem B.3 (seconds)."""
    output:
        "results/qrlbench/estimator_bias.csv",
    params:
        code=library("qrlbench/estimator_bias.py"),
        bias=config["qrlbench"]["estimator_bias"],
        seed=config["stats"]["seed"],
    log:
        "logs/qrlbench/estimator_bias.log",
    benchmark:
        "benchmarks/qrlbench/estimator_bias.tsv"
    resources:
        **measured("qrlbench_estimator_bias", runtime=30, mem_mb=1000),
    script:
        "../scripts/qrlbench/estimator_bias.py"


rule qrlbench_policy_test:
    """E7 / Fig. 8: the best main-env DDQN instances of the tier's policy_test_models vs optimal and random."""
    input:
        layouts="results/qrlbench/layouts.json",
        policies=qrlbench_policy_test_runs(config, "results/qrlbench/runs/{qrl_env}/ddqn/{qrl_model}/seed{seed}/policy.pt"),
        runs=qrlbench_policy_test_runs(config, "results/qrlbench/runs/{qrl_env}/ddqn/{qrl_model}/seed{seed}/run.json"),
    output:
        "results/qrlbench/policy_test.csv",
    params:
        code=library("qrlbench/policy_test.py"),
        test=config["qrlbench"]["policy_test"],
        env=qrlbench_run_config(config, QRLBENCH_TIER["models"][0])["env"],
        backend=config["qrlbench"]["quantum_backend"],
        seed=config["stats"]["seed"],
    log:
        "logs/qrlbench/policy_test.log",
    benchmark:
        "benchmarks/qrlbench/policy_test.tsv"
    threads: 1
    resources:
        **measured("qrlbench_policy_test", runtime=120, mem_mb=2000),
    script:
        "../scripts/qrlbench/policy_test.py"


rule qrlbench_aggregate:
    """Curves -> validated table, sample-complexity tables with bootstrap ranges (Fig. 6 grid; the Fig. 19 cell;
    the Fig. 20 sweeps on their relaxed grid at equal runs), outperformance, the Fig. 1 surface, claims."""
    input:
        curves=qrlbench_runs(config, "results/qrlbench/runs/{qrl_env}/{qrl_algo}/{qrl_model}/seed{seed}/curve.csv")
        + cartpole_runs(config, "results/qrlbench/runs/cartpole/vpg/{cartpole_model}/seed{seed}/curve.csv"),
        bias="results/qrlbench/estimator_bias.csv",
        policy_test="results/qrlbench/policy_test.csv",
    output:
        validation_curves="results/qrlbench/validation_curves.csv",
        sample_complexity="results/qrlbench/sample_complexity.csv",
        outperformance="results/qrlbench/outperformance.csv",
        ablation="results/qrlbench/ablation.csv",
        sweeps="results/qrlbench/sweeps.csv",
        claims=report(
            "results/qrlbench/claims.csv",
            caption="../report/qrlbench/claims.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="claims",
        ),
        surface="results/qrlbench/surface.csv",
        dvc_metrics="results/qrlbench/summary.json",
    params:
        code=library("qrlbench/aggregate.py"),
        sc=config["qrlbench"]["sample_complexity"],
        cartpole_sc=config["qrlbench"]["cartpole"]["sample_complexity"],
        surface=config["qrlbench"]["surface"],
        ablation_cell=config["qrlbench"]["ablation_cell"],
        sweep_grid=config["qrlbench"]["sweep_grid"],
        seed=config["stats"]["seed"],
        main_env=QRLBENCH_MAIN_ENV,
    log:
        "logs/qrlbench/aggregate.log",
    benchmark:
        "benchmarks/qrlbench/aggregate.tsv"
    resources:
        **measured("qrlbench_aggregate", runtime=60, mem_mb=2000),
    script:
        "../scripts/qrlbench/aggregate.py"


rule qrlbench_figures:
    """Figs. 1, 6-9, 16, 17, 19, 20 equivalents from the aggregated tables."""
    input:
        bias="results/qrlbench/estimator_bias.csv",
        policy_test="results/qrlbench/policy_test.csv",
        curves="results/qrlbench/validation_curves.csv",
        sc="results/qrlbench/sample_complexity.csv",
        surface="results/qrlbench/surface.csv",
    output:
        curves=report(
            "reports/figures/qrlbench_curves.png",
            caption="../report/qrlbench/curves.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        sample_complexity=report(
            "reports/figures/qrlbench_sample_complexity.png",
            caption="../report/qrlbench/sample_complexity.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        ppo_sample_complexity=report(
            "reports/figures/qrlbench_ppo_sample_complexity.png",
            caption="../report/qrlbench/ppo_sample_complexity.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        surface=report(
            "reports/figures/qrlbench_surface.png",
            caption="../report/qrlbench/surface.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        size=report(
            "reports/figures/qrlbench_size.png",
            caption="../report/qrlbench/size.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        sweeps=report(
            "reports/figures/qrlbench_sweeps.png",
            caption="../report/qrlbench/sweeps.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        cartpole=report(
            "reports/figures/qrlbench_cartpole.png",
            caption="../report/qrlbench/cartpole.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        estimator_bias=report(
            "reports/figures/qrlbench_estimator_bias.png",
            caption="../report/qrlbench/estimator_bias.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
        policy_test=report(
            "reports/figures/qrlbench_policy_test.png",
            caption="../report/qrlbench/policy_test.rst",
            category=f"Chapter {KEYS.index('qrlbench') + 2}: qrlbench",
            subcategory="figures",
        ),
    params:
        code=library("qrlbench/figures.py"),
        main_env=QRLBENCH_MAIN_ENV,
    log:
        "logs/qrlbench/figures.log",
    benchmark:
        "benchmarks/qrlbench/figures.tsv"
    resources:
        **measured("qrlbench_figures", runtime=10, mem_mb=1000),
    script:
        "../scripts/qrlbench/figures.py"


# what the ledger and the report read of this paper (report.smk)
LEDGER["qrlbench"] = dict(inputs=dict(curves="results/qrlbench/validation_curves.csv",
                                      claims="results/qrlbench/claims.csv"),
                          params=dict(main_env=QRLBENCH_MAIN_ENV))
REPORT["qrlbench"] = dict(
    inputs=dict(curves="results/qrlbench/validation_curves.csv", sc="results/qrlbench/sample_complexity.csv",
                claims="results/qrlbench/claims.csv", figures=rules.qrlbench_figures.output),
    setup=dict(
        QRLBENCH_TIER,
        tier=config["tier"],
        main_env=QRLBENCH_MAIN_ENV,
        steps_per_epoch=config["qrlbench"]["ddqn"]["steps_per_epoch"],
        resamples=config["qrlbench"]["sample_complexity"]["resamples"],
        cartpole=config["qrlbench"]["cartpole"],
    ),
)
