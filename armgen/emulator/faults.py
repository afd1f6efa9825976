"""Fault injection and provisioning latency, deterministic for a given seed."""

from __future__ import annotations

import random
import threading

from armgen.emulator.config import EmulatorConfig, FaultRule

HTTP_KINDS = frozenset({"throttle", "error", "drop"})


class FaultInjector:
    """Decides, request by request, whether a configured fault fires."""

    def __init__(self, config: EmulatorConfig) -> None:
        self.config = config
        self._rng = random.Random(config.seed)
        self._fired: dict[int, int] = {}
        self._lock = threading.Lock()

    def _fire(self, index: int, rule: FaultRule) -> bool:
        with self._lock:
            if rule.times is not None and self._fired.get(index, 0) >= rule.times:
                return False
            if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                return False
            self._fired[index] = self._fired.get(index, 0) + 1
            return True

    def http_fault(self, method: str, path: str) -> FaultRule | None:
        """A throttle/error/drop rule matching this request, if one fires."""
        low = path.lower()
        for i, rule in enumerate(self.config.faults):
            if rule.kind not in HTTP_KINDS:
                continue
            if rule.method and rule.method.upper() != method.upper():
                continue
            if rule.path_contains and rule.path_contains.lower() not in low:
                continue
            if rule.resource_type and f"/{rule.resource_type.lower()}/" not in low:
                continue
            if self._fire(i, rule):
                return rule
        return None

    def provision_fault(self, resource_type: str, name: str) -> FaultRule | None:
        """A "provision" rule matching a resource being deployed, if one fires."""
        for i, rule in enumerate(self.config.faults):
            if rule.kind != "provision":
                continue
            if rule.resource_type and rule.resource_type.lower() != resource_type.lower():
                continue
            if rule.name and rule.name.lower() != name.lower():
                continue
            if self._fire(i, rule):
                return rule
        return None

    def fired(self) -> list[int]:
        """How often each configured rule has fired so far (for tests and the admin endpoint)."""
        with self._lock:
            return [self._fired.get(i, 0) for i in range(len(self.config.faults))]

    def latency(self, resource_type: str) -> float:
        return self.config.latency_for(resource_type)
