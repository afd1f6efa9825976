"""AG6001: a template is at most 4 MB once expanded, each resource at most 1 MB."""

from __future__ import annotations

import json
from collections.abc import Iterator

from armgen import limits
from armgen.rulebase.context import RuleContext
from armgen.rulebase.evaluation import evaluate
from armgen.rulebase.rule import Match, Rule

MAX_BYTES = limits.TEMPLATE_BYTES
MAX_RESOURCE_BYTES = 1024 * 1024


def _size(value: object) -> int:
    return len(json.dumps(value, separators=(",", ":"), default=str).encode("utf-8"))


class TemplateSize(Rule):
    id = "AG6001"
    severity = "E"
    shortdesc = "Template size"
    description = ("ARM rejects a template larger than 4 MB, or a resource larger than 1 MB, measured after "
                   "expanding copies, variables and parameters (a file over 4 MB is refused when it is read); "
                   "split it into linked or nested deployments.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits"
    tags = ("limits",)
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        result = evaluate(ctx)
        if result is None:
            return
        total = 0
        for path, bodies in result.bodies.items():
            for body in bodies:
                size = _size(body)
                total += size
                if size > MAX_RESOURCE_BYTES:
                    yield Match(path, f"resource is {size:,} bytes once evaluated, over ARM's 1 MB per resource "
                                      f"({MAX_RESOURCE_BYTES:,} bytes); move data out of the template")
        if total > MAX_BYTES:
            yield Match(("resources",), f"template is {total:,} bytes once expanded, over ARM's 4 MB "
                                        f"({MAX_BYTES:,} bytes); split it into several deployments")
