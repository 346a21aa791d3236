"""Paper 000's run configs and the cross-references of its params block (and of the AdapShare data it trains on)."""

from __future__ import annotations

from snakemake.io import expand

from ...config import ParamsError, tier, tier_refs


def check(cfg: dict) -> None:
    """Every tier's env configs are defined; the train / eval splits name files the import rule fetches."""
    tier_refs(cfg, "qsac", "configs", cfg["qsac"]["configs"], "a configured env")
    ad = cfg["data"]["adapshare"]
    for split in ("train", "eval"):
        for net in ("lte", "nr"):
            if ad[split][net] not in ad["files"]:
                raise ParamsError(f"params.yaml: invalid value at 'data.adapshare.{split}.{net}': {ad[split][net]!r} "
                                  "is not listed in data.adapshare.files "
                                  f"(allowed values: {', '.join(map(repr, ad['files']))})")


def adapshare_files(cfg: dict, split: str) -> list[str]:
    """The (LTE, NR) demand files of the ``train`` or ``eval`` split, as the import rule writes them."""
    names = cfg["data"]["adapshare"][split]
    return [f"data/adapshare/{names[net]}" for net in ("lte", "nr")]


def runs(cfg: dict, pattern: str) -> list[str]:
    """``pattern`` for every training run of the tier: env config x model x seed."""
    t = tier(cfg, "qsac")
    return expand(pattern, qsac_config=t["configs"], qsac_model=cfg["qsac"]["models"], seed=t["seeds"])


def run_config(cfg: dict, config_name: str, model: str) -> dict:
    """Everything one QSAC training run depends on (also its Snakemake params, so changes trigger reruns)."""
    q, t = cfg["qsac"], tier(cfg, "qsac")
    env = dict(q["env"])
    env.update(q["configs"][config_name])
    return {"model": model, "config": config_name, "env": env, "agent": q["agent"],
            "quantum": q["quantum"], "steps": t["steps"], "eval_steps": t["eval_steps"],
            "converge_threshold": q["converge_threshold"]}
