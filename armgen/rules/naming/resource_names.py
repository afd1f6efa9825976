"""AG5001: resource names follow each type's Azure naming rules (evaluated per environment)."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.naming import check_name
from armgen.rulebase.context import RuleContext, is_expression, views
from armgen.rulebase.rule import Match, Rule


class ResourceNames(Rule):
    id = "AG5001"
    severity = "E"
    shortdesc = "Resource name rules"
    description = ("Each resource type has length and character rules for its name (storage accounts 3-24 "
                   "lowercase letters and digits, Key Vaults 3-24 with single hyphens...). Names are checked "
                   "after evaluation with each environment's parameter file, so a long project prefix is caught "
                   "before Azure rejects it.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules"
    tags = ("naming",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx):
            name = view.body.get("name")
            if not isinstance(name, str) or is_expression(name) or not view.ref.type:
                continue
            if view.ref.body.get("existing") is True:
                continue
            leaf = name.rstrip("/").rsplit("/", 1)[-1]
            problems = check_name(view.ref.type, leaf)
            if problems:
                origin = (f" (evaluated for {ctx.env})" if ctx.env else " (evaluated)") if view.evaluated else ""
                yield Match((*view.ref.path, "name"), f"name {leaf!r}{origin}: {'; '.join(problems)}; rename it")
