"""AG7012: role assignments are named guid(scope, principalId, roleDefinitionId)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from armgen.rulebase.context import ResourceRef, RuleContext, is_expression
from armgen.rulebase.rule import Match, Rule

VOLATILE = re.compile(r"\b(deployment|utcnow|newguid)\s*\(", re.I)
SCOPE_HINTS = re.compile(r"resourceid\s*\(|\.id\b|subscription\s*\(|resourcegroup\s*\(|managementgroup\s*\(|scope",
                         re.I)


def call_arguments(text: str, function: str) -> list[str] | None:
    """Top-level argument texts of the first ``function(...)`` call in ``text`` (quotes respected)."""
    m = re.search(rf"\b{function}\s*\(", text, re.I)
    if m is None:
        return None
    args, depth, start, i, quoted = [], 1, m.end(), m.end(), False
    while i < len(text) and depth:
        ch = text[i]
        if quoted:
            if ch == "'" and text[i + 1 : i + 2] == "'":
                i += 1  # '' is an escaped quote inside a string literal
            elif ch == "'":
                quoted = False
        elif ch == "'":
            quoted = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                args.append(text[start:i])
        elif ch == "," and depth == 1:
            args.append(text[start:i])
            start = i + 1
        i += 1
    return [a.strip() for a in args if a.strip()]


def _norm(text: str) -> str:
    text = text[1:-1] if is_expression(text) else text
    return re.sub(r"\s+", "", text).lower()


def _covers(args: list[str], expr: object, hint: str) -> bool:
    joined = [_norm(a) for a in args]
    if isinstance(expr, str) and expr and any(_norm(expr) in a or a in _norm(expr) for a in joined if a):
        return True
    return any(hint in a for a in joined)


class RoleAssignmentName(Rule):
    id = "AG7012"
    severity = "W"
    shortdesc = "Role assignment name seed"
    description = ("Azure allows one assignment per (scope, principal, role) whatever its name, so a name seeded "
                   "by anything else fails on re-deploy with RoleAssignmentExists, and one without the principal "
                   "fails with RoleAssignmentUpdateNotPermitted after an identity is recreated (AZURE-PITFALLS #1, "
                   "#2). Name it [guid(<scope id>, <principalId>, <roleDefinitionId>)].")
    source_url = "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#name"
    tags = ("security", "rbac", "pitfall-1")

    def match(self, ctx: RuleContext) -> Iterator[Match]:
        for ref in ctx.resources:
            if ref.type.lower().endswith("/roleassignments") and ref.type.lower().startswith("microsoft.authorization") \
                    or ref.type.lower().endswith("/providers/roleassignments"):
                yield from self._check(ref)

    def _check(self, ref: ResourceRef) -> Iterator[Match]:
        name = ref.body.get("name")
        path = (*ref.path, "name")
        want = "name it [guid(<scope id>, <principalId>, <roleDefinitionId>)]"
        if not is_expression(name):
            yield Match(path, f"role assignment name is a fixed value; {want}")
            return
        args = call_arguments(name, "guid")
        if args is None:
            yield Match(path, f"role assignment name does not use guid(); {want}")
            return
        volatile = VOLATILE.search(",".join(args))
        if volatile:
            yield Match(path, f"role assignment name is seeded by {volatile.group(1)}(), which changes between "
                              f"deployments; {want}")
            return
        props = ref.properties
        missing = [label for label, expr, hint in (
            ("the principalId", props.get("principalId"), "principal"),
            ("the roleDefinitionId", props.get("roleDefinitionId"), "role"),
        ) if not _covers(args, expr, hint)]
        scope = ref.body.get("scope")
        if not (_covers(args, scope, "\x00") or any(SCOPE_HINTS.search(a) for a in args)):
            missing.append("the scope")
        if missing:
            yield Match(path, f"role assignment name's guid() seed lacks {' and '.join(missing)}; {want}")
