"""AG2004: parameter values are among allowedValues."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.rule import Match, Rule
from armgen.rules.parameters.values import declared, effective_values
from armgen.rulebase.context import RuleContext


def _fold(value: object) -> object:
    """ARM compares allowed string values case-insensitively."""
    return value.lower() if isinstance(value, str) else value


class AllowedValues(Rule):
    id = "AG2004"
    severity = "E"
    shortdesc = "Parameter allowedValues"
    description = ("A value must be one of the parameter's allowedValues (each element, for an array "
                   "parameter; strings compare case-insensitively, as ARM does); ARM fails the deployment "
                   "otherwise.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/parameters#allowed-values"
    tags = ("parameters",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        decls = declared(ctx)
        for name, (value, path, in_params) in effective_values(ctx).items():
            allowed = (decls.get(name) or {}).get("allowedValues")
            if not isinstance(allowed, list) or not allowed:
                continue
            ptype = str(decls[name].get("type", "")).lower()
            candidates = value if ptype == "array" and isinstance(value, list) else [value]
            folded = [_fold(a) for a in allowed]
            bad = [v for v in candidates if _fold(v) not in folded]
            if bad:
                shown = ", ".join(repr(a) for a in allowed[:10]) + (" ..." if len(allowed) > 10 else "")
                yield Match(path, f"parameter {path[1]!r} value {bad[0]!r} is not allowed; use one of {shown}",
                            in_params)
