"""The `qrepro` command line, one subcommand per task (each with --help):

- `qrepro plan` prices a tier from measured benchmarks (`--progress`: a running or stopped run's ETA);
- `qrepro publish` / `qrepro stale` publish a full run and check it against the code;
- `qrepro compare REV` sets the verdicts and tables beside those committed at REV;
- `qrepro dvc-yaml` writes (or checks) dvc.yaml from the Snakemake workflow;
- `qrepro bench kernel | peers | setup-peers | against REV`, plus each paper's own benchmarks (e.g. `ddqn`,
  `qaoa`): speed measured side by side.
"""

from __future__ import annotations

import argparse
from importlib.util import find_spec
from pathlib import Path


def _bench_commands(sub) -> None:
    """`qrepro bench ...`: the simulator benchmarks, then every paper's own (its ``bench.commands``)."""
    for name, run, text in (
            ("kernel", _kernel, "our simulators (compiled kernel, eager torch) vs PennyLane default.qubit, "
                                "forward+backward, one thread, with the kernel's share of the matrix-product rate"),
            ("peers", _peers, "the kernel vs PennyLane (default.qubit, lightning adjoint), qulacs, tensorcircuit-ng "
                              "(pip install -c requirements.txt -r requirements-bench.txt), torchquantum and "
                              "qiskit-torch-module (each in its own environment: setup-peers)")):
        c = sub.add_parser(name, help=text)
        c.add_argument("--batches", type=int, nargs="+", default=[1, 32, 64])
        c.add_argument("--min-seconds", type=float, default=1.0, help="timing budget per measurement")
        c.add_argument("--quick", action="store_true", help="only the 6-qubit re-uploading circuit")
        c.set_defaults(run=run)
    s = sub.add_parser("setup-peers", help="build the environments of the peers that cannot sit beside the "
                                           "project's pins (.peers/, from requirements-peers/; about 11 GB: both "
                                           "need a CUDA build of torch)")
    s.set_defaults(run=_setup_peers)
    a = sub.add_parser("against", help="the default tier's largest training workloads, this checkout's code vs "
                                       "REV's, run at once one per core: CPU time ratios and whether the numbers "
                                       "are the same")
    a.add_argument("rev", help="the git revision to measure against (a hash, tag or branch)")
    a.add_argument("--rounds", type=int, default=3, help="simultaneous pairs per workload")
    a.add_argument("--workloads", nargs="+", metavar="KIND[/NAME]", default=[],
                   help="only these kinds or workloads (e.g. ddqn, ddqn/Q10-4); a bad name lists the allowed ones")
    a.set_defaults(run=_against)
    from .registry import PAPERS

    for paper in PAPERS:
        if find_spec(f"qrepro.papers.{paper.key}.bench") is not None:
            module = paper.hook("bench")
            if hasattr(module, "commands"):
                module.commands(sub)


def _kernel(args) -> None:
    from .bench.simulators import CIRCUITS, run_bench

    run_bench(tuple(args.batches), CIRCUITS[:1] if args.quick else CIRCUITS, args.min_seconds)


def _peers(args) -> None:
    from .bench.simulators import CIRCUITS, peer_bench

    peer_bench(tuple(args.batches), CIRCUITS[:1] if args.quick else CIRCUITS, args.min_seconds)


def _setup_peers(args) -> None:
    from .bench.peers import setup_environments

    for name, outcome in setup_environments().items():
        print(f"{name}: {outcome}", flush=True)


def _against(args) -> None:
    from .bench.against import against, select

    against(args.rev, args.rounds, select(args.workloads))


def _publish(args) -> None:
    from .publication.publish import publish

    m = publish(Path.cwd())
    print(f"published tier {m['tier']} from {m['git_commit'][:12]}: "
          f"{sum(p['cpu_s'] for p in m['cpu_seconds'].values()) / 3600:.2f} CPU-h, "
          f"{m['wall_seconds'] / 3600:.2f} h wall")


def _stale(args) -> None:
    from .publication.publish import stale

    reasons = stale(Path.cwd())
    print("\n".join(reasons) if reasons else "the published results match the code and params")
    if reasons:
        raise SystemExit(1)


def _compare(args) -> None:
    from .publication.compare import report

    text, verdicts_changed = report(Path.cwd(), args.rev)
    print(text)
    if verdicts_changed:
        raise SystemExit(1)


def _plan(args) -> None:
    from .config import load_params
    from .io import write_csv
    from .publication.plan import (
        Costs,
        add_classes,
        job_costs,
        measure,
        measured_benchmarks,
        render,
        render_rest,
        rest_of_run,
        run_jobs,
    )

    root = Path.cwd()
    params = lambda t: load_params(root / "params.yaml", {"tier": t} if t else None)  # noqa: E731
    if args.measure:
        cfg = params(None)
        write_csv(root / "results/costs.csv", measure(measured_benchmarks(root, cfg["tier"]), cfg))
    if args.add_measured:
        other = Path(args.add_measured).resolve()
        cfg = load_params(other / "params.yaml")
        write_csv(root / "results/costs.csv", add_classes(Costs.load(root / "results/costs.csv").table,
                                                          measure(measured_benchmarks(other, cfg["tier"]), cfg)))
    costs = Costs.load(root / "results/costs.csv")
    if args.progress:
        cfg = params(args.tier)
        print(render_rest(rest_of_run(run_jobs(cfg["tier"], costs, cfg, root), args.cores), cfg["tier"], args.cores))
        for other in sorted(p.parent.parent.parent.name for p in root.glob("tiers/*/.snakemake/locks/*.lock")):
            if other != cfg["tier"]:
                print(f"a run at tier {other} holds its lock in tiers/{other}/: qrepro plan --progress --tier {other}")
    else:
        tier_name = args.tier or "paper"
        print(render(job_costs(tier_name, costs, params(tier_name), root), tier_name, args.cores))


def _dvc_yaml(args) -> None:
    from .publication.dvc_stages import write_or_check

    if not write_or_check(args.check):
        raise SystemExit("dvc.yaml differs from what the workflow generates: run `qrepro dvc-yaml`")


def tiers() -> list[str]:
    """The tiers, smallest first, as the params schema lists them."""
    import yaml

    from .config import SCHEMA_PATH

    return yaml.safe_load(SCHEMA_PATH.read_text())["properties"]["tier"]["enum"]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="qrepro", description=__doc__.split("\n\n")[0].removeprefix("The "))
    sub = top.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bench", help="speed, measured side by side: simulators, peers, training workloads against a "
                                     "revision, each paper's own benchmarks")
    _bench_commands(b.add_subparsers(dest="bench", required=True))
    p = sub.add_parser("plan", help="jobs, CPU-hours and peak memory of a tier, from measured benchmark files")
    p.add_argument("--tier", choices=tiers(),
                   help="the tier to price (default: paper; with --progress, the tier params.yaml sets)")
    p.add_argument("--cores", type=int, default=2, help="cores for the projected wall time")
    p.add_argument("--measure", action="store_true",
                   help="first rewrite results/costs.csv from benchmarks/ of a full run of params.yaml's tier")
    p.add_argument("--add-measured", metavar="CHECKOUT",
                   help="first add to results/costs.csv the cost classes it lacks, measured by the benchmarks of a "
                        "run in another checkout (e.g. a short probe run of those classes, at its params.yaml tier)")
    p.add_argument("--progress", action="store_true",
                   help="for a run in this checkout (in progress or stopped): jobs done, this machine's speed "
                        "against the costs, and the time left")
    p.set_defaults(run=_plan)
    sub.add_parser("publish", help="after a full run: results/manifest.json, results/costs.csv and the README's "
                                   "Findings, from this checkout's run (refuses uncommitted code)").set_defaults(
        run=_publish)
    sub.add_parser("stale", help="say whether the published results still match the code and params (exit 1 if "
                                 "not)").set_defaults(run=_stale)
    c = sub.add_parser("compare", help="verdicts and tracked tables now vs at a git revision, side by side "
                                       "(exit 1 if a verdict changed)")
    c.add_argument("rev", help="git revision whose committed results to compare with, e.g. the last publication")
    c.set_defaults(run=_compare)
    d = sub.add_parser("dvc-yaml", help="write dvc.yaml from the Snakemake workflow (qrepro.publication.dvc_stages)")
    d.add_argument("--check", action="store_true", help="only check that the committed dvc.yaml is up to date")
    d.set_defaults(run=_dvc_yaml)
    return top


def main(argv=None) -> None:
    args = parser().parse_args(argv)
    args.run(args)


if __name__ == "__main__":
    main()
