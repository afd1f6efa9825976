"""AG7011: custom roles do not grant "*" actions."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import RuleContext, views
from armgen.rulebase.rule import Match, Rule

KEYS = ("actions", "dataActions")


class RoleWildcardActions(Rule):
    id = "AG7011"
    severity = "E"
    shortdesc = "Wildcard actions in custom roles"
    description = ('A custom role definition with "*" in actions (or dataActions) is an Owner in disguise; list '
                   "the provider operations the role needs (wildcards below a provider, such as "
                   '"Microsoft.MachineLearningServices/workspaces/*/read", are fine).')
    source_url = "https://learn.microsoft.com/azure/role-based-access-control/custom-roles#custom-role-properties"
    tags = ("security", "rbac", "CKV_AZURE_39")
    scope = "pairing"

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for view in views(ctx, "Microsoft.Authorization/roleDefinitions"):
            permissions = view.body.get("properties", {}).get("permissions")
            for i, perm in enumerate(permissions if isinstance(permissions, list) else ()):
                for key in KEYS:
                    actions = perm.get(key) if isinstance(perm, dict) else None
                    for j, action in enumerate(actions if isinstance(actions, list) else ()):
                        if isinstance(action, str) and action.strip() == "*":
                            path = (*view.ref.path, "properties", "permissions", i, key, j)
                            yield Match(path, f'remove "*" from permissions[{i}].{key}; list the operations '
                                              "the role needs")
