"""AG4004: apiVersion is one armgen knows as published for the type."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from armgen import jsonmarks
from armgen.rules.base import Match, Rule
from armgen.validate.context import RuleContext, is_expression

PREVIEW = re.compile(r"-(preview|beta|alpha|privatepreview)$", re.I)


@cache
def known_versions() -> dict[str, list[str]]:
    """Resource type (lower case) -> API versions, from api_versions.json."""
    data = jsonmarks.load(Path(__file__).parent / "api_versions.json").data
    return {t.lower(): v for t, v in data["versions"].items()}


class ApiVersion(Rule):
    id = "AG4004"
    severity = "W"
    shortdesc = "Unknown apiVersion"
    description = ("The apiVersion is not one armgen's table lists for the resource type (taken from the "
                   "official ARM schemas); a mistyped or retired version fails at deploy time. Types missing "
                   "from the table are not checked.")
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
            ga = [v for v in versions if not PREVIEW.search(v)] or versions
            if version < min(versions):
                problem = f"is older than every version armgen knows for {ref.type}"
            else:
                problem = f"is not a published version of {ref.type}"
            yield Match((*ref.path, "apiVersion"), f"apiVersion {version} {problem}; use {ga[-1]} "
                                                   f"(known: {', '.join(versions)})")
