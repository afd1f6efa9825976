"""AG2001: every parameter without a default has a value in the parameter file."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.arm.parameters import requires_value
from armgen.rulebase.rule import Match, Rule
from armgen.rulebase.context import RuleContext


class MissingParameter(Rule):
    id = "AG2001"
    severity = "E"
    shortdesc = "Missing parameter"
    description = ("A template parameter without defaultValue must be given by the parameter file, or the "
                   "deployment fails with 'The value for the template parameter ... is not provided'.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files"
    tags = ("parameters",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        if ctx.parameters_doc is None:
            return
        supplied = {k.lower() for k in ctx.supplied_parameters}
        for name, decl in ctx.section("parameters").items():
            if isinstance(decl, dict) and requires_value(decl, ctx.section("definitions")) \
                    and name.lower() not in supplied:
                yield Match(("parameters",), f"parameter {name!r} (required by the template, no defaultValue) "
                                             f"is missing; add \"{name}\": {{\"value\": ...}}", True)
