"""Realism knobs: latency, faults, quotas and delays; read from ``config.json`` in the state dir."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from armgen import jsonmarks
from armgen.emulator.endpoint import DEFAULT_SUBSCRIPTION, DEFAULT_TENANT
from armgen.emulator.throttling import ThrottleSettings
from armgen.errors import InputError

CALLER_PRINCIPAL = "00000000-0000-0000-0000-00000000c0de"  # the emulator's one signed-in identity

CONFIG_FILE = "config.json"


@dataclass
class FaultRule:
    """One injected fault.

    kind: "throttle" (429 + Retry-After), "error" (status 500/503), "drop" (close the connection),
    "provision" (a matching resource fails provisioning inside a deployment).
    Matching: method, path_contains (case-insensitive substring of the URL path), resource_type,
    name (resource name). ``times`` limits how often it fires (None = always); ``probability`` is
    drawn from a generator seeded with the config seed, so runs are reproducible.
    """

    kind: str
    method: str | None = None
    path_contains: str | None = None
    resource_type: str | None = None
    name: str | None = None
    status: int = 503
    retry_after: int = 1
    code: str | None = None
    message: str | None = None
    times: int | None = None
    probability: float = 1.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FaultRule:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown fault rule keys: {', '.join(sorted(unknown))}")
        if data.get("kind") not in ("throttle", "error", "drop", "provision"):
            raise ValueError("fault kind must be throttle, error, drop or provision")
        return cls(**data)


@dataclass
class EmulatorConfig:
    """All knobs; every default keeps tests fast and faithful."""

    seed: int = 0
    subscription_id: str = DEFAULT_SUBSCRIPTION  # what `status` reports; any subscription id is served
    tenant_id: str = DEFAULT_TENANT
    latency_seconds: dict[str, float] = field(default_factory=dict)  # resource type (or "*") -> seconds
    faults: list[FaultRule] = field(default_factory=list)
    principal_delay_seconds: float = 0.0  # PrincipalNotFound window for a new identity's principal
    deployment_quota: int = 800  # deployments of history per scope
    strict_role_definitions: bool = True  # unknown roleDefinitionId -> RoleDefinitionDoesNotExist
    max_parallel_resources: int = 8
    list_page_size: int = 1000  # items per page of a list answer; the rest behind its nextLink (0: one page)
    caller_principal_id: str = CALLER_PRINCIPAL  # object id of whoever holds the token (deny assignments)
    retry_after_seconds: int = 0  # Retry-After on long-running operations (0: header omitted)
    idle_timeout_seconds: float = 30.0  # an idle keep-alive connection is closed after this long
    throttling: dict = field(default_factory=dict)  # ARM's request token buckets (armgen/emulator/throttling.py)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EmulatorConfig:
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown emulator config keys: {', '.join(sorted(unknown))}")
        defaults = cls()
        for key, value in data.items():
            if key == "faults":
                continue
            want = type(getattr(defaults, key))
            ok = isinstance(value, (int, float)) if want is float else isinstance(value, want)
            if not ok or (want is int and isinstance(value, bool)):
                raise ValueError(f"'{key}' must be {want.__name__}, not {type(value).__name__}")
        if data.get("list_page_size", 0) < 0:
            raise ValueError("'list_page_size' must be 0 (one page) or more")
        if not isinstance(data.get("faults", []), list):
            raise ValueError("'faults' must be a list of fault rules")
        for key, value in (data.get("latency_seconds") or {}).items():
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ValueError(f"latency_seconds['{key}'] must be a number of seconds")
        if data.get("throttling"):
            ThrottleSettings.from_dict(data["throttling"])  # a bad bucket is refused here, naming the key
        values = dict(data)
        values["faults"] = [FaultRule.from_dict(f) for f in data.get("faults", [])]
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["faults"] = [{k: v for k, v in vars(f).items() if v is not None} for f in self.faults]
        return out

    def latency_for(self, resource_type: str) -> float:
        lowered = {k.lower(): v for k, v in self.latency_seconds.items()}
        return float(lowered.get(resource_type.lower(), lowered.get("*", 0.0)))


def load_config(state_dir: Path) -> EmulatorConfig:
    """The knobs in ``config.json`` (defaults when absent); a bad file raises ValueError naming it."""
    path = state_dir / CONFIG_FILE
    if not path.exists():
        return EmulatorConfig()
    try:
        data = jsonmarks.load(path, fix=None).data
    except InputError as exc:
        raise ValueError(exc.message) from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of settings")
    try:
        return EmulatorConfig.from_dict(data)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{path}: {exc}") from None


def save_config(state_dir: Path, config: EmulatorConfig) -> None:
    from armgen.emulator.private import write_private

    write_private(state_dir / CONFIG_FILE, json.dumps(config.to_dict(), indent=2) + "\n")
