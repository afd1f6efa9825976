"""AG2002: the parameter file gives no parameter the template does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.rule import Match, Rule
from armgen.rules.parameters.values import declared_names
from armgen.rulebase.context import RuleContext
from armgen.suggest import closest


class UnknownParameter(Rule):
    id = "AG2002"
    severity = "E"
    shortdesc = "Unknown parameter"
    description = ("ARM rejects a deployment whose parameter file supplies a parameter the template does not "
                   "declare ('The following parameters were supplied, but do not correspond to any parameters "
                   "defined in the template').")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files"
    tags = ("parameters",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        names = declared_names(ctx)
        for name in ctx.supplied_parameters:
            if name.lower() not in names:
                close = closest(name, list(names.values()))
                hint = f"did you mean {close!r}?" if close else "remove it or declare it in the template"
                yield Match(("parameters", name), f"parameter {name!r} is not declared by the template; {hint}",
                            True)
