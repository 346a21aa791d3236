"""Run-level orchestration called by the thin Snakemake scripts (kept here so it is unit-testable)."""
