"""Resource groups: create/replace, get, exists, list, delete (with everything in them)."""

from __future__ import annotations

from typing import Any

from armgen.emulator.models.errors import bad_request, group_not_found
from armgen.emulator.models.ids import group_id
from armgen.emulator.models.resources import ResourceModel, public
from armgen.emulator.store import Store
from armgen.naming import check_name


class ResourceGroupModel:
    def __init__(self, store: Store, resources: ResourceModel) -> None:
        self.store, self.resources = store, resources

    def create_or_update(self, subscription: str, name: str, body: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        problems = check_name("Microsoft.Resources/resourceGroups", name)
        if problems:
            raise bad_request("InvalidResourceGroupName",
                              f"The resource group name '{name}' is invalid: " + "; ".join(problems) + ".")
        location = (body or {}).get("location")
        if not location:
            raise bad_request("LocationRequired", "The location property is required for this definition.")
        gid = group_id(subscription, name)
        with self.store.lock:
            current = self.store.get("rg", gid)
            if current and current["location"].replace(" ", "").lower() != location.replace(" ", "").lower():
                raise bad_request("InvalidResourceGroupLocation",
                                  f"Invalid resource group location '{location}'. The Resource group already "
                                  f"exists in location '{current['location']}'.")
            doc = {"id": gid, "name": current["name"] if current else name,
                   "type": "Microsoft.Resources/resourceGroups",
                   "location": current["location"] if current else location,
                   "properties": {"provisioningState": "Succeeded"}}
            if body.get("tags") is not None:
                doc["tags"] = body["tags"]
            if body.get("managedBy"):
                doc["managedBy"] = body["managedBy"]
            self.store.put("rg", gid, doc, parent=f"/subscriptions/{subscription}")
        return doc, current is None

    def get(self, subscription: str, name: str) -> dict[str, Any]:
        doc = self.store.get("rg", group_id(subscription, name))
        if doc is None:
            raise group_not_found(name)
        return public(doc)

    def exists(self, subscription: str, name: str) -> bool:
        return self.store.get("rg", group_id(subscription, name)) is not None

    def list(self, subscription: str) -> list[dict[str, Any]]:
        return [public(d) for d in self.store.children("rg", f"/subscriptions/{subscription}")]

    def mark_deleting(self, subscription: str, name: str) -> None:
        gid = group_id(subscription, name)
        doc = self.store.get("rg", gid)
        if doc is None:
            raise group_not_found(name)
        doc["properties"]["provisioningState"] = "Deleting"
        self.store.put("rg", gid, doc, parent=f"/subscriptions/{subscription}")

    def delete(self, subscription: str, name: str) -> None:
        """Delete the group's resources (soft delete where Azure does), its deployments, then the group."""
        gid = group_id(subscription, name)
        self.resources.delete_group_contents(subscription, name)
        for coll in ("dep", "depop", "template", "stack", "deny"):
            self.store.delete_prefix(coll, gid + "/")
        self.store.delete("rg", gid)
