"""The engine's StateProvider backed by the emulator store (and, for what-if, predicted resources)."""

from __future__ import annotations

from typing import Any

from armgen.arm import ArmError
from armgen.emulator.models.ids import ResourceId, parse_resource_id
from armgen.emulator.models.resources import ResourceModel, public
from armgen.emulator.models.runtime import list_keys
from armgen.emulator.store import Store

_DEPLOYMENT = "microsoft.resources/deployments"


def _missing(resource_id: str) -> ArmError:
    return ArmError(f"The Resource '{resource_id}' was not found. For more details please go to "
                    "https://aka.ms/ARMResourceNotFoundFix", code="ResourceNotFound")


class StoreState:
    """reference()/list*() answered from stored resources; ``predicted`` overlays what-if's creations."""

    def __init__(self, store: Store, resources: ResourceModel) -> None:
        self.store, self.resources = store, resources
        self.predicted: dict[str, dict[str, Any]] = {}
        self.touched_predicted = False

    def _doc(self, resource_id: str) -> dict[str, Any] | None:
        key = resource_id.lower().rstrip("/")
        if key in self.predicted:
            self.touched_predicted = True
            return self.predicted[key]
        if "/providers/" not in key:  # a subscription or resource group
            return self.store.get("rg", _canonical_group(resource_id))
        rid = parse_resource_id(resource_id)
        if rid.type.lower() == _DEPLOYMENT:
            return self.store.get("dep", rid.id)
        return self.store.get("res", rid.id)

    def reference(self, resource_id: str, api_version: str | None, full: bool) -> dict:
        doc = self._doc(resource_id)
        if doc is None:
            raise _missing(resource_id)
        body = public(doc)
        if full:
            return dict(body, apiVersion=api_version or doc.get("_apiVersion"))
        return body.get("properties") or {}

    def list_keys(self, resource_id: str, function_name: str, api_version: str | None) -> dict:
        if self._doc(resource_id) is None:
            raise _missing(resource_id)
        return list_keys(parse_resource_id(resource_id), function_name)

    def exists(self, resource_id: str) -> bool:
        return self._doc(resource_id) is not None

    def predict(self, rid: ResourceId, doc: dict[str, Any]) -> None:
        self.predicted[rid.id.lower()] = doc


def _canonical_group(resource_id: str) -> str:
    segs = resource_id.strip("/").split("/")
    if len(segs) >= 4 and segs[2].lower() == "resourcegroups":
        return f"/subscriptions/{segs[1]}/resourceGroups/{segs[3]}"
    return "/" + "/".join(segs)
