"""AG6002/AG6004/AG6006: at most 256 parameters, 64 outputs and 256 variables."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

SOURCE = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits"


class _SectionCount(Rule):
    section = ""
    limit = 0
    advice = ""
    source_url = SOURCE
    tags = ("limits",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        count = len(ctx.section(self.section))
        if count > self.limit:
            yield Match((self.section,), f"{count} {self.section}, over ARM's limit of {self.limit}; {self.advice}")


class ParameterCount(_SectionCount):
    id = "AG6002"
    severity = "E"
    shortdesc = "Parameter count"
    description = "A template may declare at most 256 parameters."
    section, limit, advice = "parameters", 256, "group related values into object parameters"


class OutputCount(_SectionCount):
    id = "AG6004"
    severity = "E"
    shortdesc = "Output count"
    description = "A template may declare at most 64 outputs."
    section, limit, advice = "outputs", 64, "return an object output or split the template"


class VariableCount(_SectionCount):
    id = "AG6006"
    severity = "E"
    shortdesc = "Variable count"
    description = "A template may declare at most 256 variables."
    section, limit, advice = "variables", 256, "group related values into object variables"
