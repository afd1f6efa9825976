"""AG4004: apiVersion is one the official ARM schemas publish for the type."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.catalog import published_api_versions as known_versions  # type (lower case) -> versions
from armgen.rulebase.context import RuleContext, is_expression
from armgen.rulebase.rule import Match, Rule

PREVIEW = re.compile(r"-(preview|beta|alpha|privatepreview)$", re.I)
SHOWN = 4  # GA versions a finding lists (the newest)


def ga_versions(resource_type: str) -> list[str]:
    """The GA API versions the schemas publish for ``resource_type``, ascending (empty: none known)."""
    return [v for v in known_versions().get(resource_type.lower(), []) if not PREVIEW.search(v)]


class ApiVersion(Rule):
    id = "AG4004"
    severity = "W"
    shortdesc = "Unknown apiVersion"
    description = ("The apiVersion is not one the official ARM schemas publish for the resource type (armgen's "
                   "table, armgen/api_versions.json, is generated from them); a mistyped or "
                   "retired version fails at deploy time. Every GA version the schemas know is accepted; preview "
                   "versions are AG4005's. Types missing from the table are not checked.")
    source_url = "https://learn.microsoft.com/azure/templates/"
    tags = ("resources", "apiVersion")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        table = known_versions()
        for ref in ctx.resources:
            version = ref.body.get("apiVersion")
            versions = table.get(ref.type.lower())
            if not versions or not isinstance(version, str) or is_expression(version):
                continue
            if version in versions or PREVIEW.search(version):
                continue  # preview versions are AG4005's
            ga = ga_versions(ref.type) or versions
            if version < versions[0]:
                problem = f"is older than every version armgen knows for {ref.type}"
            else:
                problem = f"is not a published version of {ref.type}"
            newest = ", ".join(reversed(ga[-SHOWN:])) + (f" and {len(ga) - SHOWN} older" if len(ga) > SHOWN else "")
            yield Match((*ref.path, "apiVersion"), f"apiVersion {version} {problem}; use {ga[-1]} (known GA: {newest})")
