"""AG7007: no Key Vault access policies in templates."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule


class KeyVaultAccessPolicies(Rule):
    id = "AG7007"
    severity = "W"
    shortdesc = "Key Vault access policies"
    description = ("A template that declares accessPolicies (even an empty array) replaces the vault's policies "
                   "on every deploy, wiping those a workspace added (AZURE-PITFALLS #8). Use RBAC role "
                   "assignments and leave accessPolicies out.")
    source_url = "https://learn.microsoft.com/azure/key-vault/general/rbac-migration"
    tags = ("security", "keyvault", "pitfall-8")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for ref in ctx.resources_of("Microsoft.KeyVault/vaults"):
            if "accessPolicies" in ref.properties:
                yield Match((*ref.path, "properties", "accessPolicies"),
                            "remove properties.accessPolicies; grant access with role assignments "
                            "(enableRbacAuthorization: true)")
        for ref in ctx.resources_of("Microsoft.KeyVault/vaults/accessPolicies"):
            yield Match(ref.path, "remove this accessPolicies resource; grant access with role assignments")
