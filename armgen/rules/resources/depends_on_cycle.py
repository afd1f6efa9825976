"""AG4002: no circular dependencies."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule
from armgen.rules.expressions.evaluation_error import engine_matches


class DependsOnCycle(Rule):
    id = "AG4002"
    severity = "E"
    shortdesc = "Circular dependency"
    description = ("Resources must not depend on each other in a cycle (explicit dependsOn and the implicit "
                   "dependencies of reference()/list*()); ARM rejects the template. Remove one edge.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-invalid-template#circular-dependency"
    tags = ("resources", "dependsOn")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for m in engine_matches(ctx, self.id):
            yield Match(m.path, f"{m.message} Remove one of the dependencies in the cycle.", index=m.index)
