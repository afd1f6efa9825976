"""AG6003: at most 800 resources after copy loops."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

MAX_RESOURCES = 800


def literal_count(ctx: RuleContext) -> int | None:
    """Resources counting literal copy counts; None when a count is an expression."""
    total = 0
    for ref in ctx.resources:
        copy = ref.body.get("copy")
        if isinstance(copy, dict):
            count = copy.get("count")
            if not isinstance(count, int) or isinstance(count, bool):
                return None
            total += count
        else:
            total += 1
    return total


class ResourceCount(Rule):
    id = "AG6003"
    severity = "E"
    shortdesc = "Resource count"
    description = ("A deployment may hold at most 800 resources, counting every copy and conditional resource; "
                   "split it into several deployments.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits"
    tags = ("limits", "resources")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        count = ctx.instance_count()
        if count is None:
            count = literal_count(ctx)
        if count is not None and count > MAX_RESOURCES:
            yield Match(("resources",), f"{count} resources after copy loops, over ARM's limit of "
                                        f"{MAX_RESOURCES}; split the deployment")
