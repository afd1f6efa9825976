"""Tear an environment down: workspaces purged, groups deleted in parallel, role definition and records removed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from armgen.catalog import api
from armgen.deploy.errors import failure_from
from armgen.deploy.plan import Plan
from armgen.deploy.preflight import send_and_wait
from armgen.deploy.target import Target
from armgen.errors import ArmgenError

WORKSPACE_TYPE = "Microsoft.MachineLearningServices/workspaces"


@dataclass
class Removal:
    what: str
    result: str  # deleted | absent | kept | failed
    detail: str = ""


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
        if (res.type or "").lower() != WORKSPACE_TYPE.lower():
            continue
        try:
            send_and_wait(target, "DELETE", f"{res.id}?api-version={api(WORKSPACE_TYPE)}&forceToPurge=true")
            out.append(Removal(f"workspace {res.name}", "deleted"))
        except ArmgenError as exc:
            out.append(Removal(f"workspace {res.name}", "failed", exc.message))
    return out


def _delete_group(target: Target, group: str) -> list[Removal]:
    out = _purge_workspaces(target, group)
    try:
        if not target.resources.resource_groups.check_existence(group):
            return [*out, Removal(f"resource group {group}", "absent")]
        target.resources.resource_groups.begin_delete(group).result()
        out.append(Removal(f"resource group {group}", "deleted"))
    except Exception as exc:  # noqa: BLE001 - reported per group
        f = failure_from(exc)
        out.append(Removal(f"resource group {group}", "failed", f"{f.code}: {f.message}"))
    return out


def _subscription_records(target: Target, plan: Plan) -> list[Removal]:
    """The role definition (kept while still assigned) and the subscription-scope deployment records."""
    from azure.core.exceptions import ResourceNotFoundError

    ops = target.deployments.deployments
    out = []
    for step in plan.steps:
        if not step.at_subscription:
            continue
        try:
            dep = ops.get_at_subscription_scope(step.deployment)
        except ResourceNotFoundError:
            out.append(Removal(f"deployment {step.deployment}", "absent"))
            continue
        outputs = getattr(dep.properties, "outputs", None) or {}
        role_id = (outputs.get("roleDefinitionId") or {}).get("value")
        if role_id:
            try:
                target.resources.resources.begin_delete_by_id(
                    role_id, api_version=api("Microsoft.Authorization/roleDefinitions")).result()
                out.append(Removal(f"role definition {step.unit.parameters.get('roleName')}", "deleted"))
            except ResourceNotFoundError:
                pass
            except Exception as exc:  # noqa: BLE001 - still assigned elsewhere, or refused
                f = failure_from(exc)
                out.append(Removal(f"role definition {step.unit.parameters.get('roleName')}", "kept",
                                   f"{f.code}: {f.message}"))
        ops.begin_delete_at_subscription_scope(step.deployment).result()
        out.append(Removal(f"deployment {step.deployment}", "deleted"))
    return out


def destroy(target: Target, plan: Plan, parallel: int = 4) -> list[Removal]:
    """Remove everything the plan deploys; workspace groups first, the shared group last."""
    groups = plan.env.resource_groups
    shared, others = groups[0], list(reversed(groups[1:]))
    removals: list[Removal] = []
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        for batch in pool.map(lambda g: _delete_group(target, g), others):
            removals += batch
    removals += _delete_group(target, shared)
    removals += _subscription_records(target, plan)
    return removals
