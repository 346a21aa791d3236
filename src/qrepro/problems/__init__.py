"""Combinatorial problem instances (the CBRS channel-allocation GMCP of paper 003) and their classical solvers."""
