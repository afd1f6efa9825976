"""AG4001: dependsOn names resources of the template."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule
from armgen.rules.expressions.evaluation_error import engine_matches


class DependsOnUnknown(Rule):
    id = "AG4001"
    severity = "E"
    shortdesc = "dependsOn unknown resource"
    description = ("Each dependsOn entry must name a resource deployed by the same template (by name, resource "
                   "id or symbolic name); ARM rejects the template otherwise. Checked after evaluation with each "
                   "parameter file.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency"
    tags = ("resources", "dependsOn")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for m in engine_matches(ctx, self.id):
            yield Match(m.path, m.message.replace("is not defined in the template.",
                                                  "is not defined in the template; fix the dependsOn entry or "
                                                  "deploy that resource here.", 1), index=m.index)
