"""The deployed model-developer role and its assignments, compared with the rendered ones."""

from __future__ import annotations

import time
from typing import Any

from armgen.arm.hashing import guid
from armgen.check_report import CheckReport
from armgen.live.fetch import get_resource, poll
from armgen.rbac.permissions import Permission
from armgen.roles.expectations import check_expectations, check_guardrails
from armgen.spec.model import Environment

GROUP = "role-deployed"
ROLE_DEFINITIONS = "Microsoft.Authorization/roleDefinitions"
ROLE_ASSIGNMENTS = "Microsoft.Authorization/roleAssignments"
FIELDS = (("actions", "actions"), ("notActions", "not_actions"), ("dataActions", "data_actions"),
          ("notDataActions", "not_data_actions"))


def subscription_id(env: Environment) -> str:
    return f"/subscriptions/{env.subscription_id}"


def group_id(env: Environment, group: str) -> str:
    return f"{subscription_id(env)}/resourceGroups/{group}"


def role_definition_id(env: Environment, role_definition: str | None = None) -> str:
    """The custom role's id (``guid(roleName, subscription().id)``) or a built-in role's, by guid."""
    name = role_definition or guid(env.shared.model_developer.role_name, subscription_id(env))
    return f"{subscription_id(env)}/providers/{ROLE_DEFINITIONS}/{name}"


def assignment_id(scope: str, principal_id: str, role_id: str, seed_scope: str | None = None,
                  seed_role: str | None = None) -> str:
    """The id armgen's templates give an assignment: ``guid(scope, principalId, roleDefinitionId)``."""
    name = guid(seed_scope or scope, principal_id, seed_role or role_id)
    return f"{scope}/providers/{ROLE_ASSIGNMENTS}/{name}"


def _same(a: Any, b: Any) -> bool:
    return str(a or "").lower() == str(b or "").lower()


def _set(values: list[str] | None) -> set[str]:
    return {v.lower() for v in values or []}


def check_assignment(report: CheckReport, group: str, target: Any, label: str, rid: str, principal_id: str,
                     role_id: str, timeout: float) -> None:
    """An assignment exists with the right principal and role; new ones may take a while to show."""
    def attempt() -> tuple[bool, dict | None]:
        found = get_resource(target, rid)
        return found is not None, found

    _, found = poll(attempt, timeout)
    if found is None:
        report.add(group, label, False, f"no role assignment {rid.rsplit('/', 1)[1]} at "
                                        f"{rid.split('/providers/Microsoft.Authorization/')[0]}")
        return
    props = found.get("properties") or {}
    problems = []
    if not _same(props.get("principalId"), principal_id):
        problems.append(f"principalId is {props.get('principalId')}, expected {principal_id}")
    if not _same(props.get("roleDefinitionId"), role_id):
        problems.append(f"roleDefinitionId is {props.get('roleDefinitionId')}, expected {role_id}")
    report.add(group, label, not problems, "; ".join(problems))


def check_definition(report: CheckReport, group: str, env: Environment, target: Any) -> list[Permission] | None:
    """The deployed custom role matches the rendered one; returns its permissions (None when absent)."""
    role = env.shared.model_developer
    rid = role_definition_id(env)
    found = get_resource(target, rid)
    if found is None:
        report.add(group, f"role definition '{role.role_name}' exists", False,
                   f"no role definition {rid}; deploy the roledefinition unit")
        return None
    props = found.get("properties") or {}
    problems = []
    if props.get("roleName") != role.role_name:
        problems.append(f"roleName is {props.get('roleName')!r}, expected {role.role_name!r}")
    perms = [Permission.from_arm(p) for p in props.get("permissions") or []]
    for field, attr in FIELDS:
        have = [op for p in perms for op in getattr(p, attr)]
        want = getattr(role, attr)
        extra, missing = _set(have) - _set(want), _set(want) - _set(have)
        if extra or missing:
            problems.append(f"{field} differ (deployed only: {sorted(extra) or '-'}; "
                            f"spec only: {sorted(missing) or '-'})")
    if _set(props.get("assignableScopes")) != _set(role.assignable_scopes):
        problems.append(f"assignableScopes are {props.get('assignableScopes')}, expected {role.assignable_scopes}")
    report.add(group, f"role definition '{role.role_name}' matches the rendered one", not problems,
               "; ".join(problems))
    return perms


def check_deployed_role(report: CheckReport, env: Environment, target: Any, timeout: float) -> None:
    """The definition matches the rendered one, passes the expectations, and is assigned as the spec says."""
    role = env.shared.model_developer
    perms = check_definition(report, GROUP, env, target)
    if perms is not None:
        check_expectations(report, role, perms, source="deployed")
        check_guardrails(report, role, perms, source="deployed")
    rid = role_definition_id(env)
    deadline = time.monotonic() + timeout  # one wait for all assignments
    for rg in env.resource_groups:
        scope = group_id(env, rg)
        for p in role.assign_to:
            check_assignment(report, GROUP, target, f"{role.role_name} assigned to {p.principal_id} on {rg}",
                             assignment_id(scope, p.principal_id, rid), p.principal_id, rid,
                             max(0.0, deadline - time.monotonic()))
