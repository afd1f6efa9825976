"""AG4003: a template declares each resource once."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, is_expression
from armgen.rulebase.evaluation import evaluate
from armgen.rulebase.rule import Match, Rule


class DuplicateResources(Rule):
    id = "AG4003"
    severity = "E"
    shortdesc = "Duplicate resource"
    description = ("ARM rejects a template that defines the same resource (type and name in the same scope) "
                   "twice, including through copy loops whose names do not use copyIndex().")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources"
    tags = ("resources",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        result = evaluate(ctx)
        if result is not None and (result.complete or result.ids):
            seen: dict[str, tuple] = {}
            for path, rid in result.ids:
                key = rid.lower()
                if key in seen:
                    first = seen[key]
                    where = "by the same declaration (a copy loop without copyIndex() in the name?)" \
                        if first == path else "twice"
                    env = f" with the {ctx.env} parameters" if ctx.env else ""
                    yield Match((*path, "name"), f"resource {rid.rsplit('/providers/', 1)[-1]} is defined {where}"
                                                 f"{env}; give each a distinct name")
                else:
                    seen[key] = path
            return
        seen_literal: dict[tuple[str, str], tuple] = {}
        for ref in ctx.resources:
            name = ref.body.get("name")
            if not isinstance(name, str) or is_expression(name) or "copy" in ref.body or "condition" in ref.body:
                continue
            key = (ref.type.lower(), name.lower())
            if key in seen_literal:
                yield Match((*ref.path, "name"), f"resource {ref.type}/{name} is defined twice; give each a "
                                                 "distinct name")
            seen_literal[key] = ref.path
