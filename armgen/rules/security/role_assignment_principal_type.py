"""AG7013: role assignments say which kind of principal they grant."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext
from armgen.rulebase.rule import Match, Rule


class RoleAssignmentPrincipalType(Rule):
    id = "AG7013"
    severity = "W"
    shortdesc = "Role assignment principalType"
    description = ("Without properties.principalType, ARM looks the principal up in the directory and fails "
                   "with PrincipalNotFound when it was created moments ago (a managed identity in the same "
                   "release), because of replication delay (AZURE-PITFALLS #3). Set principalType: "
                   "ServicePrincipal for managed identities, Group or User otherwise.")
    source_url = "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#new-service-principal"
    tags = ("security", "rbac", "pitfall-3")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for ref in ctx.resources:
            rtype = ref.type.lower()
            if not (rtype == "microsoft.authorization/roleassignments" or rtype.endswith("/providers/roleassignments")):
                continue
            if "principalType" not in ref.properties and "principalId" in ref.properties:
                yield Match((*ref.path, "properties"), 'add "principalType" ("ServicePrincipal" for a managed '
                                                       "identity) to avoid PrincipalNotFound right after the "
                                                       "principal is created")
