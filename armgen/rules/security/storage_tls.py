"""AG7001: storage accounts require TLS 1.2 or newer."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, is_expression, views
from armgen.rulebase.rule import Match, Rule

OK_VERSIONS = ("TLS1_2", "TLS1_3")


class StorageMinimumTls(Rule):
    id = "AG7001"
    severity = "E"
    shortdesc = "Storage TLS version"
    description = ("Storage accounts must set properties.minimumTlsVersion to TLS1_2 (or newer); older API "
                   "versions default to TLS1_0, which Azure retires.")
    source_url = "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version"
    tags = ("security", "storage", "CKV_AZURE_44")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.Storage/storageAccounts"):
            raw = view.ref.properties.get("minimumTlsVersion")
            value = view.body.get("properties", {}).get("minimumTlsVersion") if view.evaluated else raw
            path = (*view.ref.path, "properties", "minimumTlsVersion")
            if raw is None:
                yield Match(view.ref.path, 'set properties.minimumTlsVersion to "TLS1_2"')
            elif not is_expression(value) and value not in OK_VERSIONS:
                yield Match(path, f"minimumTlsVersion is {value!r}; set it to \"TLS1_2\"")
