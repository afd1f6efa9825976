"""AG2006: every declared parameter is used."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.rule import Match, Rule
from armgen.rulebase.context import RuleContext

_PARAM_CALL = re.compile(r"\bparameters\s*\(\s*('((?:[^']|'')*)'\s*\)|)", re.I)


class UnusedParameter(Rule):
    id = "AG2006"
    severity = "W"
    shortdesc = "Unused parameter"
    description = ("A parameter no expression reads is dead weight (and usually a typo elsewhere); remove it or "
                   "use it.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#parameters"
    tags = ("parameters",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        used: set[str] = set()
        for _path, text in ctx.expressions:
            for m in _PARAM_CALL.finditer(text):
                if m.group(2) is None:
                    return  # parameters(<expression>): any parameter may be read
                used.add(m.group(2).replace("''", "'").lower())
        for name in ctx.section("parameters"):
            if name.lower() not in used:
                yield Match(("parameters", name), f"parameter {name!r} is never used; remove it or reference it "
                                                  f"with [parameters('{name}')]")
