"""AG4006: resource locations come from parameters or the resource group, not literals."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, is_expression
from armgen.rulebase.rule import Match, Rule


class HardcodedLocation(Rule):
    id = "AG4006"
    severity = "W"
    shortdesc = "Hard-coded location"
    description = ("A literal region in a resource's location pins the template to one region; use a location "
                   "parameter (default [resourceGroup().location]) so every environment can choose. \"global\" "
                   "is fine for global resources.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-location"
    tags = ("resources", "location")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for ref in ctx.resources:
            location = ref.body.get("location")
            if isinstance(location, str) and not is_expression(location) and location.lower() != "global":
                yield Match((*ref.path, "location"), f"location {location!r} is hard-coded; use "
                                                     "[parameters('location')] or [resourceGroup().location]")
