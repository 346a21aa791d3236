"""`qrepro` command line: `qrepro bench` prints simulator speed-ups measured side by side; `qrepro dvc-yaml`
writes (or checks) dvc.yaml from the Snakemake workflow."""

from __future__ import annotations

import argparse


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="qrepro")
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("bench", help="our simulators (compiled kernel, eager torch) vs PennyLane default.qubit, "
                                     "forward+backward, 1 thread")
    b.add_argument("--batches", type=int, nargs="+", default=[1, 32, 64])
    b.add_argument("--min-seconds", type=float, default=1.0, help="timing budget per measurement")
    b.add_argument("--quick", action="store_true", help="only the 6-qubit QSAC circuit")
    b.add_argument("--ddqn", action="store_true", help="also time a full qrlbench DDQN epoch, C64-2 vs Q10-4")
    b.add_argument("--qaoa", action="store_true", help="only paper 003: exact QAOA simulators vs qiskit-aer")
    d = sub.add_parser("dvc-yaml", help="write dvc.yaml from the Snakemake workflow (src/qrepro/dvc_stages.py)")
    d.add_argument("--check", action="store_true", help="only check that the committed dvc.yaml is up to date")
    args = parser.parse_args(argv)
    if args.cmd == "dvc-yaml":
        from .dvc_stages import write_or_check

        if not write_or_check(args.check):
            raise SystemExit("dvc.yaml differs from what the workflow generates: run `qrepro dvc-yaml`")
    elif args.cmd == "bench" and args.qaoa:
        from .bench import qaoa_bench

        qaoa_bench()
    elif args.cmd == "bench":
        from .bench import CIRCUITS, run_bench

        run_bench(tuple(args.batches), CIRCUITS[:1] if args.quick else CIRCUITS, args.min_seconds)
        if args.ddqn:
            from .bench import ddqn_epoch_bench

            ddqn_epoch_bench()


if __name__ == "__main__":
    main()
