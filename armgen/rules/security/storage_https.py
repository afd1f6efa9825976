"""AG7002: storage accounts accept HTTPS only."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule


class StorageHttpsOnly(Rule):
    id = "AG7002"
    severity = "E"
    shortdesc = "Storage HTTPS only"
    description = "properties.supportsHttpsTrafficOnly must not be false: HTTP exposes data and SAS tokens in transit."
    source_url = "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer"
    tags = ("security", "storage", "CKV_AZURE_3")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.Storage/storageAccounts"):
            if view.literal("properties", "supportsHttpsTrafficOnly") is False:
                yield Match((*view.ref.path, "properties", "supportsHttpsTrafficOnly"),
                            "supportsHttpsTrafficOnly is false; set it to true (or remove it: true is the default)")
