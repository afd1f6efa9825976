"""AG2003: parameter values have the declared type."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.rule import Match, Rule
from armgen.rules.parameters.values import TYPE_CHECKS, declared, effective_values, json_type
from armgen.rulebase.context import RuleContext


class ParameterType(Rule):
    id = "AG2003"
    severity = "E"
    shortdesc = "Parameter type"
    description = ("A parameter value (from the parameter file, or a literal defaultValue) must have the "
                   "parameter's declared type: string, int, bool, object, array (secure types alike).")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/data-types"
    tags = ("parameters",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        decls = declared(ctx)
        for name, (value, path, in_params) in effective_values(ctx).items():
            decl = decls.get(name)
            ptype = str(decl.get("type", "")).lower() if decl else ""
            check = TYPE_CHECKS.get(ptype)
            if check is not None and not check(value):
                yield Match(path, f"parameter {path[1]!r} is declared {decl['type']} but the value is "
                                  f"{json_type(value)}; give {_example(ptype)}", in_params)


def _example(ptype: str) -> str:
    return {"string": 'a string ("...")', "securestring": "a string (via a Key Vault reference)",
            "int": "an integer without quotes", "bool": "true or false without quotes",
            "object": "an object {...}", "secureobject": "an object {...}", "array": "an array [...]"}[ptype]
