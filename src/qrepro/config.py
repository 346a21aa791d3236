"""params.yaml loading and validation: one JSON schema, errors that name the parameter and allowed values."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import jsonschema
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = REPO_ROOT / "workflow" / "schemas" / "params.schema.yaml"


class ParamsError(ValueError):
    """params.yaml does not satisfy the schema; the message names the offending key."""


def _fill_defaults(validator_cls):
    """A validator that also writes schema ``default`` values into the instance (as snakemake's validate)."""
    validate_props = validator_cls.VALIDATORS["properties"]

    def set_defaults(validator, properties, instance, schema):
        if isinstance(instance, dict):
            for key, sub in properties.items():
                if "default" in sub and key not in instance:
                    instance[key] = copy.deepcopy(sub["default"])
        yield from validate_props(validator, properties, instance, schema)

    return jsonschema.validators.extend(validator_cls, {"properties": set_defaults})


def _describe(err: jsonschema.ValidationError) -> str:
    where = ".".join(str(p) for p in err.absolute_path) or "<top level>"
    allowed = ""
    if err.validator == "additionalProperties" and isinstance(err.schema.get("properties"), dict):
        allowed = f" (allowed keys: {', '.join(sorted(err.schema['properties']))})"
    return f"params.yaml: invalid value at '{where}': {err.message}{allowed}"


def validate_params(cfg: dict, schema_path: Path | str = SCHEMA_PATH) -> dict:
    """Validate in place (filling defaults) and check cross-references; raise :class:`ParamsError`."""
    schema = yaml.safe_load(Path(schema_path).read_text())
    validator = _fill_defaults(jsonschema.Draft202012Validator)(schema)
    errors = sorted(validator.iter_errors(cfg), key=lambda e: (len(list(e.absolute_path)), str(e.absolute_path)))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        raise ParamsError(_describe(best))
    _tier_refs(cfg, "qsac", "configs", cfg["qsac"]["configs"], "a configured env")
    _tier_refs(cfg, "dickeqaoa", "variants", cfg["dickeqaoa"]["variants"], "a configured variant")
    _tier_includes(cfg, "qrlbench", "envs", "main_env")
    _qrl_model_bounds(cfg)
    _tier_refs(cfg, "qrlbench", "policy_test_models", lambda t: t["models"], "among that tier's models")  # Fig. 8
    _tier_includes(cfg, "cqdt", "states", "main_state")
    _qimarl_sweep_refs(cfg)
    ad = cfg["data"]["adapshare"]
    for split in ("train", "eval"):
        for net in ("lte", "nr"):
            if ad[split][net] not in ad["files"]:
                raise ParamsError(f"params.yaml: invalid value at 'data.adapshare.{split}.{net}': {ad[split][net]!r} "
                                  "is not listed in data.adapshare.files "
                                  f"(allowed values: {', '.join(map(repr, ad['files']))})")
    return cfg


def _tier_refs(cfg: dict, paper: str, key: str, allowed, what: str) -> None:
    """Every name a tier lists under ``key`` must be defined in ``allowed`` (a list, or a function of the tier)."""
    for tier_name, t in cfg[paper]["tiers"].items():
        ok = allowed(t) if callable(allowed) else allowed
        for name in t[key]:
            if name not in ok:
                raise ParamsError(f"params.yaml: invalid value at '{paper}.tiers.{tier_name}.{key}': {name!r} is not "
                                  f"{what} (allowed values: {', '.join(map(repr, ok))})")


MODEL_ID = re.compile(r"^(?P<kind>[CQ])(?P<a>\d+)-(?P<b>\d+)$")
MAX_WIDTH = 4096
# the CRot ring needs two wires; 2^16 amplitudes x a 100-sample validation batch (x4 adjoint buffers) is what the
# simulators hold in a job's memory; the paper's largest model is Q14-4
QUBITS = (2, 16)


def parse_model_id(model_id: str, where: str = "qrlbench model") -> tuple[str, int, int]:
    """``C16-2`` -> ("C", 16, 2): MLP width / depth; ``Q10-4`` -> ("Q", 10, 4): qubits / layers. Out-of-range
    ids raise :class:`ParamsError` naming ``where`` and the allowed range."""
    m = MODEL_ID.match(str(model_id))
    allowed = (f"C<width>-<depth> with 1 <= width <= {MAX_WIDTH}, depth >= 1, or Q<qubits>-<layers> with "
               f"{QUBITS[0]} <= qubits <= {QUBITS[1]}, layers >= 1")
    if not m:
        raise ParamsError(f"{where}: {model_id!r} is not a model id (allowed values: {allowed})")
    kind, a, b = m["kind"], int(m["a"]), int(m["b"])
    ok = b >= 1 and (1 <= a <= MAX_WIDTH if kind == "C" else QUBITS[0] <= a <= QUBITS[1])
    if not ok:
        raise ParamsError(f"{where}: {model_id!r} is out of range (allowed values: {allowed})")
    return kind, a, b


def _qrl_model_bounds(cfg: dict) -> None:
    """Every qrlbench model id parses and lies in range; CartPole's quantum policy has one qubit per input."""
    q = cfg["qrlbench"]
    for tier_name, t in q["tiers"].items():
        for key in ("models", "ppo_models", "sweep_models", "policy_test_models"):
            for mid in t[key]:
                parse_model_id(mid, f"params.yaml: invalid value at 'qrlbench.tiers.{tier_name}.{key}'")
    for mid in q["cartpole"]["models"]:
        where = "params.yaml: invalid value at 'qrlbench.cartpole.models'"
        kind, a, _ = parse_model_id(mid, where)
        if kind == "Q" and a != 4:
            raise ParamsError(f"{where}: {mid!r}: the raw-VQC has one qubit per CartPole input (allowed values: "
                              "Q4-<layers> or C<width>-<depth>)")


def _qimarl_sweep_refs(cfg: dict) -> None:
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


def _tier_includes(cfg: dict, paper: str, key: str, main_key: str) -> None:
    """Every tier's ``key`` list must contain the paper's ``main_key`` value (claims are decided on it)."""
    for tier_name, t in cfg[paper]["tiers"].items():
        if cfg[paper][main_key] not in t[key]:
            raise ParamsError(f"params.yaml: invalid value at '{paper}.tiers.{tier_name}.{key}': must include "
                              f"{paper}.{main_key} ({cfg[paper][main_key]!r})")


def load_params(path: Path | str = "params.yaml", overrides: dict | None = None) -> dict:
    cfg = yaml.safe_load(Path(path).read_text())
    if overrides:
        cfg = deep_merge(cfg, overrides)
    return validate_params(cfg)


def deep_merge(base: dict, extra: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in extra.items():
        out[k] = deep_merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def tier(cfg: dict, paper: str) -> dict:
    """The active tier's sizes for one paper (``cfg['tier']`` picks smoke/default/paper)."""
    return cfg[paper]["tiers"][cfg["tier"]]


def qsac_run_config(cfg: dict, config_name: str, model: str) -> dict:
    """Everything one QSAC training run depends on (also its Snakemake params, so changes trigger reruns)."""
    q, t = cfg["qsac"], tier(cfg, "qsac")
    env = dict(q["env"])
    env.update(q["configs"][config_name])
    return {"model": model, "config": config_name, "env": env, "agent": q["agent"],
            "quantum": q["quantum"], "steps": t["steps"], "eval_steps": t["eval_steps"],
            "converge_threshold": q["converge_threshold"]}


QRL_ALGOS = ("ddqn", "ppo")


def qrlbench_run_config(cfg: dict, model: str, algo: str = "ddqn", env: str | None = None) -> dict:
    """Everything one qrlbench run depends on (its Snakemake params); ``env`` defaults to main_env."""
    if algo not in QRL_ALGOS:
        raise ParamsError(f"qrlbench algo must be one of {QRL_ALGOS}, got {algo!r}")
    q, t = cfg["qrlbench"], tier(cfg, "qrlbench")
    layout, degree = parse_qrl_env(env or q["main_env"])
    return {"algo": algo, "model": model, algo: q[algo], "val_envs": t["val_envs"], "backend": q["quantum_backend"],
            "env": {"name": env or q["main_env"], "layout": layout, "degree": degree, **q["env"]},
            "epochs": t["epochs"] if algo == "ddqn" else t["ppo_epochs"]}


def qrlbench_cartpole_config(cfg: dict, model: str) -> dict:
    """One E8 run (vanilla policy gradient on CartPole-v1, spec 001 section 1.2 [A]); same trainer interface as
    :func:`qrlbench_run_config`'s runs."""
    q, t = cfg["qrlbench"], tier(cfg, "qrlbench")
    cp = q["cartpole"]["vpg"]
    vpg = {k: v for k, v in cp.items() if not k.startswith("lr_")}
    vpg["lr"] = cp["lr_quantum" if model.startswith("Q") else "lr_classical"]
    return {"algo": "vpg", "model": model, "vpg": vpg, "backend": q["quantum_backend"],
            "env": {"name": "cartpole"}, "epochs": t["cartpole_epochs"]}


def parse_qrl_env(name: str) -> tuple[str, int]:
    """``a3-main-d3`` -> ("a3-main", 3); ``a4-2-d5`` -> ("a4-2", 5)."""
    layout, _, degree = name.rpartition("-d")
    if not layout or not degree.isdigit():
        raise ParamsError(f"qrlbench env name must look like 'a3-main-d3' or 'a4-2-d3', got {name!r}")
    return layout, int(degree)


DQ_ANSATZE = ("proposed", "standard")


def dickeqaoa_problem(cfg: dict) -> dict:
    """The instance-defining parameters of paper 003 (m, demands, chords, lambda, capacities)."""
    return {k: cfg["dickeqaoa"][k] for k in ("m", "demands", "chords", "lam", "capacities")}


def dickeqaoa_ansatze(cfg: dict, variant: str) -> list[str]:
    return list(cfg["dickeqaoa"]["variants"][variant].get("ansatze", DQ_ANSATZE))


def dickeqaoa_run_config(cfg: dict, variant: str, ansatz: str, n: int, seed: int) -> dict:
    """Everything one QAOA optimisation run depends on: protocol, then tier sizes, then the variant's overrides."""
    dq, t = cfg["dickeqaoa"], tier(cfg, "dickeqaoa")
    if variant not in dq["variants"]:
        raise ParamsError(f"dickeqaoa variant must be one of {', '.join(dq['variants'])}, got {variant!r}")
    if ansatz not in dickeqaoa_ansatze(cfg, variant):
        raise ParamsError(f"dickeqaoa ansatz for variant {variant!r} must be one of "
                          f"{', '.join(dickeqaoa_ansatze(cfg, variant))}, got {ansatz!r}")
    run = dict(dq["protocol"], maxiter=t["maxiter"], shots=t["shots"])
    run.update({k: v for k, v in dq["variants"][variant].items() if k != "ansatze"})
    return dict(run, variant=variant, ansatz=ansatz, N=int(n), seed=int(seed))


# the qimarl.qi knobs the sensitivity sweeps may move (their default values are qimarl.qi's)
QI_SWEEP_KNOBS = ("kappa_ucb", "alpha_r", "beta_r", "alpha_h", "tau", "kappa_bias", "eta", "p")


def qimarl_sweep_defaults(cfg: dict) -> dict:
    """The default point of the sensitivity sweeps: qimarl.qi's value of every sweepable knob."""
    return {k: cfg["qimarl"]["qi"][k] for k in QI_SWEEP_KNOBS}


def sweep_id(overrides: dict) -> str:
    """``{"alpha_r": 0.1, "beta_r": 0}`` -> ``alpha_r=0.1+beta_r=0``: a readable folder name per sweep config."""
    return "+".join(f"{k}={v:g}" for k, v in overrides.items())


def parse_sweep_id(config_id: str) -> dict:
    """Inverse of :func:`sweep_id`; knob names outside QI_SWEEP_KNOBS are rejected with the allowed ones."""
    out = {}
    for part in config_id.split("+"):
        knob, sep, value = part.partition("=")
        if not sep or knob not in QI_SWEEP_KNOBS:
            raise ParamsError(f"qimarl sweep config {config_id!r}: knob must be one of {', '.join(QI_SWEEP_KNOBS)}, "
                              f"got {knob!r}")
        out[knob] = int(value) if knob == "p" else float(value)
    return out


def qimarl_sweep_configs(cfg: dict) -> list[str]:
    """E-sens / E-map / E-depth configs of the active tier: each listed knob moved one at a time to every
    non-default value of ``qimarl.sweeps``, plus the full product of each ``grids`` pair (Fig. 4 heat map).
    The default values are qimarl.qi's (the main qimarl runs are the reference, so they are not rerun)."""
    base, sweeps, t = qimarl_sweep_defaults(cfg), cfg["qimarl"]["sweeps"], tier(cfg, "qimarl")["sweep"]
    ids = [sweep_id({k: v}) for k in t["knobs"] for v in sweeps[k] if v != base[k]]
    for a, b in t["grids"]:
        ids += [sweep_id({a: va, b: vb}) for va in sweeps[a] for vb in sweeps[b] if va != base[a] and vb != base[b]]
    return ids


def qimarl_sweep_overrides(config_id: str) -> dict:
    """QIConfig overrides of one sweep config; alpha_h carries the penalty with it (spec 004: lam_pen = 2 alpha_h)."""
    out = parse_sweep_id(config_id)
    if "alpha_h" in out:
        out["lam_pen"] = 2 * out["alpha_h"]
    return out


def cqdt_run_config(cfg: dict) -> tuple[dict, dict]:
    """(paper-level parameters, active tier sizes) of one CQDT run."""
    cq = cfg["cqdt"]
    params = {k: cq[k] for k in ("loop", "reinforce", "comparator_hidden")}
    params["detection"] = dict(cq["detection"], bootstrap=tier(cfg, "cqdt")["bootstrap"])
    return params, tier(cfg, "cqdt")
