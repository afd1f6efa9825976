"""What cannot change in place: a workspace's linked resources, a compute cluster's vmSize and type."""

from __future__ import annotations

from typing import Any

from armgen.emulator.models.errors import bad_request
from armgen.emulator.models.ids import ResourceId, same_id

_LINKS = {
    "storageAccount": "Storage Account",
    "keyVault": "Key Vault",
    "applicationInsights": "Application Insights",
    "containerRegistry": "Container Registry",
}


def check_workspace_links(rid: ResourceId, before: dict[str, Any], after: dict[str, Any]) -> None:
    old, new = before.get("properties") or {}, after.get("properties") or {}
    for key, label in _LINKS.items():
        was, now = old.get(key), new.get(key)
        if key == "containerRegistry" and not was:
            continue  # a registry may be attached later, once
        if was and not same_id(str(was), str(now or "")):
            raise bad_request("UserError",
                              f"{label} update is not supported for workspace '{rid.names[0]}': "
                              f"'{key}' is '{was}' and cannot change to '{now}'.", target=f"properties.{key}")


_COMPUTE_FIXED = ("computeType", "properties.vmSize", "properties.vmPriority", "properties.subnet.id")


def _get(body: dict[str, Any], dotted: str) -> Any:
    value: Any = body
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def check_compute_update(rid: ResourceId, before: dict[str, Any], after: dict[str, Any]) -> None:
    """AmlCompute clusters take scale settings in place; vmSize, priority, subnet and type need a re-create."""
    old, new = before.get("properties") or {}, after.get("properties") or {}
    changed = [k for k in _COMPUTE_FIXED if _get(old, k) is not None and _get(old, k) != _get(new, k)]
    if changed:
        raise bad_request("UserError",
                          f"Updating {', '.join(repr(k.rsplit('.', 1)[-1]) for k in changed)} of compute "
                          f"'{rid.names[-1]}' is not supported; only scale settings can be updated. Delete and "
                          "re-create the compute to change them.", target=f"properties.{changed[0]}")
