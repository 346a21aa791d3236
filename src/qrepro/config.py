"""params.yaml loading and validation: one JSON schema, errors that name the parameter and allowed values. Each paper
checks the cross-references inside its own block (``qrepro.papers.<key>.config.check``, through the registry)."""

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
    elif err.validator == "type" and err.validator_value == "string" and isinstance(err.instance, (int, float)):
        allowed = " (YAML reads an unquoted run of digits as a number: quote the value)"
    elif "description" in err.schema:
        allowed = f" (allowed values: {err.schema['description']})"
    return f"params.yaml: invalid value at '{where}': {err.message}{allowed}"


def set_by(message: str, overrides: dict, configfiles=()) -> str:
    """A params error message (``params.yaml: invalid value at 'a.b': ...``) naming where the value was set: the
    last ``--configfile`` that sets the key, or ``--config``, else params.yaml."""
    m = re.match(r"params\.yaml: invalid value at '([^']+)'", message)
    if not m:
        return message

    def sets(d, keys):
        for k in keys:
            if not isinstance(d, dict) or k not in d:
                return False
            d = d[k]
        return True

    keys = m[1].split(".")
    prefixes = [keys[:i] for i in range(len(keys), 0, -1)]
    source = "params.yaml"
    for f in configfiles:
        if any(sets(yaml.safe_load(Path(f).read_text()) or {}, k) for k in prefixes):
            source = Path(f).name
    if any(sets(overrides, k) for k in prefixes):
        source = "--config"
    return source + message[len("params.yaml"):]


def validate_params(cfg: dict, schema_path: Path | str = SCHEMA_PATH) -> dict:
    """Validate in place (filling defaults), then let every paper check its block's cross-references; raise
    :class:`ParamsError`."""
    from .registry import PAPERS

    schema = yaml.safe_load(Path(schema_path).read_text())
    validator = _fill_defaults(jsonschema.Draft202012Validator)(schema)
    errors = sorted(validator.iter_errors(cfg), key=lambda e: (len(list(e.absolute_path)), str(e.absolute_path)))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        raise ParamsError(_describe(best))
    for paper in PAPERS:
        paper.check(cfg)
    return cfg


def tier_refs(cfg: dict, paper: str, key: str, allowed, what: str) -> None:
    """Every name a tier lists under ``key`` must be defined in ``allowed`` (a list, or a function of the tier)."""
    for tier_name, t in cfg[paper]["tiers"].items():
        ok = allowed(t) if callable(allowed) else allowed
        for name in t[key]:
            if name not in ok:
                raise ParamsError(f"params.yaml: invalid value at '{paper}.tiers.{tier_name}.{key}': {name!r} is not "
                                  f"{what} (allowed values: {', '.join(map(repr, ok))})")


def tier_includes(cfg: dict, paper: str, key: str, main_key: str) -> None:
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


def params_tier(root: Path | str = REPO_ROOT) -> str:
    """The tier params.yaml sets: the one whose results live in results/ and reports/ (what DVC and git carry)."""
    return yaml.safe_load((Path(root) / "params.yaml").read_text())["tier"]


def tier_root(root: Path | str, tier_name: str) -> Path:
    """Where a run of ``tier_name`` writes: the checkout itself for the tier params.yaml sets, ``tiers/<tier>/`` for
    any other (``snakemake --config tier=smoke``), so a quick try never overwrites the published results."""
    root = Path(root)
    return root if tier_name == params_tier(root) else root / "tiers" / tier_name


def tier(cfg: dict, paper: str) -> dict:
    """The active tier's sizes for one paper (``cfg['tier']`` picks smoke/default/paper)."""
    return cfg[paper]["tiers"][cfg["tier"]]
