"""AG6005: an expression is at most 24,576 characters."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

MAX_CHARS = 24_576


class ExpressionLength(Rule):
    id = "AG6005"
    severity = "E"
    shortdesc = "Expression length"
    description = "ARM rejects a template expression longer than 24,576 characters; move parts into variables."
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits"
    tags = ("limits", "expressions")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for path, text in ctx.expressions:
            if len(text) > MAX_CHARS:
                yield Match(path, f"expression is {len(text):,} characters, over ARM's {MAX_CHARS:,}; move "
                                  "parts of it into variables")
