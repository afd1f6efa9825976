"""AG7003: no anonymous public read access to blobs."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule


class StoragePublicBlobAccess(Rule):
    id = "AG7003"
    severity = "E"
    shortdesc = "Storage public blob access"
    description = ("properties.allowBlobPublicAccess must not be true, and containers must not set publicAccess "
                   "to Blob or Container: data would be readable by anyone with the URL.")
    source_url = "https://learn.microsoft.com/azure/storage/blobs/anonymous-read-access-prevent"
    tags = ("security", "storage", "CKV_AZURE_190")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.Storage/storageAccounts"):
            if view.literal("properties", "allowBlobPublicAccess") is True:
                yield Match((*view.ref.path, "properties", "allowBlobPublicAccess"),
                            "allowBlobPublicAccess is true; set it to false and grant access with RBAC or SAS")
        for view in views(ctx, "Microsoft.Storage/storageAccounts/blobServices/containers"):
            access = view.literal("properties", "publicAccess")
            if isinstance(access, str) and access.lower() in ("blob", "container"):
                yield Match((*view.ref.path, "properties", "publicAccess"),
                            f"container publicAccess is {access!r}; set it to \"None\"")
