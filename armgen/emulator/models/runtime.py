"""Emulated runtime (read-only) properties that Azure adds to a resource after it is created."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Callable
from typing import Any

from armgen.emulator.models.ids import ResourceId

# read-only properties by type (lower-case); what-if ignores them, GET shows them
Runtime = Callable[[ResourceId, dict[str, Any], dict[str, Any]], dict[str, Any]]


def _stable_uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(p.lower() for p in parts)))


def _secret(*parts: str) -> str:
    return base64.b64encode(hashlib.sha512("|".join(parts).encode()).digest()).decode()


def _kept(old: dict[str, Any], key: str, make: Callable[[], Any]) -> Any:
    """A generated value survives updates (principalId, workspaceId ... never change in place)."""
    return old.get(key) if old.get(key) is not None else make()


def _storage(rid: ResourceId, body: dict, old: dict) -> dict:
    n = rid.names[0].lower()
    endpoints = {k: f"https://{n}.{k}.core.windows.net/" for k in ("blob", "dfs", "file", "queue", "table")}
    endpoints["web"] = f"https://{n}.z6.web.core.windows.net/"
    return {"primaryEndpoints": endpoints, "primaryLocation": body.get("location"),
            "statusOfPrimary": "available",
            "creationTime": _kept(old, "creationTime", lambda: old.get("_now"))}


def _registry(rid: ResourceId, body: dict, old: dict) -> dict:
    return {"loginServer": f"{rid.names[0].lower()}.azurecr.io",
            "creationDate": _kept(old, "creationDate", lambda: old.get("_now"))}


def _identity(rid: ResourceId, body: dict, old: dict) -> dict:
    return {"principalId": _kept(old, "principalId", lambda: str(uuid.uuid4())),
            "clientId": _kept(old, "clientId", lambda: str(uuid.uuid4())),
            "tenantId": old.get("_tenant")}


def _ml_workspace(rid: ResourceId, body: dict, old: dict) -> dict:
    loc = (body.get("location") or "westeurope").replace(" ", "").lower()
    ws = _kept(old, "workspaceId", lambda: str(uuid.uuid4()))
    return {"workspaceId": ws, "discoveryUrl": f"https://{loc}.api.azureml.ms/discovery",
            "mlFlowTrackingUri": f"azureml://{loc}.api.azureml.ms/mlflow/v1.0{rid.id}",
            "serviceProvisionedResourceGroup": f"azureml-rg-{rid.names[0]}_{ws}"}


def _log_analytics(rid: ResourceId, body: dict, old: dict) -> dict:
    return {"customerId": _kept(old, "customerId", lambda: str(uuid.uuid4())),
            "createdDate": _kept(old, "createdDate", lambda: old.get("_now"))}


def _app_insights(rid: ResourceId, body: dict, old: dict) -> dict:
    key = _kept(old, "InstrumentationKey", lambda: str(uuid.uuid4()))
    loc = (body.get("location") or "westeurope").replace(" ", "").lower()
    return {"InstrumentationKey": key, "AppId": _kept(old, "AppId", lambda: str(uuid.uuid4())),
            "ConnectionString": f"InstrumentationKey={key};IngestionEndpoint=https://{loc}-0."
                                f"in.applicationinsights.azure.com/"}


def _key_vault(rid: ResourceId, body: dict, old: dict) -> dict:
    return {"vaultUri": f"https://{rid.names[0].lower()}.vault.azure.net/"}


def _batch_endpoint(rid: ResourceId, body: dict, old: dict) -> dict:
    loc = (body.get("location") or "westeurope").replace(" ", "").lower()
    return {"scoringUri": f"https://{rid.names[-1].lower()}.{loc}.inference.ml.azure.com/jobs",
            "swaggerUri": f"https://{rid.names[-1].lower()}.{loc}.inference.ml.azure.com/swagger.json"}


def _secret_uri(rid: ResourceId, body: dict, old: dict) -> dict:
    base = f"https://{rid.names[0].lower()}.vault.azure.net/secrets/{rid.names[-1]}"
    return {"secretUri": base, "secretUriWithVersion": f"{base}/{uuid.uuid4().hex}"}


def _private_endpoint(rid: ResourceId, body: dict, old: dict) -> dict:
    nic = f"{rid.names[0]}.nic.{_stable_uuid(rid.id)}"  # the NIC Azure creates for the endpoint
    return {"networkInterfaces": [{"id": f"{rid.scope}/providers/Microsoft.Network/networkInterfaces/{nic}"}]}


def _dns_zone(rid: ResourceId, body: dict, old: dict) -> dict:
    n = int(hashlib.sha256(rid.id.lower().encode()).hexdigest(), 16) % 90 + 1
    return {"nameServers": [f"ns1-{n:02d}.azure-dns.com.", f"ns2-{n:02d}.azure-dns.net.",
                            f"ns3-{n:02d}.azure-dns.org.", f"ns4-{n:02d}.azure-dns.info."],
            "maxNumberOfRecordSets": 10000, "numberOfRecordSets": 2}


RUNTIME: dict[str, Runtime] = {
    "microsoft.network/privateendpoints": _private_endpoint,
    "microsoft.network/dnszones": _dns_zone,
    "microsoft.keyvault/vaults/secrets": _secret_uri,
    "microsoft.storage/storageaccounts": _storage,
    "microsoft.containerregistry/registries": _registry,
    "microsoft.managedidentity/userassignedidentities": _identity,
    "microsoft.machinelearningservices/workspaces": _ml_workspace,
    "microsoft.operationalinsights/workspaces": _log_analytics,
    "microsoft.insights/components": _app_insights,
    "microsoft.keyvault/vaults": _key_vault,
    "microsoft.machinelearningservices/workspaces/batchendpoints": _batch_endpoint,
}

# properties a provider accepts but never returns
WRITE_ONLY: dict[str, tuple[str, ...]] = {"microsoft.keyvault/vaults/secrets": ("value",)}
SEALED = "pbkdf2-sha256"


def seal_write_only(resource_type: str, resource_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` with each write-only property (a secret's value) replaced by a salted, slow hash: the
    emulator keeps what it needs to tell "same value" from "changed" and never the value itself."""
    keys = WRITE_ONLY.get(resource_type.lower(), ())
    props = body.get("properties")
    if not keys or not isinstance(props, dict) or not any(k in props for k in keys):
        return body
    sealed = dict(props)
    for key in keys:
        value = sealed.get(key)
        if key in sealed and not (isinstance(value, dict) and value.get("sealed") == SEALED):
            raw = json.dumps(value, sort_keys=True).encode()
            digest = hashlib.pbkdf2_hmac("sha256", raw, resource_id.lower().encode(), 20_000).hex()
            sealed[key] = {"sealed": SEALED, "digest": digest}
    return {**body, "properties": sealed}



def runtime_properties(rid: ResourceId, body: dict[str, Any], old_runtime: dict[str, Any]) -> dict[str, Any]:
    """Read-only properties for a resource of this type (``old_runtime`` keeps generated values)."""
    fn = RUNTIME.get(rid.type.lower())
    out = fn(rid, body, old_runtime) if fn else {}
    out["provisioningState"] = "Succeeded"
    return out


def identity_runtime(identity: dict[str, Any] | None, old: dict[str, Any] | None,
                     tenant: str) -> dict[str, Any] | None:
    """System-assigned principal ids, and user-assigned identity details filled in."""
    if not isinstance(identity, dict):
        return identity
    out = dict(identity)
    kind = str(identity.get("type", "")).lower()
    if "systemassigned" in kind:
        prev = old or {}
        out["principalId"] = prev.get("principalId") or str(uuid.uuid4())
        out["tenantId"] = tenant
    return out


def list_keys(rid: ResourceId, function_name: str) -> dict[str, Any]:
    """Answers for listKeys/listCredentials/... on types that have them."""
    t = rid.type.lower()
    if t == "microsoft.storage/storageaccounts":
        return {"keys": [{"keyName": f"key{i}", "value": _secret(rid.id, str(i)), "permissions": "FULL"}
                         for i in (1, 2)]}
    if t == "microsoft.containerregistry/registries":
        return {"username": rid.names[0], "passwords": [{"name": "password", "value": _secret(rid.id, "p1")},
                                                         {"name": "password2", "value": _secret(rid.id, "p2")}]}
    if t == "microsoft.operationalinsights/workspaces":
        return {"primarySharedKey": _secret(rid.id, "1"), "secondarySharedKey": _secret(rid.id, "2")}
    if t == "microsoft.machinelearningservices/workspaces":
        return {"userStorageKey": _secret(rid.id, "s"), "appInsightsInstrumentationKey": _stable_uuid(rid.id)}
    return {"keys": [{"keyName": "primary", "value": _secret(rid.id, function_name)}]}
