"""AG4005: no preview API versions."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule
from armgen.rules.resources.api_version import PREVIEW, ga_versions


class PreviewApiVersion(Rule):
    id = "AG4005"
    severity = "W"
    shortdesc = "Preview apiVersion"
    description = ("Preview API versions can change or disappear without notice and carry no SLA; use a GA "
                   "version where one exists.")
    source_url = "https://learn.microsoft.com/azure/azure-resource-manager/templates/best-practices#api-version"
    tags = ("resources", "apiVersion")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for ref in ctx.resources:
            version = ref.body.get("apiVersion")
            if isinstance(version, str) and PREVIEW.search(version):
                ga = ga_versions(ref.type)
                advice = f"use {ga[-1]}" if ga else "use a GA version when one exists (suppress with a reason if not)"
                yield Match((*ref.path, "apiVersion"), f"apiVersion {version} of {ref.type} is a preview; {advice}")
