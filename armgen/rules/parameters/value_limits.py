"""AG2005: parameter values respect minLength/maxLength and minValue/maxValue."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.rule import Match, Rule
from armgen.rules.parameters.values import declared, effective_values
from armgen.rulebase.context import RuleContext


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class ValueLimits(Rule):
    id = "AG2005"
    severity = "E"
    shortdesc = "Parameter length and value limits"
    description = ("A string or array value must respect the parameter's minLength/maxLength, an int value its "
                   "minValue/maxValue.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/parameters#length-constraints"
    tags = ("parameters",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        decls = declared(ctx)
        for name, (value, path, in_params) in effective_values(ctx).items():
            decl = decls.get(name) or {}
            label = f"parameter {path[1]!r}"
            if isinstance(value, (str, list)):
                lo, hi = _int(decl.get("minLength")), _int(decl.get("maxLength"))
                if lo is not None and len(value) < lo:
                    yield Match(path, f"{label} has length {len(value)}, below minLength {lo}", in_params)
                if hi is not None and len(value) > hi:
                    yield Match(path, f"{label} has length {len(value)}, above maxLength {hi}; shorten it",
                                in_params)
            elif _int(value) is not None:
                lo, hi = _int(decl.get("minValue")), _int(decl.get("maxValue"))
                if lo is not None and value < lo:
                    yield Match(path, f"{label} is {value}, below minValue {lo}", in_params)
                if hi is not None and value > hi:
                    yield Match(path, f"{label} is {value}, above maxValue {hi}", in_params)
