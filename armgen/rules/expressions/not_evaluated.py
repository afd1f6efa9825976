"""AG3007: say when a template could not be evaluated (no values for its parameters, or an error stopped it)."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.arm.parameters import requires_value
from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule


class NotEvaluated(Rule):
    id = "AG3007"
    severity = "I"
    shortdesc = "Template not evaluated"
    description = ("A template is evaluated with each parameter file; without one, only when every parameter "
                   "has a defaultValue. Otherwise names, security settings and counts are checked only where "
                   "they are literal values.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files"
    tags = ("expressions", "evaluation")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        from armgen.rules.expressions.evaluation_error import hidden_engine_error

        if hidden_engine_error(ctx):
            yield Match(("resources",), "evaluation stopped at an error reported for this template, so the checks of "
                                        "evaluated values (names, dependsOn, security, counts) did not run; fix "
                                        "it and validate again")
            return
        if ctx.parameters_doc is not None:
            return
        missing = [name for name, decl in ctx.section("parameters").items()
                   if isinstance(decl, dict) and requires_value(decl, ctx.section("definitions"))]
        if missing:
            shown = ", ".join(repr(m) for m in missing[:5]) + (" ..." if len(missing) > 5 else "")
            yield Match(("parameters",), f"not evaluated: no parameter file gives {shown}; pair one by name "
                                         "(<template-stem>.parameters.<env>.json) or pass --parameters FILE")
