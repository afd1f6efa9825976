"""AG7004: Key Vaults enable purge protection."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule


class KeyVaultPurgeProtection(Rule):
    id = "AG7004"
    severity = "W"
    shortdesc = "Key Vault purge protection"
    description = ("Set properties.enablePurgeProtection to true so deleted secrets cannot be purged before the "
                   "retention period ends. Note: the vault name then stays locked for that period after a "
                   "delete (AZURE-PITFALLS #5); suppress with a reason for throw-away environments.")
    source_url = "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview#purge-protection"
    tags = ("security", "keyvault", "CKV_AZURE_110")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.KeyVault/vaults"):
            if "enablePurgeProtection" not in view.ref.properties:
                yield Match(view.ref.path, "set properties.enablePurgeProtection to true")
            elif view.literal("properties", "enablePurgeProtection") is False:
                yield Match((*view.ref.path, "properties", "enablePurgeProtection"),
                            "enablePurgeProtection is false; set it to true (it cannot be turned off once on)")
