"""One package per reproduced paper: its run configs, environments, learners, runs, aggregation, claim deciders,
figures and report chapter. A package imports shared code (quantum, stats, claims, io, ...) and never another
paper's. The list of papers is :mod:`qrepro.registry`."""
