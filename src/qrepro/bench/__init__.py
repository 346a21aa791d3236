"""Benchmarks: our simulators against their peers, the training workloads against a revision's code
(`qrepro bench ...`). No stage imports this package."""
