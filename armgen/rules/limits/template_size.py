"""AG6001: a template is at most 4 MB."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rules.base import Match, Rule
from armgen.validate.context import RuleContext

MAX_BYTES = 4 * 1024 * 1024


class TemplateSize(Rule):
    id = "AG6001"
    severity = "E"
    shortdesc = "Template size"
    description = ("ARM rejects a template larger than 4 MB (measured after expanding copies and variables); "
                   "split it into linked or nested deployments.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#template-limits"
    tags = ("limits",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        size = ctx.template_doc.size_bytes
        if size > MAX_BYTES:
            yield Match((), f"template is {size:,} bytes, over ARM's 4 MB ({MAX_BYTES:,} bytes); split it into "
                            "several deployments")
