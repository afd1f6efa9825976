"""AG7005: Key Vaults keep soft delete on."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule


class KeyVaultSoftDelete(Rule):
    id = "AG7005"
    severity = "E"
    shortdesc = "Key Vault soft delete"
    description = ("properties.enableSoftDelete must not be false; soft delete lets a deleted vault or secret be "
                   "recovered (and Azure no longer allows turning it off).")
    source_url = "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview"
    tags = ("security", "keyvault", "CKV_AZURE_42")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.KeyVault/vaults"):
            if view.literal("properties", "enableSoftDelete") is False:
                yield Match((*view.ref.path, "properties", "enableSoftDelete"),
                            "enableSoftDelete is false; set it to true or remove it (true is the default)")
