"""AG7014: ML datastores use the workspace's identity, not storage keys or SAS tokens."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule

SECRET_CREDENTIALS = ("accountkey", "sas", "serviceprincipal", "certificate")


class KeyBasedDatastore(Rule):
    id = "AG7014"
    severity = "W"
    shortdesc = "Key-based datastore"
    description = ("A datastore with account-key, SAS or service-principal credentials keeps a secret in the "
                   "workspace and stops working once the storage account sets allowSharedKeyAccess: false "
                   "(AZURE-PITFALLS #14). Use credentialsType None (identity-based access) and grant the "
                   "identities Storage Blob Data roles.")
    source_url = "https://learn.microsoft.com/azure/machine-learning/how-to-identity-based-service-authentication"
    tags = ("security", "machinelearning", "pitfall-14")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.MachineLearningServices/workspaces/datastores"):
            kind = view.literal("properties", "credentials", "credentialsType")
            if isinstance(kind, str) and kind.lower() in SECRET_CREDENTIALS:
                yield Match((*view.ref.path, "properties", "credentials", "credentialsType"),
                            f"credentialsType is {kind!r}; use \"None\" (identity-based) and grant Storage Blob "
                            "Data roles to the identities that read it")
