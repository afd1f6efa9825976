"""AG7006: Key Vaults use Azure RBAC, not access policies."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule


class KeyVaultRbac(Rule):
    id = "AG7006"
    severity = "E"
    shortdesc = "Key Vault RBAC authorization"
    description = ("Set properties.enableRbacAuthorization to true: role assignments are auditable, scoped and "
                   "survive re-deploys, unlike access policies (AZURE-PITFALLS #8).")
    source_url = "https://learn.microsoft.com/azure/key-vault/general/rbac-guide"
    tags = ("security", "keyvault")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.KeyVault/vaults"):
            if "enableRbacAuthorization" not in view.ref.properties:
                yield Match(view.ref.path, "set properties.enableRbacAuthorization to true")
            elif view.literal("properties", "enableRbacAuthorization") is False:
                yield Match((*view.ref.path, "properties", "enableRbacAuthorization"),
                            "enableRbacAuthorization is false; set it to true and grant roles instead of "
                            "access policies")
