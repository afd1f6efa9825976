"""Shared helpers: declared parameters and the values a parameter file supplies."""

from __future__ import annotations

from armgen.rulebase.context import RuleContext

TYPE_CHECKS = {
    "string": lambda v: isinstance(v, str),
    "securestring": lambda v: isinstance(v, str),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "object": lambda v: isinstance(v, dict),
    "secureobject": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
}
JSON_TYPE_NAMES = {str: "a string", int: "an integer", bool: "a boolean", dict: "an object", list: "an array",
                   float: "a number", type(None): "null"}


def json_type(value: object) -> str:
    return JSON_TYPE_NAMES.get(type(value), type(value).__name__)


def declared(ctx: RuleContext) -> dict[str, dict]:
    """Template parameter declarations by lower-case name (ARM names are case-insensitive)."""
    return {k.lower(): v for k, v in ctx.section("parameters").items() if isinstance(v, dict)}


def declared_names(ctx: RuleContext) -> dict[str, str]:
    return {k.lower(): k for k in ctx.section("parameters")}


def effective_values(ctx: RuleContext) -> dict[str, tuple[object, tuple, bool]]:
    """name -> (value, path, in_parameters) for the values ARM would check: the parameter file's
    "value" entries, else literal defaults. Key Vault references and expression defaults are skipped."""
    out: dict[str, tuple[object, tuple, bool]] = {}
    for name, decl in ctx.section("parameters").items():
        if isinstance(decl, dict) and "defaultValue" in decl:
            default = decl["defaultValue"]
            if not (isinstance(default, str) and default.startswith("[") and not default.startswith("[[")):
                out[name.lower()] = (default, ("parameters", name, "defaultValue"), False)
    for name, entry in ctx.supplied_parameters.items():
        if "value" in entry:
            out[name.lower()] = (entry["value"], ("parameters", name, "value"), True)
        else:
            out.pop(name.lower(), None)
    return out
