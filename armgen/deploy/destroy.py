"""Tear an environment down: everything its deployment stacks manage, groups the spec no longer names included.

Order: the locks (only with ``remove_locks``), every unit's stack in each group (dependents first, so deny
assignments go with them), workspaces purged so their names are free, then the subscription's stacks (the
resource groups, the custom role), and last any group still there.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from armgen.catalog import api
from armgen.create_only import type_of
from armgen.deploy.failures import failure_from
from armgen.deploy.plan import Plan
from armgen.deploy.preflight import send_and_wait
from armgen.deploy.removals import is_group, rank
from armgen.deploy.stacks import ENV_TAG, UNIT_TAG, StackOps, list_scope
from armgen.deploy.target import Target
from armgen.errors import ArmgenError

WORKSPACE_TYPE = "Microsoft.MachineLearningServices/workspaces"
LOCK_API = "2020-05-01"


@dataclass
class Removal:
    what: str
    result: str  # deleted | absent | kept | failed | refused
    detail: str = ""


def locks_of(target: Target, groups: list[str]) -> list[str]:
    """Ids of the management locks on the groups (and on resources in them)."""
    from azure.core.exceptions import HttpResponseError

    from armgen.deploy.arm_list import list_all

    out = []
    for group in groups:
        url = (f"/subscriptions/{target.subscription_id}/resourceGroups/{group}/providers/Microsoft.Authorization/"
               f"locks?api-version={LOCK_API}")
        try:
            out += [lock["id"] for lock in list_all(target.resources, url) if lock.get("id")]
        except HttpResponseError:  # a group that cannot be read has no lock armgen can remove
            continue
    return out


def _purge_workspaces(target: Target, group: str) -> list[Removal]:
    """Delete ML workspaces permanently (forceToPurge) so their names are free at once."""
    from azure.core.exceptions import ResourceNotFoundError

    out = []
    try:
        resources = list(target.resources.resources.list_by_resource_group(
            group, filter=f"resourceType eq '{WORKSPACE_TYPE}'"))
    except ResourceNotFoundError:
        return out
    for res in resources:
        if (res.type or "").lower() == WORKSPACE_TYPE.lower():
            out.append(_purge(target, res.id))
    return out


def _purge(target: Target, workspace_id: str) -> Removal:
    name = workspace_id.rsplit("/", 1)[-1]
    try:
        send_and_wait(target, "DELETE", f"{workspace_id}?api-version={api(WORKSPACE_TYPE)}&forceToPurge=true")
        return Removal(f"workspace {name}", "deleted")
    except ArmgenError as exc:
        return Removal(f"workspace {name}", "failed", exc.message)


def _delete_stack(target: Target, name: str, group: str | None) -> Removal:
    try:
        StackOps(target, name, group).delete("delete", "delete")
        return Removal(f"stack {name} and what it manages", "deleted")
    except Exception as exc:  # reported per stack
        f = failure_from(exc)
        return Removal(f"stack {name}", "failed", f"{f.code}: {f.message}")


def _clear_group(target: Target, env: str, group: str) -> list[Removal]:
    """The environment's stacks in ``group``, dependents first; then its workspaces purged."""
    stacks = sorted((s for s in list_scope(target, group) if s.tag(ENV_TAG) == env),
                    key=lambda s: rank(s.tag(UNIT_TAG)))
    out = [_delete_stack(target, s.name, group) for s in stacks]
    out += [_purge(target, i) for s in stacks for i in s.managed if type_of(i).lower() == WORKSPACE_TYPE.lower()]
    return out


def _delete_group(target: Target, group: str) -> list[Removal]:
    out = _purge_workspaces(target, group)
    try:
        if not target.resources.resource_groups.check_existence(group):
            return [*out, Removal(f"resource group {group}", "absent")]
        target.resources.resource_groups.begin_delete(group).result()
        out.append(Removal(f"resource group {group}", "deleted"))
    except Exception as exc:  # reported per group
        f = failure_from(exc)
        out.append(Removal(f"resource group {group}", "failed", f"{f.code}: {f.message}"))
    return out


def _assignments_of(target: Target, definition_id: str) -> list[str]:
    from azure.core.exceptions import HttpResponseError

    from armgen.deploy.arm_list import list_all

    url = (f"/subscriptions/{target.subscription_id}/providers/Microsoft.Authorization/roleAssignments"
           f"?api-version={api('Microsoft.Authorization/roleAssignments')}")
    guid = definition_id.rstrip("/").rsplit("/", 1)[-1].lower()
    try:
        found = list_all(target.resources, url)
    except HttpResponseError:
        found = []
    return [a["id"] for a in found
            if str((a.get("properties") or {}).get("roleDefinitionId", "")).rstrip("/").lower().endswith(guid)]


def _subscription_stacks(target: Target, plan: Plan, stacks: list) -> list[Removal]:
    """The subscription's stacks: resource groups first (deleted by their stack), the custom role last."""
    out = []
    role_name = next((s.unit.parameters.get("roleName") for s in plan.steps if s.unit.template == "roledefinition"),
                     None)
    for stack in sorted(stacks, key=lambda s: rank(s.tag(UNIT_TAG))):
        roles = [i for i in stack.managed if "/providers/microsoft.authorization/roledefinitions/" in i.lower()]
        used = {r: _assignments_of(target, r) for r in roles}
        if any(used.values()):
            for role, assignments in used.items():
                out.append(Removal(f"role definition {role_name or role.rsplit('/', 1)[-1]}", "refused",
                                   "RoleDefinitionHasAssignments: still assigned by " + ", ".join(assignments)
                                   + "; delete those assignments first (Azure refuses otherwise)"))
            continue
        removal = _delete_stack(target, stack.name, None)
        out.append(removal)
        if removal.result == "deleted" and roles:
            out.append(Removal(f"role definition {role_name or roles[0].rsplit('/', 1)[-1]}", "deleted"))
    return out


def destroy(target: Target, plan: Plan, parallel: int = 4, remove_locks: bool = False) -> list[Removal]:
    """Remove everything armgen manages in the environment; refuses a locked one unless ``remove_locks``."""
    env = plan.env.name
    sub_stacks = [s for s in list_scope(target, None) if s.tag(ENV_TAG) == env]
    managed_groups = [i.strip("/").split("/")[3] for s in sub_stacks if s.tag(UNIT_TAG) == "resourcegroups"
                      for i in s.managed if is_group(i)]
    rg = target.resources.resource_groups
    groups = [g for g in dict.fromkeys([*plan.env.resource_groups, *managed_groups]) if rg.check_existence(g)]
    locks = locks_of(target, groups)
    if locks and not remove_locks:
        raise ArmgenError(f"{env} is locked ({', '.join(locks)}); nothing was deleted. Re-run with --remove-locks "
                          "to remove the locks first")
    removals: list[Removal] = []
    for lock in locks:
        target.resources.resources.begin_delete_by_id(lock, api_version=LOCK_API).result()
        removals.append(Removal(f"lock {lock.rsplit('/', 1)[-1]} on {lock.split('/')[4]}", "deleted"))
    shared = plan.env.shared.resource_group
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        for batch in pool.map(lambda g: _clear_group(target, env, g), [g for g in groups if g != shared]):
            removals += batch
    if shared in groups:
        removals += _clear_group(target, env, shared)
    removals += _subscription_stacks(target, plan, sub_stacks)
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        for batch in pool.map(lambda g: _delete_group(target, g), [g for g in groups if g != shared]):
            removals += batch
    return removals + (_delete_group(target, shared) if shared in groups else [])
