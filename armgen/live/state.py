"""reference() answered from the live target, so expected bodies carry live values (principal ids)."""

from __future__ import annotations

from typing import Any

from armgen.arm import PlaceholderState
from armgen.live.fetch import get_resource


class LiveState:
    """A StateProvider over the target's generic resources API (cached per id); placeholders when absent."""

    def __init__(self, target: Any) -> None:
        self.target = target
        self.offline = PlaceholderState()
        self._cache: dict[str, dict | None] = {}

    def body(self, resource_id: str) -> dict | None:
        key = resource_id.lower()
        if key not in self._cache:
            try:
                self._cache[key] = get_resource(self.target, resource_id)
            except (KeyError, IndexError):  # a type armgen has no API version for, or not a resource id
                self._cache[key] = None
        return self._cache[key]

    def reference(self, resource_id: str, api_version: str | None, full: bool) -> dict:
        found = self.body(resource_id)
        if found is None:
            return self.offline.reference(resource_id, api_version, full)
        return found if full else dict(found.get("properties") or {})

    def list_keys(self, resource_id: str, function_name: str, api_version: str | None) -> dict:
        return self.offline.list_keys(resource_id, function_name, api_version)

    def exists(self, resource_id: str) -> bool:
        return self.body(resource_id) is not None
