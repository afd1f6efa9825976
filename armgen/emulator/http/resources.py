"""Generic resource routes (by id), list by resource group, list* actions, deleted vaults."""

from __future__ import annotations

import threading
import time

from armgen.emulator.app import EmulatorApp
from armgen.emulator.http.groups import lro_headers
from armgen.emulator.http.messages import Request, Response, empty, listing, ok
from armgen.emulator.models import naming_rules, protection, providers, soft_delete
from armgen.emulator.models.errors import bad_request
from armgen.emulator.models.ids import group_id, parse_resource_id
from armgen.emulator.models.operations import OperationModel
from armgen.emulator.models.resources import public


def put_resource(app: EmulatorApp, req: Request, rid: str) -> Response:
    """Synchronous unless the knobs give this type a provisioning latency or a provisioning fault:
    then 201 + Azure-AsyncOperation, ``provisioningState`` Creating until the operation ends."""
    protection.check_deny(app.store, rid, "write", app.config.caller_principal_id)
    doc, created = app.resources.put(rid, req.json(), req.api_version)
    parsed = parse_resource_id(rid)
    delay = app.faults.latency(parsed.type)
    fault = app.faults.provision_fault(parsed.type, parsed.names[-1])
    if delay <= 0 and fault is None:
        return ok(doc, 201 if created else 200)
    sub = parsed.subscription or app.config.subscription_id
    op_id = app.operations.start("provision", sub, doc["id"])
    doc = app.resources.set_provisioning_state(doc["id"], "Creating" if created else "Updating") or doc

    def provision() -> None:
        time.sleep(delay)
        if fault is None:
            app.resources.set_provisioning_state(doc["id"], "Succeeded")
            app.operations.finish(op_id, "Succeeded")
            return
        app.resources.set_provisioning_state(doc["id"], "Failed")
        app.operations.finish(op_id, "Failed", error={
            "code": fault.code or "ResourceProvisioningFailed",
            "message": fault.message or "The resource provider failed to provision the resource (injected)."})

    threading.Thread(target=provision, name=f"provision-{parsed.names[-1]}", daemon=True).start()
    headers = lro_headers(app, req, sub, op_id, async_path=f"/subscriptions/{sub}/operationstatuses/{op_id}")
    return ok(doc, 201 if created else 200, headers)


def get_operation_status(app: EmulatorApp, req: Request, sub: str, op_id: str) -> Response:
    """Azure-AsyncOperation of a resource PUT: always 200, the body carries the status."""
    doc = app.operations.get(op_id)
    if doc is None:
        return ok({"error": {"code": "OperationNotFound", "message": f"Operation '{op_id}' was not found.",
                             "details": []}}, 404)
    return ok(OperationModel.status_body(doc, req.path))


def patch_resource(app: EmulatorApp, req: Request, rid: str) -> Response:
    protection.check_deny(app.store, rid, "write", app.config.caller_principal_id)
    current = app.resources.raw(rid)
    if current is None:
        return ok(app.resources.get(rid))  # raises the 404
    body = dict(current.get("_requested") or {})
    patch = req.json()
    for key, value in patch.items():
        if key == "properties" and isinstance(value, dict):
            body["properties"] = {**(body.get("properties") or {}), **value}
        else:
            body[key] = value
    doc, _ = app.resources.put(rid, body, req.api_version)
    return ok(doc)


def get_resource(app: EmulatorApp, req: Request, rid: str) -> Response:
    return ok(app.resources.get(rid))


def head_resource(app: EmulatorApp, req: Request, rid: str) -> Response:
    return empty(204 if app.resources.exists(rid) else 404)


def delete_resource(app: EmulatorApp, req: Request, rid: str) -> Response:
    protection.check_deny(app.store, rid, "delete", app.config.caller_principal_id)
    purge = req.query.get("forceToPurge", "").lower() == "true"
    return empty(200 if app.resources.delete(rid, purge=purge) else 204)


def post_action(app: EmulatorApp, req: Request, rid: str, action: str) -> Response:
    if action.lower().startswith("list"):
        return ok(app.resources.list_keys(rid, action))
    raise bad_request("InvalidResourceOperation", f"The action '{action}' is not supported by the emulator.")


def list_group_resources(app: EmulatorApp, req: Request, sub: str, rg: str) -> Response:
    items = app.resources.list_group(sub, rg)
    wanted = _type_filter(req.query.get("$filter", ""))
    if wanted:
        items = [i for i in items if i["type"].lower() == wanted]
    return listing(req, items, app.config.list_page_size)


_ASSIGNMENTS = "/providers/microsoft.authorization/roleassignments/"


def list_role_assignments(app: EmulatorApp, req: Request, scope: str) -> Response:
    """Role assignments that apply at ``scope``: at it and above (inherited) and, unless
    ``$filter=atScope()``, below it too, as ARM lists them."""
    scope = scope.rstrip("/")
    parts = scope.split("/")
    above = ["/".join(parts[:i]) for i in range(3, len(parts) + 1, 2)]  # /subscriptions/x, .../resourceGroups/y
    found: dict[str, dict] = {}
    for s in above:
        for doc in app.resources.store.with_prefix("res", s + _ASSIGNMENTS):
            found.setdefault(doc["id"].lower(), doc)
    if "atscope()" not in req.query.get("$filter", "").lower():
        for doc in app.resources.store.with_prefix("res", scope + "/"):
            if _ASSIGNMENTS in doc["id"].lower():
                found.setdefault(doc["id"].lower(), doc)
    return listing(req, [public(d) for d in found.values()], app.config.list_page_size)


def _type_filter(expr: str) -> str | None:
    """Only ``resourceType eq 'X'`` is understood (what armgen and most scripts use)."""
    low = expr.strip().lower()
    if low.startswith("resourcetype eq "):
        return low.split("eq", 1)[1].strip().strip("'")
    return None


def list_subscription_resources(app: EmulatorApp, req: Request, sub: str) -> Response:
    items = [r for g in app.groups.list(sub) for r in app.resources.list_group(sub, g["name"])]
    wanted = _type_filter(req.query.get("$filter", ""))
    return listing(req, [i for i in items if not wanted or i["type"].lower() == wanted], app.config.list_page_size)


def get_provider(app: EmulatorApp, req: Request, sub: str, namespace: str) -> Response:
    return ok(providers.provider(sub, namespace))


def list_providers(app: EmulatorApp, req: Request, sub: str) -> Response:
    return ok({"value": providers.providers(sub)})


def list_deleted_vaults(app: EmulatorApp, req: Request, sub: str) -> Response:
    values = []
    for d in soft_delete.list_deleted(app.store, "vault/"):
        values.append({"id": f"/subscriptions/{sub}/providers/Microsoft.KeyVault/locations/{d['location']}"
                             f"/deletedVaults/{d['name']}", "name": d["name"],
                       "type": "Microsoft.KeyVault/deletedVaults",
                       "properties": {"vaultId": d["id"], "location": d["location"],
                                      "deletionDate": d["deletionDate"],
                                      "scheduledPurgeDate": d["scheduledPurgeDate"],
                                      "purgeProtectionEnabled": d["purgeProtectionEnabled"]}})
    return ok({"value": values})


def get_deleted_vault(app: EmulatorApp, req: Request, sub: str, loc: str, name: str) -> Response:
    for v in list_deleted_vaults(app, req, sub).body["value"]:
        if v["name"].lower() == name.lower():
            return ok(v)
    return ok({"error": {"code": "ResourceNotFound", "message": f"The deleted vault '{name}' was not found.",
                         "details": []}}, 404)


def purge_deleted_vault(app: EmulatorApp, req: Request, sub: str, loc: str, name: str) -> Response:
    soft_delete.purge(app.store, f"vault/{name}")
    app.store.delete("gname", f"microsoft.keyvault/vaults/{name.lower()}")
    op_id = app.operations.start("purge", sub)
    app.operations.finish(op_id, "Succeeded", http_status=200)
    return empty(202, {"Location": req.url(f"/subscriptions/{sub}/operationresults/{op_id}")})


def check_name_availability(app: EmulatorApp, req: Request, sub: str, provider: str) -> Response:
    """POST .../providers/<Microsoft.Storage|KeyVault|ContainerRegistry>/checkNameAvailability."""
    body = req.json()
    name, rtype = str(body.get("name", "")), str(body.get("type", ""))
    if not name or not rtype.lower().startswith(provider.lower() + "/"):
        raise bad_request("InvalidRequestContent", "The request needs 'name' and the provider's resource 'type'.")
    return ok(naming_rules.name_availability(app.store, rtype, name))


def list_group_locks(app: EmulatorApp, req: Request, sub: str, rg: str) -> Response:
    """The management locks of a resource group and of the resources in it."""
    app.groups.get(sub, rg)
    return listing(req, [{k: v for k, v in d.items() if not k.startswith("_")}
                         for d in protection.locks_in(app.store, group_id(sub, rg))], app.config.list_page_size)
