"""What stops a write or a delete: management locks (ScopeLocked) and deployment stacks' deny assignments."""

from __future__ import annotations

import uuid
from typing import Any

from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.models.ids import group_id, parse_resource_id
from armgen.emulator.store import Store

LOCKS = "/providers/microsoft.authorization/locks/"
LOCK_TYPE = "microsoft.authorization/locks"


def _group_of(resource_id: str) -> str | None:
    segs = resource_id.strip("/").split("/")
    if len(segs) >= 4 and segs[0].lower() == "subscriptions" and segs[2].lower() == "resourcegroups":
        return group_id(segs[1], segs[3])
    return None


def locks_in(store: Store, group: str) -> list[dict[str, Any]]:
    """The management locks on a resource group and on the resources in it."""
    return [d for d in store.key_contains("res", LOCKS) if d["id"].lower().startswith(group.lower() + "/")]


def check_lock(store: Store, resource_id: str, operation: str) -> None:
    """409 ScopeLocked when a lock on the group (or on the resource) forbids ``operation`` (write/delete)."""
    if LOCKS in resource_id.lower():
        return  # a lock itself is managed by whoever may manage locks
    group = _group_of(resource_id)
    if group is None:
        return
    is_group = resource_id.rstrip("/").lower() == group.lower()
    for lock in locks_in(store, group):
        scope = lock["id"][: lock["id"].lower().rfind(LOCKS)]
        level = ((lock.get("properties") or {}).get("level") or "").lower()
        applies = is_group or scope.lower() == group.lower() or resource_id.lower().startswith(scope.lower())
        if applies and (operation == "delete" or level == "readonly"):
            raise ArmHttpError(409, "ScopeLocked",
                               f"The scope '{resource_id}' cannot perform {operation} operation because following "
                               f"scope(s) are locked: '{lock['id']}'. Please remove the lock and try again.")


def set_deny(store: Store, stack_id: str, resource_ids: list[str], settings: dict[str, Any]) -> None:
    """Replace the deny assignments of a stack: one per managed resource (none for mode 'none')."""
    for d in store.children("deny", stack_id):
        store.delete("deny", d["scope"])
    mode = (settings or {}).get("mode") or "none"
    if mode.lower() == "none":
        return
    # Azure appends these to excludedActions: locks can always be removed, reads are never denied
    excluded = list(dict.fromkeys([*(settings.get("excludedActions") or []), "Microsoft.Authorization/locks/delete"]))
    for rid in resource_ids:
        store.put("deny", rid, {"scope": rid, "stack": stack_id, "mode": mode, "id": str(uuid.uuid5(
            uuid.NAMESPACE_URL, stack_id + rid)), "excludedPrincipals": list(settings.get("excludedPrincipals") or []),
            "excludedActions": excluded,
            "applyToChildScopes": bool(settings.get("applyToChildScopes"))}, parent=stack_id)


def deny_status(store: Store, resource_id: str) -> str:
    doc = store.get("deny", resource_id)
    return doc["mode"] if doc else "none"


def check_deny(store: Store, resource_id: str, operation: str, caller: str) -> None:
    """403 DenyAssignmentAuthorizationFailed for a write/delete a stack's deny assignment forbids the caller."""
    candidates = [resource_id]
    group = _group_of(resource_id)
    if group and group.lower() != resource_id.lower():
        candidates.append(group)
    if "/providers/" in resource_id.lower():
        parent = parse_resource_id(resource_id).parent
        while parent:
            candidates.append(parent)
            parent = parse_resource_id(parent).parent
    for scope in candidates:
        doc = store.get("deny", scope)
        if doc is None:
            continue
        own = scope.lower() == resource_id.lower()
        if not own and not doc["applyToChildScopes"]:
            continue
        if operation == "write" and doc["mode"].lower() != "denywriteanddelete":
            continue
        if caller.lower() in (p.lower() for p in doc["excludedPrincipals"]):
            continue
        rtype = "Microsoft.Resources/resourceGroups" if "/providers/" not in resource_id.lower() else \
            parse_resource_id(resource_id).type
        action = f"{rtype}/{operation}"
        if action.lower() in (a.lower() for a in doc["excludedActions"]):
            continue
        raise ArmHttpError(403, "DenyAssignmentAuthorizationFailed",
                           f"The client '{caller}' with object id '{caller}' has permission to perform action "
                           f"'{action}' on scope '{resource_id}'; however, the access is denied because of the deny "
                           f"assignment with name 'Deny assignment {doc['id']} created by Deployment Stack "
                           f"'{doc['stack']}'.' and Id '{doc['id']}' at scope '{scope}'.")
