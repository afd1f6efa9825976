"""AG1002: contentVersion is present and has four numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule

VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")


def check_content_version(doc: dict, in_parameters: bool) -> Iterator[Match]:
    """Shared by the template and parameter file rules."""
    if "contentVersion" not in doc:
        yield Match((), 'add "contentVersion": "1.0.0.0"', in_parameters)
    elif not isinstance(doc["contentVersion"], str) or not VERSION.fullmatch(doc["contentVersion"]):
        yield Match(("contentVersion",), f"contentVersion {doc['contentVersion']!r} must have four numbers, "
                                         'e.g. "1.0.0.0"', in_parameters)


class ContentVersion(Rule):
    id = "AG1002"
    severity = "E"
    shortdesc = "Template contentVersion"
    description = "contentVersion is required and has the form 1.0.0.0 (four numbers)."
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#template-format"
    tags = ("structure",)

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        if isinstance(ctx.template_doc.data, dict):
            yield from check_content_version(ctx.template, False)
