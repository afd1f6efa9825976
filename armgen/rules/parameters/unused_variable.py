"""AG2008: every declared variable is used."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.rule import Match, Rule
from armgen.rulebase.context import RuleContext

_VARIABLE_CALL = re.compile(r"\bvariables\s*\(\s*('((?:[^']|'')*)'\s*\)|)", re.I)


class UnusedVariable(Rule):
    id = "AG2008"
    severity = "W"
    shortdesc = "Unused variable"
    description = "A variable no expression reads is dead weight (or a sign of a typo elsewhere); remove it or use it."
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#variables"
    tags = ("variables",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        used: set[str] = set()
        for _path, text in ctx.expressions:
            for m in _VARIABLE_CALL.finditer(text):
                if m.group(2) is None:
                    return  # variables(<expression>): any variable may be read
                used.add(m.group(2).replace("''", "'").lower())
        variables = ctx.section("variables")
        names = [(("variables", k), k) for k in variables if k.lower() != "copy"]
        copies = variables.get("copy")
        for i, item in enumerate(copies if isinstance(copies, list) else ()):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.append((("variables", "copy", i, "name"), item["name"]))
        for path, name in names:
            if name.lower() not in used:
                yield Match(path, f"variable {name!r} is never used; remove it or reference it with "
                                  f"[variables('{name}')]")
