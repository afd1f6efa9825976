"""AG1011: a parameter file in the parameters folder pairs with a template."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule


class OrphanParameterFile(Rule):
    id = "AG1011"
    severity = "W"
    shortdesc = "Parameter file without template"
    description = ("Parameter files pair with templates by name: <template-stem>[-<instance>].parameters.<env>.json "
                   "goes with <template-stem>.json. A file that fits no template is never validated nor "
                   "deployed (often left behind by a rename).")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/parameter-files#file-name"
    tags = ("structure", "parameters")
    scope = "orphan"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        yield Match((), "no template pairs with this parameter file; rename it "
                        "<template-stem>[-<instance>].parameters.<env>.json or delete it", True)
