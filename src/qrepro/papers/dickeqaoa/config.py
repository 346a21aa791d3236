"""Paper 003's problem instance and run configs, and the cross-references of its params block."""

from __future__ import annotations

from snakemake.io import expand

from ...config import ParamsError, tier, tier_refs

ANSATZE = ("proposed", "standard")


def check(cfg: dict) -> None:
    """Every tier's variants are defined."""
    tier_refs(cfg, "dickeqaoa", "variants", cfg["dickeqaoa"]["variants"], "a configured variant")


def problem(cfg: dict) -> dict:
    """The instance-defining parameters of paper 003 (m, demands, chords, lambda, capacities)."""
    return {k: cfg["dickeqaoa"][k] for k in ("m", "demands", "chords", "lam", "capacities")}


def ansatze(cfg: dict, variant: str) -> list[str]:
    return list(cfg["dickeqaoa"]["variants"][variant].get("ansatze", ANSATZE))


def runs(cfg: dict, pattern: str) -> list[str]:
    """Every QAOA run of the tier: variants x their ansaetze x N x seeds."""
    t = tier(cfg, "dickeqaoa")
    return [run for v in t["variants"]
            for run in expand(pattern, variant=v, ansatz=ansatze(cfg, v), n_nodes=t["N"], seed=range(t["seeds"]))]


def noise_cells(cfg: dict) -> list[str]:
    t = tier(cfg, "dickeqaoa")
    return expand("results/dickeqaoa/noise/{scope}/{ansatz}/p{p_err}.csv", scope=t["scopes"], ansatz=list(ANSATZE),
                  p_err=[f"{p:g}" for p in t["p_err"]])


def run_config(cfg: dict, variant: str, ansatz: str, n: int, seed: int) -> dict:
    """Everything one QAOA optimisation run depends on: protocol, then tier sizes, then the variant's overrides."""
    dq, t = cfg["dickeqaoa"], tier(cfg, "dickeqaoa")
    if variant not in dq["variants"]:
        raise ParamsError(f"dickeqaoa variant must be one of {', '.join(dq['variants'])}, got {variant!r}")
    if ansatz not in ansatze(cfg, variant):
        raise ParamsError(f"dickeqaoa ansatz for variant {variant!r} must be one of "
                          f"{', '.join(ansatze(cfg, variant))}, got {ansatz!r}")
    run = dict(dq["protocol"], maxiter=t["maxiter"], shots=t["shots"])
    run.update({k: v for k, v in dq["variants"][variant].items() if k != "ansatze"})
    return dict(run, variant=variant, ansatz=ansatz, N=int(n), seed=int(seed))
