"""JSON Schema checks of the spec with located, one-line messages and "did you mean" for typos."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from armgen import jsonmarks
from armgen.errors import SourceError
from armgen.jsonmarks import path_text
from armgen.spec.yaml_loader import mark_of
from armgen.suggest import closest

if TYPE_CHECKING:  # imported when a check runs: a process that loads a spec unchecked never needs them
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

PER_ENV = "x-per-env"
EXPECT = "x-expect"  # schema annotation: what a valid value looks like, for pattern messages


@cache
def raw_schema(name: str) -> dict:
    """A shipped schema, as written (``mlenv`` or ``datastore_config``)."""
    text = resources.files("armgen.spec").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return jsonmarks.loads(text, f"{name}.schema.json").data


def _expand(node: Any, per_env: bool) -> Any:
    """Turn each ``x-per-env`` field into anyOf[value, {env: value}] (or strip the marker)."""
    if isinstance(node, dict):
        out = {k: _expand(v, per_env) for k, v in node.items() if k != PER_ENV}
        if node.get(PER_ENV) and per_env:
            default = out.pop("default", None)
            description = out.pop("description", None)
            value = dict(out)
            out = {"anyOf": [value, {
                "type": "object", "minProperties": 1,
                "propertyNames": {"$ref": "#/$defs/envKey"},
                "additionalProperties": value,
            }]}
            if default is not None:
                out["default"] = default
            if description:
                out["description"] = description
        return out
    if isinstance(node, list):
        return [_expand(v, per_env) for v in node]
    return node


@cache
def validator(name: str, per_env: bool = True) -> Draft202012Validator:
    """A validator of the shipped schema; ``per_env=False`` for an environment's resolved values."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_expand(copy.deepcopy(raw_schema(name)), per_env))


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The errors worth showing: for anyOf, the branch that matches the instance's shape."""
    if error.validator != "anyOf" or not error.context:
        return [error]
    want_map = isinstance(error.instance, dict)
    branch = [e for e in error.context if (e.schema_path[0] == 1) == want_map]
    chosen = branch or error.context
    deepest = max(len(e.path) for e in chosen)
    out: list[ValidationError] = []
    for e in chosen:
        if len(e.path) == deepest:
            out.extend(_leaves(e))
    return out


def _properties_of(schema: dict) -> list[str]:
    return sorted(schema.get("properties", {}))


def _located(file: str, doc: Any, error: ValidationError) -> list[SourceError]:
    path = list(error.absolute_path)
    where = path_text(path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = _properties_of(error.schema)
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        out = []
        for extra in sorted(set(error.instance) - set(known), key=str):
            if any(p.search(str(extra)) for p in patterns):
                continue  # allowed by a pattern (top-level x- keys)
            guess = closest(str(extra), known)
            hint = f" (did you mean '{guess}'?)" if guess else f"; allowed keys: {', '.join(known)}"
            line, col = mark_of(doc, [*path, extra], key=True)
            out.append(SourceError(file, line, col, path_text([*path, extra]), f"unknown key '{extra}'{hint}"))
        return out
    if error.validator == "required":
        line, col = mark_of(doc, path)
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [SourceError(file, line, col, where, f"missing required key '{missing}'")]
    if "propertyNames" in error.relative_schema_path or "propertyNames" in error.schema_path:
        key = error.instance
        line, col = mark_of(doc, [*path, key], key=True)
        expect = error.schema.get(EXPECT) or "a valid name here"
        return [SourceError(file, line, col, path_text([*path, key]), f"'{key}' is not {expect}")]
    line, col = mark_of(doc, path)
    return [SourceError(file, line, col, where, _message(error))]


def _message(error: ValidationError) -> str:
    if error.validator == "pattern" and error.schema.get(EXPECT):
        return f"{error.instance!r} is not {error.schema[EXPECT]}"
    if error.validator == "pattern" and error.schema.get("description"):
        return f"{error.message}: {error.schema['description']}"
    if error.validator == "type":
        hint = ""
        if isinstance(error.instance, bool | None) and "string" in str(error.validator_value):
            hint = " (YAML reads yes/no/on/off/true/false/null unquoted; put the value in quotes)"
        return f"{json.dumps(error.instance)} is not of type '{error.validator_value}'{hint}"
    return error.message


def check(name: str, file: str, doc: Any, per_env: bool = True) -> list[SourceError]:
    """Every schema violation of ``doc`` as a located error, in file order."""
    errors: list[SourceError] = []
    for error in validator(name, per_env).iter_errors(doc):
        for leaf in _leaves(error):
            errors.extend(_located(file, doc, leaf))
    return dedupe(errors)


def dedupe(errors: list[SourceError]) -> list[SourceError]:
    """Drop repeated messages and sort by position."""
    seen: dict[str, SourceError] = {}
    for e in errors:
        seen.setdefault(e.message, e)
    return sorted(seen.values(), key=lambda e: (e.line, e.col, e.message))
