"""params.yaml loading and validation: one JSON schema, errors that name the parameter and allowed values. Each paper
checks the cross-references inside its own block (``qrepro.papers.<key>.config.check``, through the registry)."""

from __future__ import annotations

import copy
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


def tier(cfg: dict, paper: str) -> dict:
    """The active tier's sizes for one paper (``cfg['tier']`` picks smoke/default/paper)."""
    return cfg[paper]["tiers"][cfg["tier"]]
