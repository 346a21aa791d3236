"""Paper 004's sensitivity-sweep configs and the cross-references of its params block."""

from __future__ import annotations

from snakemake.io import expand

from ...config import ParamsError, tier

# the qimarl.qi knobs the sensitivity sweeps may move (their default values are qimarl.qi's)
SWEEP_KNOBS = ("kappa_ucb", "alpha_r", "beta_r", "alpha_h", "tau", "kappa_bias", "eta", "p")


def check(cfg: dict) -> None:
    """Sweep knobs must have values in qimarl.sweeps; the sweep seeds / episodes must lie inside the tier's main
    runs, whose qimarl runs are the default point of every sweep; an estimator epoch must fit in a run."""
    swept = cfg["qimarl"]["sweeps"]
    for name, t in cfg["qimarl"]["tiers"].items():
        sw, where = t["sweep"], f"qimarl.tiers.{name}.sweep"
        for knob in sw["knobs"] + [k for pair in sw["grids"] for k in pair]:
            if knob not in swept:
                raise ParamsError(f"params.yaml: invalid value at '{where}': knob {knob!r} has no values in "
                                  f"qimarl.sweeps (allowed values: {', '.join(map(repr, swept))})")
        extra = sorted(set(sw["seeds"]) - set(t["seeds"]))
        if extra:
            raise ParamsError(f"params.yaml: invalid value at '{where}.seeds': {extra} are not among the tier's "
                              f"seeds (allowed values: {t['seeds']}); the main qimarl runs give the default point")
        if sw["episodes"] > t["episodes"]:
            raise ParamsError(f"params.yaml: invalid value at '{where}.episodes': {sw['episodes']} exceeds the tier's "
                              f"episodes ({t['episodes']}); the main qimarl runs give the default point")
        if t["episodes_per_epoch"] > t["episodes"]:
            raise ParamsError(f"params.yaml: invalid value at 'qimarl.tiers.{name}.episodes_per_epoch': "
                              f"{t['episodes_per_epoch']} exceeds the tier's episodes ({t['episodes']}); the "
                              "sample-complexity estimator needs at least one whole epoch")


def runs(cfg: dict) -> list[str]:
    """Every main (method, seed) training log of the tier."""
    return expand("results/qimarl/runs/{qimarl_method}/seed{seed}/episodes.csv", qimarl_method=cfg["qimarl"]["methods"],
                  seed=tier(cfg, "qimarl")["seeds"])


def long_runs(cfg: dict) -> list[str]:
    """The tier's long (method, seed) training logs (C4: convergence read past the main runs' length)."""
    t = tier(cfg, "qimarl")["long"]
    return expand("results/qimarl/long/{qimarl_method}/seed{seed}/episodes.csv", qimarl_method=t["methods"],
                  seed=t["seeds"])


def scale_runs(cfg: dict) -> list[str]:
    """The tier's full training logs at other team sizes (C12), one per (method, [N, G], seed)."""
    t = tier(cfg, "qimarl")["scale_training"]
    return [f"results/qimarl/scale/{m}/n{n}_g{g}/seed{seed}/episodes.csv"
            for m in t["methods"] for n, g in t["sizes"] for seed in t["seeds"]]


def sweep_defaults(cfg: dict) -> dict:
    """The default point of the sensitivity sweeps: qimarl.qi's value of every sweepable knob."""
    return {k: cfg["qimarl"]["qi"][k] for k in SWEEP_KNOBS}


def sweep_id(overrides: dict) -> str:
    """``{"alpha_r": 0.1, "beta_r": 0}`` -> ``alpha_r=0.1+beta_r=0``: a readable folder name per sweep config."""
    return "+".join(f"{k}={v:g}" for k, v in overrides.items())


def parse_sweep_id(config_id: str) -> dict:
    """Inverse of :func:`sweep_id`; knob names outside SWEEP_KNOBS are rejected with the allowed ones."""
    out = {}
    for part in config_id.split("+"):
        knob, sep, value = part.partition("=")
        if not sep or knob not in SWEEP_KNOBS:
            raise ParamsError(f"qimarl sweep config {config_id!r}: knob must be one of {', '.join(SWEEP_KNOBS)}, "
                              f"got {knob!r}")
        out[knob] = int(value) if knob == "p" else float(value)
    return out


def sweep_configs(cfg: dict) -> list[str]:
    """E-sens / E-map / E-depth configs of the active tier: each listed knob moved one at a time to every
    non-default value of ``qimarl.sweeps``, plus the full product of each ``grids`` pair (Fig. 4 heat map).
    The default values are qimarl.qi's (the main qimarl runs are the reference, so they are not rerun)."""
    base, sweeps, t = sweep_defaults(cfg), cfg["qimarl"]["sweeps"], tier(cfg, "qimarl")["sweep"]
    ids = [sweep_id({k: v}) for k in t["knobs"] for v in sweeps[k] if v != base[k]]
    for a, b in t["grids"]:
        ids += [sweep_id({a: va, b: vb}) for va in sweeps[a] for vb in sweeps[b] if va != base[a] and vb != base[b]]
    return ids


def sweep_overrides(config_id: str) -> dict:
    """QIConfig overrides of one sweep config; alpha_h carries the penalty with it (spec 004: lam_pen = 2 alpha_h)."""
    out = parse_sweep_id(config_id)
    if "alpha_h" in out:
        out["lam_pen"] = 2 * out["alpha_h"]
    return out
