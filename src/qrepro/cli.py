"""`qrepro` command line: `qrepro bench` prints simulator speed-ups measured side by side (`--against REV`: the
training workloads' speed and numbers vs a revision's code); `qrepro plan` prices a tier from measured benchmarks;
`qrepro publish` / `qrepro stale` publish a full run and check it against the code; `qrepro compare REV` sets the
verdicts and tables beside those committed at REV; `qrepro dvc-yaml` writes (or checks) dvc.yaml from the Snakemake
workflow."""

from __future__ import annotations

import argparse
from pathlib import Path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="qrepro")
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bench", help="our simulators (compiled kernel, eager torch) vs PennyLane default.qubit, "
                                     "forward+backward, 1 thread")
    b.add_argument("--batches", type=int, nargs="+", default=[1, 32, 64])
    b.add_argument("--min-seconds", type=float, default=1.0, help="timing budget per measurement")
    b.add_argument("--quick", action="store_true", help="only the 6-qubit QSAC circuit")
    b.add_argument("--ddqn", action="store_true", help="also time a full qrlbench DDQN epoch, C64-2 vs Q10-4")
    b.add_argument("--qaoa", action="store_true",
                   help="only paper 003: exact QAOA simulators and the noisy Pauli-frame simulator vs qiskit-aer")
    b.add_argument("--qimarl", action="store_true",
                   help="only paper 004: QAOA proposal solve under NLopt vs scipy COBYLA; GP posterior vs gpytorch; "
                        "a training episode's time by part")
    b.add_argument("--peers", action="store_true",
                   help="the kernel vs PennyLane (default.qubit, lightning adjoint), qulacs, tensorcircuit-ng "
                        "(install: pip install -c requirements.txt -r requirements-bench.txt), torchquantum and "
                        "qiskit-torch-module (each in its own environment: --setup-peers)")
    b.add_argument("--setup-peers", action="store_true",
                   help="only build the environments of the peers that cannot sit beside the project's pins "
                        "(.peers/, from requirements-peers/; about 11 GB: both need a CUDA build of torch)")
    b.add_argument("--against", metavar="REV",
                   help="only the default tier's largest training workloads (QI-MARL methods, SB3 models, DDQN), this "
                        "checkout's code vs REV's run at once one per core: CPU time ratios and whether the "
                        "numbers are the same")
    b.add_argument("--rounds", type=int, default=3, help="with --against: simultaneous pairs per workload")
    b.add_argument("--workloads", nargs="+", metavar="KIND[/NAME]", default=[],
                   help="with --against: only these kinds (qimarl, sb3, ddqn) or workloads (e.g. qimarl/ppo)")
    d = sub.add_parser("dvc-yaml", help="write dvc.yaml from the Snakemake workflow (src/qrepro/dvc_stages.py)")
    d.add_argument("--check", action="store_true", help="only check that the committed dvc.yaml is up to date")
    p = sub.add_parser("plan", help="jobs, CPU-hours and peak memory of a tier, from measured benchmark files")
    p.add_argument("--tier", choices=["smoke", "default", "paper"],
                   help="the tier to price (default: paper; with --progress, the tier params.yaml sets)")
    p.add_argument("--cores", type=int, default=2, help="cores for the projected wall time")
    p.add_argument("--measure", action="store_true",
                   help="first rewrite results/costs.csv from benchmarks/ of a full default-tier run")
    p.add_argument("--progress", action="store_true",
                   help="for a run in this checkout (in progress or stopped): jobs done, this machine's speed "
                        "against the costs, and the time left")
    sub.add_parser("publish", help="after a full run: results/manifest.json, results/costs.csv and the README's "
                                   "Findings, from this checkout's run (refuses uncommitted code)")
    sub.add_parser("stale", help="say whether the published results still match the code and params (exit 1 if not)")
    c = sub.add_parser("compare", help="verdicts and tracked tables now vs at a git revision, side by side "
                                       "(exit 1 if a verdict changed)")
    c.add_argument("rev", help="git revision whose committed results to compare with, e.g. the last publication")
    args = parser.parse_args(argv)
    if args.cmd == "publish":
        from .publish import publish

        m = publish(Path.cwd())
        print(f"published tier {m['tier']} from {m['git_commit'][:12]}: "
              f"{sum(p['cpu_s'] for p in m['cpu_seconds'].values()) / 3600:.2f} CPU-h, "
              f"{m['wall_seconds'] / 3600:.2f} h wall")
    elif args.cmd == "stale":
        from .publish import stale

        reasons = stale(Path.cwd())
        print("\n".join(reasons) if reasons else "the published results match the code and params")
        if reasons:
            raise SystemExit(1)
    elif args.cmd == "compare":
        from .compare import report

        text, verdicts_changed = report(Path.cwd(), args.rev)
        print(text)
        if verdicts_changed:
            raise SystemExit(1)
    elif args.cmd == "plan":
        from .config import load_params
        from .io import write_csv
        from .plan import Costs, job_costs, measure, measured_benchmarks, render, render_rest, rest_of_run, run_jobs

        root = Path.cwd()
        params = lambda t: load_params(root / "params.yaml", {"tier": t} if t else None)  # noqa: E731
        if args.measure:
            write_csv(root / "results/costs.csv", measure(measured_benchmarks(root), params("default")))
        costs = Costs.load(root / "results/costs.csv")
        if args.progress:
            cfg = params(args.tier)
            rest = rest_of_run(run_jobs(cfg["tier"], costs, cfg, root), args.cores)
            print(render_rest(rest, cfg["tier"], args.cores))
        else:
            tier_name = args.tier or "paper"
            print(render(job_costs(tier_name, costs, params(tier_name), root), tier_name, args.cores))
    elif args.cmd == "dvc-yaml":
        from .dvc_stages import write_or_check

        if not write_or_check(args.check):
            raise SystemExit("dvc.yaml differs from what the workflow generates: run `qrepro dvc-yaml`")
    elif args.cmd == "bench" and args.against:
        from .bench_against import against, select

        against(args.against, args.rounds, select(args.workloads))
    elif args.cmd == "bench" and args.setup_peers:
        from .bench_peers import setup_environments

        for name, outcome in setup_environments().items():
            print(f"{name}: {outcome}", flush=True)
    elif args.cmd == "bench" and args.peers:
        from .bench import CIRCUITS, peer_bench

        peer_bench(tuple(args.batches), CIRCUITS[:1] if args.quick else CIRCUITS, args.min_seconds)
    elif args.cmd == "bench" and args.qimarl:
        from .bench import qimarl_bench, qimarl_episode_profile

        qimarl_bench()
        qimarl_episode_profile()
    elif args.cmd == "bench" and args.qaoa:
        from .bench import noisy_bench, qaoa_bench

        qaoa_bench()
        noisy_bench()
    elif args.cmd == "bench":
        from .bench import CIRCUITS, run_bench

        run_bench(tuple(args.batches), CIRCUITS[:1] if args.quick else CIRCUITS, args.min_seconds)
        if args.ddqn:
            from .bench import ddqn_epoch_bench

            ddqn_epoch_bench()


if __name__ == "__main__":
    main()
