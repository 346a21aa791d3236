# Paper 003 (subspace-confined QAOA for CBRS): baselines, QAOA runs per variant x ansatz x N x seed, noise sweep,
# dual-constraint landscape, cross-simulator verification, aggregation and figures.
from qrepro.papers.dickeqaoa.config import noise_cells as dickeqaoa_noise_cells
from qrepro.papers.dickeqaoa.config import runs as dickeqaoa_runs
from qrepro.papers.dickeqaoa.config import problem as dickeqaoa_problem
from qrepro.papers.dickeqaoa.config import run_config as dickeqaoa_run_config

DICKEQAOA_TIER = tier(config, "dickeqaoa")


wildcard_constraints:
    variant="|".join(config["dickeqaoa"]["variants"]),
    ansatz="proposed|standard",
    n_nodes=r"\d+",
    scope="transpiled_all|logical|cx_only",
    p_err=r"[0-9.e-]+",


localrules:
    dickeqaoa_baselines,
    dickeqaoa_dual,
    dickeqaoa_aggregate,
    dickeqaoa_figures,


rule dickeqaoa_baselines:
    """ILP (pulp/CBC), brute force and greedy per N, plus the Table 1 search-space numbers: deterministic."""
    output:
        "results/dickeqaoa/baselines.csv",
    params:
        code=library("dickeqaoa/baselines.py"),
        problem=dickeqaoa_problem(config),
        ns=sorted(set(DICKEQAOA_TIER["N"]) | {DICKEQAOA_TIER["noise_N"], 8}),
    log:
        "logs/dickeqaoa/baselines.log",
    benchmark:
        "benchmarks/dickeqaoa/baselines.tsv"
    resources:
        **measured("dickeqaoa_baselines", runtime=30, mem_mb=1000),
    script:
        "../scripts/dickeqaoa/baselines.py"


rule dickeqaoa_run:
    """One COBYLA-optimised QAOA run (variant x ansatz x N x seed); resumes from its cached evaluations."""
    output:
        record="results/dickeqaoa/runs/{variant}/{ansatz}/N{n_nodes}/seed{seed}/run.json",
        trace="results/dickeqaoa/runs/{variant}/{ansatz}/N{n_nodes}/seed{seed}/trace.csv",
    params:
        code=library("dickeqaoa/run.py"),
        problem=dickeqaoa_problem(config),
        run=lambda wc: dickeqaoa_run_config(config, wc.variant, wc.ansatz, wc.n_nodes, wc.seed),
    log:
        "logs/dickeqaoa/runs/{variant}/{ansatz}/N{n_nodes}/seed{seed}.log",
    benchmark:
        "benchmarks/dickeqaoa/runs/{variant}/{ansatz}/N{n_nodes}/seed{seed}.tsv"
    threads: 1
    resources:
        **measured("dickeqaoa_run", runtime=60, mem_mb=3000),
    script:
        "../scripts/dickeqaoa/run.py"


rule dickeqaoa_noise_params:
    """Noiseless-optimised p = 1 parameters of both ansaetze at the noise instance (exact global optimum)."""
    output:
        "results/dickeqaoa/noise/params.json",
    params:
        code=library("dickeqaoa/noise_params.py"),
        problem=dickeqaoa_problem(config),
        n=DICKEQAOA_TIER["noise_N"],
    log:
        "logs/dickeqaoa/noise_params.log",
    benchmark:
        "benchmarks/dickeqaoa/noise_params.tsv"
    resources:
        **measured("dickeqaoa_noise_params", runtime=10, mem_mb=1000),
    script:
        "../scripts/dickeqaoa/noise_params.py"


rule dickeqaoa_noise:
    """Fig. 2b cell: depolarizing trajectories (dickeqaoa.noise.simulator: Pauli frames or Aer) for one
    (scope, ansatz, p_err), repeats x shots."""
    input:
        "results/dickeqaoa/noise/params.json",
    output:
        "results/dickeqaoa/noise/{scope}/{ansatz}/p{p_err}.csv",
    params:
        code=library("dickeqaoa/noise.py"),
        problem=dickeqaoa_problem(config),
        n=DICKEQAOA_TIER["noise_N"],
        repeats=DICKEQAOA_TIER["repeats"],
        shots=DICKEQAOA_TIER["noise_shots"],
        logical_gates=config["dickeqaoa"]["noise"]["logical_gates"],
        simulator=config["dickeqaoa"]["noise"]["simulator"],
        seed=config["stats"]["seed"],
    log:
        "logs/dickeqaoa/noise/{scope}/{ansatz}/p{p_err}.log",
    benchmark:
        "benchmarks/dickeqaoa/noise/{scope}/{ansatz}/p{p_err}.tsv"
    threads: 1
    resources:
        **measured("dickeqaoa_noise", runtime=60, mem_mb=1500),
    script:
        "../scripts/dickeqaoa/noise.py"


rule dickeqaoa_dual:
    """Fig. 3: dual-constraint landscape on the (gamma, beta) grid in the 570-state subspace."""
    output:
        grid="results/dickeqaoa/dual.csv",
        curve="results/dickeqaoa/dual_curve.csv",
    params:
        code=library("dickeqaoa/dual.py"),
        problem=dickeqaoa_problem(config),
        grid=DICKEQAOA_TIER["dual_grid"],
        shots=DICKEQAOA_TIER["dual_shots"],
        mode=config["dickeqaoa"]["dual"]["plaquette_mode"],
        seed=config["stats"]["seed"],
    log:
        "logs/dickeqaoa/dual.log",
    benchmark:
        "benchmarks/dickeqaoa/dual.tsv"
    resources:
        **measured("dickeqaoa_dual", runtime=60, mem_mb=2000),
    script:
        "../scripts/dickeqaoa/dual.py"


rule dickeqaoa_verify:
    """Our subspace/full-space simulators against qiskit Statevector and Aer (amplitudes, shot TVD, dual)."""
    output:
        "results/dickeqaoa/verification.csv",
    params:
        code=library("dickeqaoa/verify.py"),
        problem=dickeqaoa_problem(config),
        ns=DICKEQAOA_TIER["verify_N"],
        sample_n=DICKEQAOA_TIER["noise_N"],
        shots=DICKEQAOA_TIER["verify_shots"],
        dual=DICKEQAOA_TIER["verify_dual"],
        seed=config["stats"]["seed"],
    log:
        "logs/dickeqaoa/verify.log",
    benchmark:
        "benchmarks/dickeqaoa/verify.tsv"
    resources:
        **measured("dickeqaoa_verify", runtime=60, mem_mb=2000),
    script:
        "../scripts/dickeqaoa/verify.py"


rule dickeqaoa_aggregate:
    """Runs -> validated tables, Table 3 beside the paper's, noise summary, claims C1-C13b, DVC metrics."""
    input:
        runs=dickeqaoa_runs(config, "results/dickeqaoa/runs/{variant}/{ansatz}/N{n_nodes}/seed{seed}/run.json"),
        traces=dickeqaoa_runs(config, "results/dickeqaoa/runs/{variant}/{ansatz}/N{n_nodes}/seed{seed}/trace.csv"),
        noise=dickeqaoa_noise_cells(config),
        baselines="results/dickeqaoa/baselines.csv",
        dual="results/dickeqaoa/dual.csv",
        dual_curve="results/dickeqaoa/dual_curve.csv",
    output:
        runs="results/dickeqaoa/runs.csv",
        traces="results/dickeqaoa/traces.csv",
        table3="results/dickeqaoa/table3.csv",
        noise="results/dickeqaoa/noise.csv",
        claims=report(
            "results/dickeqaoa/claims.csv",
            caption="../report/dickeqaoa/claims.rst",
            category=f"Chapter {KEYS.index('dickeqaoa') + 2}: dickeqaoa",
            subcategory="claims",
        ),
        dvc_metrics="results/dickeqaoa/summary.json",
    params:
        code=library("dickeqaoa/aggregate.py"),
    log:
        "logs/dickeqaoa/aggregate.log",
    benchmark:
        "benchmarks/dickeqaoa/aggregate.tsv"
    resources:
        **measured("dickeqaoa_aggregate", runtime=10, mem_mb=1000),
    script:
        "../scripts/dickeqaoa/aggregate.py"


rule dickeqaoa_figures:
    """Figs. 2a, 2b, 3 and the Table 3 best-conflict distribution."""
    input:
        traces="results/dickeqaoa/traces.csv",
        runs="results/dickeqaoa/runs.csv",
        baselines="results/dickeqaoa/baselines.csv",
        noise="results/dickeqaoa/noise.csv",
        dual="results/dickeqaoa/dual.csv",
        curve="results/dickeqaoa/dual_curve.csv",
    output:
        trajectories=report(
            "reports/figures/dickeqaoa_trajectories.png",
            caption="../report/dickeqaoa/trajectories.rst",
            category=f"Chapter {KEYS.index('dickeqaoa') + 2}: dickeqaoa",
            subcategory="figures",
        ),
        best_conflict=report(
            "reports/figures/dickeqaoa_best_conflict.png",
            caption="../report/dickeqaoa/best_conflict.rst",
            category=f"Chapter {KEYS.index('dickeqaoa') + 2}: dickeqaoa",
            subcategory="figures",
        ),
        noise=report(
            "reports/figures/dickeqaoa_noise.png",
            caption="../report/dickeqaoa/noise.rst",
            category=f"Chapter {KEYS.index('dickeqaoa') + 2}: dickeqaoa",
            subcategory="figures",
        ),
        dual=report(
            "reports/figures/dickeqaoa_dual.png",
            caption="../report/dickeqaoa/dual.rst",
            category=f"Chapter {KEYS.index('dickeqaoa') + 2}: dickeqaoa",
            subcategory="figures",
        ),
    params:
        code=library("dickeqaoa/figures.py"),
    log:
        "logs/dickeqaoa/figures.log",
    benchmark:
        "benchmarks/dickeqaoa/figures.tsv"
    resources:
        **measured("dickeqaoa_figures", runtime=10, mem_mb=1000),
    script:
        "../scripts/dickeqaoa/figures.py"


# what the ledger and the report read of this paper (report.smk)
LEDGER["dickeqaoa"] = dict(inputs=dict(runs="results/dickeqaoa/runs.csv", baselines="results/dickeqaoa/baselines.csv",
                                       claims="results/dickeqaoa/claims.csv"),
                           params=dict())
REPORT["dickeqaoa"] = dict(
    inputs=dict(runs="results/dickeqaoa/runs.csv", table3="results/dickeqaoa/table3.csv",
                claims="results/dickeqaoa/claims.csv", noise="results/dickeqaoa/noise.csv",
                baselines="results/dickeqaoa/baselines.csv", dual_curve="results/dickeqaoa/dual_curve.csv",
                verification="results/dickeqaoa/verification.csv", figures=rules.dickeqaoa_figures.output),
    setup=dict(DICKEQAOA_TIER, tier=config["tier"], **dickeqaoa_problem(config),
               protocol=config["dickeqaoa"]["protocol"]),
)
