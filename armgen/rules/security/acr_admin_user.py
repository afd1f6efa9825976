"""AG7008: container registries keep the admin user off."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule


class AcrAdminUser(Rule):
    id = "AG7008"
    severity = "E"
    shortdesc = "Container registry admin user"
    description = ("properties.adminUserEnabled must not be true: the admin user is one shared password with "
                   "push rights. Grant AcrPull/AcrPush roles to identities instead (AZURE-PITFALLS #13).")
    source_url = "https://learn.microsoft.com/azure/container-registry/container-registry-authentication#admin-account"
    tags = ("security", "containerregistry", "CKV_AZURE_137")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.ContainerRegistry/registries"):
            if view.literal("properties", "adminUserEnabled") is True:
                yield Match((*view.ref.path, "properties", "adminUserEnabled"),
                            "adminUserEnabled is true; set it to false and use AcrPull/AcrPush role assignments")
