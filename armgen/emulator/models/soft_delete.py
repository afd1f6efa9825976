"""Soft-deleted Key Vaults and ML workspaces keep their names until purged (or recovered)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from armgen.emulator.models.errors import ArmHttpError, conflict
from armgen.emulator.models.ids import ResourceId
from armgen.emulator.store import Store

VAULT = "microsoft.keyvault/vaults"
WORKSPACE = "microsoft.machinelearningservices/workspaces"
_RETENTION_DAYS = {VAULT: 90, WORKSPACE: 14}


def deleted_key(rid: ResourceId) -> str:
    """Vault names are global; a workspace name is blocked inside its resource group."""
    if rid.type.lower() == VAULT:
        return f"vault/{rid.names[0]}"
    return f"workspace/{rid.subscription}/{rid.resource_group}/{rid.names[0]}"


def is_soft_deletable(rid: ResourceId, doc: dict[str, Any]) -> bool:
    t = rid.type.lower()
    if len(rid.types) != 1 or t not in _RETENTION_DAYS:
        return False
    if t == VAULT:
        return (doc.get("properties") or {}).get("enableSoftDelete", True) is not False
    return True


def soft_delete(store: Store, rid: ResourceId, doc: dict[str, Any], now: dt.datetime) -> None:
    t = rid.type.lower()
    props = doc.get("properties") or {}
    days = props.get("softDeleteRetentionInDays") or _RETENTION_DAYS[t]
    store.put("deleted", deleted_key(rid), {
        "id": rid.id, "name": rid.names[0], "type": rid.type, "location": doc.get("location"),
        "deletionDate": now.isoformat().replace("+00:00", "Z"),
        "scheduledPurgeDate": (now + dt.timedelta(days=int(days))).isoformat().replace("+00:00", "Z"),
        "purgeProtectionEnabled": bool(props.get("enablePurgeProtection")),
        "doc": doc,
    })


def check_not_soft_deleted(store: Store, rid: ResourceId, body: dict[str, Any]) -> dict[str, Any] | None:
    """Raise Azure's conflict for a name held by a deleted resource; return it when recovering."""
    t = rid.type.lower()
    if len(rid.types) != 1 or t not in _RETENTION_DAYS:
        return None
    held = store.get("deleted", deleted_key(rid))
    if held is None:
        return None
    create_mode = str((body.get("properties") or {}).get("createMode", "")).lower()
    if t == VAULT:
        if create_mode == "recover":
            return held
        raise conflict("ConflictError",
                       "A vault with the same name already exists in deleted state. You need to either recover "
                       "or purge existing key vault. Follow this link https://go.microsoft.com/fwlink/?linkid="
                       "2149745 for more information on soft delete.", target=rid.names[0])
    raise ArmHttpError(409, "SoftDeletedWorkspaceExists",
                       f"Soft-deleted workspace '{rid.names[0]}' exists in resource group "
                       f"'{rid.resource_group}'. Recover it or purge it before creating a workspace with the same "
                       "name (see https://aka.ms/wsoftdelete).", target=rid.names[0])


def purge(store: Store, key: str, force: bool = False) -> dict[str, Any]:
    held = store.get("deleted", key)
    if held is None:
        raise ArmHttpError(404, "ResourceNotFound", f"The deleted resource '{key}' was not found.")
    if held.get("purgeProtectionEnabled") and not force:
        raise conflict("PurgeProtectionEnabled",
                       f"Purge protection is enabled for '{held['name']}'; it can be purged only after "
                       f"{held['scheduledPurgeDate']}.")
    store.delete("deleted", key)
    return held


def list_deleted(store: Store, prefix: str = "") -> list[dict[str, Any]]:
    return [{k: v for k, v in d.items() if k != "doc"} for d in store.with_prefix("deleted", prefix)]
