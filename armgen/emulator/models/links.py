"""An ML workspace's linked storage, key vault, app insights and registry cannot change after creation."""

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
