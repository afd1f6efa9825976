"""State providers answer reference()/list*(); PlaceholderState answers offline."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from armgen.arm.resource_ids import parse_id
from armgen.arm.values import PlaceholderObject


@runtime_checkable
class StateProvider(Protocol):
    """Live (or simulated) resource state."""

    def reference(self, resource_id: str, api_version: str | None, full: bool) -> dict: ...

    def list_keys(self, resource_id: str, function_name: str, api_version: str | None) -> dict: ...

    def exists(self, resource_id: str) -> bool: ...


class PlaceholderState:
    """Offline answers: plausible placeholders that never raise; unknown properties stay placeholders."""

    def reference(self, resource_id: str, api_version: str | None, full: bool) -> dict:
        origin = f"reference('{resource_id}')"
        info = parse_id(resource_id)
        if info["type"].lower() == "microsoft.resources/deployments":
            properties = PlaceholderObject(origin, {"outputs": PlaceholderObject(f"{origin}.outputs"),
                                                    "provisioningState": "Succeeded"})
        else:
            properties = PlaceholderObject(origin, {"provisioningState": "Succeeded"})
        if not full:
            return properties
        full_origin = f"reference('{resource_id}', '{api_version}', 'Full')"
        return PlaceholderObject(full_origin, {
            "id": resource_id, "name": info["name"], "type": info["type"], "apiVersion": api_version,
            "properties": properties,
        })

    def list_keys(self, resource_id: str, function_name: str, api_version: str | None) -> dict:
        origin = f"{function_name}('{resource_id}', '{api_version}')"
        keys = [{"keyName": name, "value": PlaceholderObject(f"{origin}.keys[{i}].value").text,
                 "permissions": "FULL"} for i, name in enumerate(("key1", "key2"))]
        return PlaceholderObject(origin, {"keys": keys})

    def exists(self, resource_id: str) -> bool:
        return True
