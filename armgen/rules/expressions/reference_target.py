"""AG3005: reference() targets a resource the template deploys or declares `existing`."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.arm.ast import Call, Literal
from armgen.rulebase.context import RuleContext, is_expression
from armgen.rulebase.expressions import calls, literal_arg, parsed
from armgen.rulebase.rule import Match, Rule

ID_FUNCTIONS = ("resourceid", "subscriptionresourceid", "tenantresourceid", "extensionresourceid")


def _names(ctx: RuleContext) -> tuple[set[str], set[str], bool]:
    """Literal resource names (full and last segment), types, and whether some name is an expression."""
    names, types, dynamic = set(), set(), False
    for ref in ctx.resources:
        types.add(ref.type.lower())
        name = ref.body.get("name")
        if isinstance(name, str) and not is_expression(name):
            names.update({name.lower(), name.lower().rsplit("/", 1)[-1]})
        else:
            dynamic = True
    return names, types, dynamic


class ReferenceTarget(Rule):
    id = "AG3005"
    severity = "E"
    shortdesc = "reference() target"
    description = ("reference() to a resource the template neither deploys nor declares as `existing` fails "
                   "unless ARM can find it and knows its API version: deploy it here, declare it `existing` "
                   "(languageVersion 2.0), or pass the apiVersion argument for a resource deployed elsewhere.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource#reference"
    tags = ("expressions", "resources")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        symbolic = ctx.template.get("resources") if isinstance(ctx.template.get("resources"), dict) else None
        names, types, dynamic = ctx.memo("reference-names", lambda: _names(ctx))
        for p in parsed(ctx):
            if p.node is None:
                continue
            for call in calls(p.node):
                if call.name.lower() != "reference" or not call.args:
                    continue
                target = self._describe_missing(call, symbolic, names, types, dynamic)
                if target is not None:
                    yield Match(p.path, f"reference() to {target}, which this template does not deploy; deploy "
                                        "it here, declare it `existing`, or pass its apiVersion",
                                index=call.column - 1)

    @staticmethod
    def _describe_missing(call: Call, symbolic: dict | None, names: set[str], types: set[str],
                          dynamic: bool) -> str | None:
        has_api_version = len(call.args) >= 2
        first = call.args[0]
        if isinstance(first, Literal) and isinstance(first.value, str):
            value = first.value
            if symbolic is not None and value in symbolic:
                return None
            if value.lower().startswith("/subscriptions/") or "/providers/" in value.lower():
                return None if has_api_version else f"{value!r}"
            if value.lower() in names or dynamic or has_api_version:
                return None
            return f"{value!r}"
        if isinstance(first, Call) and first.name.lower() in ID_FUNCTIONS:
            rtype = next((a.value for a in first.args if isinstance(a, Literal) and isinstance(a.value, str)
                          and "/" in a.value and "." in a.value.split("/")[0]), None)
            if rtype is None or rtype.lower() in types or has_api_version:
                return None
            args = [literal_arg(first, i) for i in range(len(first.args))]
            return f"{rtype} {args[-1]!r}" if args and args[-1] else rtype
        return None
