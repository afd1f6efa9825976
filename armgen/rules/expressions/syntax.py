"""AG3001: expressions parse."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.expressions import parsed
from armgen.rulebase.rule import Match, Rule


class ExpressionSyntax(Rule):
    id = "AG3001"
    severity = "E"
    shortdesc = "Expression syntax"
    description = ("A string that starts with [ and ends with ] is a template expression and must parse; "
                   "start it with [[ to mean a literal bracket.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/template-expressions"
    tags = ("expressions",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for p in parsed(ctx):
            if p.error is None:
                continue
            col = p.error.column
            where = f" at column {col} of the expression" if col else ""
            yield Match(p.path, f"syntax error{where}: {p.error.message}",
                        index=col - 1 if col else None)
