"""Checks before a deploy that stop Azure's known re-deploy failures early (see AZURE-PITFALLS.md)."""

from __future__ import annotations

import dataclasses

from armgen.catalog import api
from armgen.deploy.plan import Plan
from armgen.deploy.target import Target
from armgen.errors import ArmgenError


def _deleted_vault(target: Target, name: str, location: str) -> dict | None:
    from azure.core.exceptions import ResourceNotFoundError

    rid = (f"/subscriptions/{target.subscription_id}/providers/Microsoft.KeyVault/locations/{location}"
           f"/deletedVaults/{name}")
    try:
        return target.resources.resources.get_by_id(rid, api_version=api("Microsoft.KeyVault/vaults")).as_dict()
    except ResourceNotFoundError:
        return None


def send_and_wait(target: Target, method: str, url: str, timeout: float = 600.0, body: dict | None = None) -> int:
    """Send a management request through the SDK pipeline and follow ARM's async protocol with
    azure-mgmt-core's poller (``Azure-AsyncOperation``/``Location``, ``Retry-After`` in seconds or as a
    date). Returns the final HTTP status; a Failed or Canceled operation, an error status, or an
    operation still running after ``timeout`` seconds raises ArmgenError."""
    from azure.core.exceptions import HttpResponseError
    from azure.core.polling import LROPoller
    from azure.core.rest import HttpRequest
    from azure.mgmt.core.polling.arm_polling import ARMPolling

    from armgen.deploy.failures import failure_from

    where = f"{method} {url.split('?')[0]}"
    client = target.resources
    try:
        initial = client.send_request(HttpRequest(method, url, json=body), _return_pipeline_response=True)
        status = initial.http_response.status_code
        if status >= 400:
            raise HttpResponseError(response=initial.http_response)
        if status not in (201, 202):
            return status
        interval = getattr(getattr(client, "_config", None), "polling_interval", 30)
        poller = LROPoller(client._client, initial, lambda response: response.http_response.status_code,
                           ARMPolling(interval))
        poller.result(timeout=timeout)
    except HttpResponseError as exc:
        raise ArmgenError(f"{where} failed: {' '.join(failure_from(exc).lines())}") from None
    if not poller.done():
        raise ArmgenError(f"{where} is still {poller.status()} after {timeout:g} s; re-run to check again")
    return 200


def _vault_exists(target: Target, group: str, name: str) -> bool:
    from azure.core.exceptions import ResourceNotFoundError

    rid = (f"/subscriptions/{target.subscription_id}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/"
           f"{name}")
    try:
        target.resources.resources.get_by_id(rid, api_version=api("Microsoft.KeyVault/vaults"))
        return True
    except ResourceNotFoundError:
        return False


def check_soft_deleted_vault(target: Target, plan: Plan, choice: str | None) -> list[str]:
    """A deleted vault keeps its name: recover it (createMode recover) or stop with what to do."""
    from azure.core.exceptions import HttpResponseError

    out = []
    for i, step in enumerate(plan.steps):
        if step.unit.template != "keyvault":
            continue
        name = step.unit.parameters["keyVaultName"]
        try:
            if _vault_exists(target, step.unit.resource_group, name):
                continue
            deleted = _deleted_vault(target, name, plan.env.location)
        except HttpResponseError:
            continue  # no such API on this target: let ARM answer
        if not deleted:
            continue
        props = deleted.get("properties") or {}
        purge_date = props.get("scheduled_purge_date") or props.get("scheduledPurgeDate") or "its purge date"
        if choice == "recover":
            params = {**step.parameters, "createMode": {"value": "recover"}}
            plan.steps[i] = dataclasses.replace(step, parameters=params)
            out.append(f"Key Vault {name} is soft-deleted: recovering it (createMode: recover)")
        elif choice == "purge":
            if props.get("purge_protection_enabled") or props.get("purgeProtectionEnabled", True):
                raise ArmgenError(f"Key Vault {name} is soft-deleted with purge protection: it cannot be purged "
                                  f"before {purge_date}; use --recover-soft-deleted instead")
            url = (f"/subscriptions/{target.subscription_id}/providers/Microsoft.KeyVault/locations/"
                   f"{plan.env.location}/deletedVaults/{name}/purge?api-version={api('Microsoft.KeyVault/vaults')}")
            send_and_wait(target, "POST", url)
            out.append(f"Key Vault {name} was soft-deleted: purged")
        else:
            raise ArmgenError(f"Key Vault {name} exists in deleted state (soft delete keeps the name until "
                              f"{purge_date}); re-run with --recover-soft-deleted to bring it back")
    return out


def prune_group(target: Target, plan: Plan, group: str) -> int:
    """Delete armgen's own records in ``group`` that no unit of the plan uses any more; returns how many."""
    keep = {s.deployment for s in plan.steps}
    prefix = f"armgen-{plan.env.name}-"
    ops = target.deployments.deployments
    stale = [r.name for r in ops.list_by_resource_group(group)
             if r.name.startswith(prefix) and r.name not in keep and not any(r.name.startswith(k + "-") for k in keep)]
    for name in stale:
        ops.begin_delete(group, name).result()
    return len(stale)


WORKSPACE = "Microsoft.MachineLearningServices/workspaces"


def _workspace_id(target: Target, step_group: str, name: str) -> str:
    return f"/subscriptions/{target.subscription_id}/resourceGroups/{step_group}/providers/{WORKSPACE}/{name}"


def purge_soft_deleted_workspaces(target: Target, plan: Plan, choice: str | None) -> list[str]:
    """With ``choice == "purge"``, a soft-deleted workspace of a name the plan uses is purged first.

    (A workspace's links to storage, vault, insights and registry are create-only properties: the
    what-if before a deploy finds their changes, see armgen/create_only.json.)
    """
    from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

    out: list[str] = []
    if choice != "purge":
        return out
    for step in plan.steps:
        if step.unit.template != "mlworkspace":
            continue
        p = step.unit.parameters
        wid = _workspace_id(target, step.unit.resource_group, p["workspaceName"])
        try:
            target.resources.resources.get_by_id(wid, api_version=api(WORKSPACE))
        except ResourceNotFoundError:
            if send_and_wait(target, "DELETE", f"{wid}?api-version={api(WORKSPACE)}&forceToPurge=true") == 200:
                out.append(f"purged soft-deleted workspace {p['workspaceName']}")
        except HttpResponseError:
            continue
    return out


GLOBAL_NAMES = {  # template -> (provider, resource type, name parameter)
    "storageaccount": ("Microsoft.Storage", "Microsoft.Storage/storageAccounts", "storageAccountName"),
    "keyvault": ("Microsoft.KeyVault", "Microsoft.KeyVault/vaults", "keyVaultName"),
    "containerregistry": ("Microsoft.ContainerRegistry", "Microsoft.ContainerRegistry/registries", "registryName"),
}


def check_global_names(target: Target, plan: Plan) -> list[str]:
    """Globally unique names (storage, vaults, registries) taken by someone else stop the deploy up front."""
    import json

    from azure.core.exceptions import ResourceNotFoundError
    from azure.core.rest import HttpRequest

    taken = []
    for step in plan.steps:
        if step.unit.template not in GLOBAL_NAMES:
            continue
        provider, rtype, param = GLOBAL_NAMES[step.unit.template]
        name = step.unit.parameters[param]
        rid = f"/subscriptions/{target.subscription_id}/resourceGroups/{step.unit.resource_group}/providers/{rtype}/{name}"
        try:
            target.resources.resources.get_by_id(rid, api_version=api(rtype))
            continue  # ours already
        except ResourceNotFoundError:
            pass
        if rtype == "Microsoft.KeyVault/vaults" and _deleted_vault(target, name, plan.env.location):
            continue  # ours, soft-deleted: the soft-delete check decides
        url = f"/subscriptions/{target.subscription_id}/providers/{provider}/checkNameAvailability" \
              f"?api-version={api(rtype)}"
        request = HttpRequest("POST", url, json={"name": name, "type": rtype})
        response = target.resources.send_request(request)
        if response.status_code != 200:
            continue  # the check itself is unavailable: let ARM answer
        answer = json.loads(response.text() or "{}")
        if answer.get("nameAvailable") is False:
            taken.append(f"{name} ({rtype.split('/')[-1][:-1]}: {answer.get('reason', 'taken')})")
    if taken:
        raise ArmgenError(f"globally unique name(s) not available: {', '.join(taken)}; choose other names in the "
                          "spec (naming patterns or explicit names) and run 'armgen render'")
    return []


def preflight(target: Target, plan: Plan, soft_deleted: str | None) -> list[str]:
    """Run every pre-deploy check; returns lines to show, raises ArmgenError when deploying would fail."""
    return (check_soft_deleted_vault(target, plan, soft_deleted) + purge_soft_deleted_workspaces(target, plan, soft_deleted)
            + check_global_names(target, plan))
