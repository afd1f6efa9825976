"""What-if: compare what a template would produce with what the store holds.

Create (absent now), Modify (a user-settable property differs), NoChange, Deploy (exists, but its new
body depends on resources this deployment would create, so values are not known yet), Delete
(complete mode, listed nowhere in the template), Ignore (incremental mode, not in the template),
Unsupported (could not be evaluated). Read-only properties never show; setting one is NoEffect.
"""

from __future__ import annotations

from typing import Any

from armgen.arm import ArmError
from armgen.emulator.models.ids import parse_resource_id, same_id
from armgen.emulator.models.resources import listed_in_group, public
from armgen.emulator.models.runtime import runtime_properties, seal_write_only
from armgen.emulator.models.state import StoreState
from armgen.emulator.models.whatif_diff import comparable, diff

_GROUP_TYPE = "microsoft.resources/resourcegroups"


def _shape(inst: Any, body: dict[str, Any]) -> dict[str, Any]:
    out = {"apiVersion": inst.api_version, "id": inst.id, "type": inst.type, "name": inst.name}
    out.update(comparable(body))
    if "location" in body:
        out["location"] = body["location"]
    return out


def _no_effect(rid_type: str, current: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """Read-only properties a template sets: dropped from the comparison, reported as NoEffect."""
    props = after.get("properties")
    if not isinstance(props, dict):
        return []
    runtime = set((current or {}).get("_runtime") or {}) | {"provisioningState"}
    out = []
    for key in [k for k in props if k in runtime]:
        if props[key] is None:  # null is "not given", not an attempt to set it
            del props[key]
            continue
        out.append({"path": f"properties.{key}", "propertyChangeType": "NoEffect",
                    "before": ((current or {}).get("properties") or {}).get(key), "after": props.pop(key)})
    return out


class _WhatIf:
    def __init__(self, host: Any, result_format: str) -> None:
        self.host, self.full = host, result_format.lower() != "resourceidonly"
        self.state = StoreState(host.store, host.resources)
        self.changes: list[dict[str, Any]] = []
        self.listed: list[str] = []

    def walk(self, engine: Any) -> None:
        for layer in engine.layers():
            for inst in layer:
                if not inst.condition or inst.existing:
                    continue
                self.listed.append(inst.id)
                if inst.is_nested_deployment:
                    try:
                        nested = engine.nested_engine(inst, self.state)
                    except ArmError as err:  # e.g. reference() to what does not exist yet: as ARM, not 500
                        self.add({"resourceId": inst.id, "changeType": "Unsupported",
                                  "unsupportedReason": f"The deployment could not be evaluated: {err.located()}"})
                        continue
                    self.walk(nested)
                    continue
                self.one(engine, inst)

    def one(self, engine: Any, inst: Any) -> None:
        self.state.touched_predicted = False
        try:
            body = engine.evaluate_resource(inst, self.state)
        except ArmError as err:
            self.add({"resourceId": inst.id, "changeType": "Unsupported",
                      "unsupportedReason": f"The resource could not be evaluated: {err.located()}"})
            return
        is_group = inst.type.lower() == _GROUP_TYPE
        current = self.host.store.get("rg", inst.id) if is_group else self.host.store.get("res", inst.id)
        after = _shape(inst, body)
        no_effect = _no_effect(inst.type, current, after)
        if current is None:
            self.add({"resourceId": inst.id, "changeType": "Create", "after": after})
            self._predict(inst, body)
            return
        if is_group:  # a group's only user-settable parts
            requested = {k: current[k] for k in ("location", "tags", "managedBy") if k in current}
        else:
            requested = current.get("_requested") or {}
        before = _shape(inst, requested)
        before["apiVersion"] = current.get("_apiVersion", inst.api_version)
        sealed = seal_write_only(inst.type, inst.id, after)  # a secret is compared by its sealed hash
        delta = diff(comparable(requested), comparable(sealed)) + no_effect
        real = [d for d in delta if d["propertyChangeType"] != "NoEffect"]
        kind = "Deploy" if self.state.touched_predicted and real else ("Modify" if real else "NoChange")
        change = {"resourceId": inst.id, "changeType": kind, "before": before, "after": after}
        if delta:
            change["delta"] = delta
        self.add(change)

    def _predict(self, inst: Any, body: dict[str, Any]) -> None:
        if "/providers/" not in inst.id:
            self.state.predicted[inst.id.lower()] = dict(body, id=inst.id, name=inst.name, type=inst.type)
            return
        rid = parse_resource_id(inst.id)
        props = dict(body.get("properties") or {})
        props.update(runtime_properties(rid, body, {"_tenant": self.host.config.tenant_id}))
        self.state.predict(rid, {"id": rid.id, "name": rid.name, "type": rid.type, **body, "properties": props})

    def leftovers(self, scope_id: str, mode: str) -> None:
        if "/resourcegroups/" not in scope_id.lower():
            return
        for doc in self.host.store.children("res", scope_id):
            rid = parse_resource_id(doc["id"])
            if not listed_in_group(rid) or any(same_id(doc["id"], i) for i in self.listed):
                continue
            if mode == "Complete" and len(rid.types) == 1:
                self.add({"resourceId": doc["id"], "changeType": "Delete", "before": public(doc)})
            elif mode != "Complete":
                self.add({"resourceId": doc["id"], "changeType": "Ignore", "before": public(doc)})

    def add(self, change: dict[str, Any]) -> None:
        if not self.full:
            change = {k: v for k, v in change.items() if k in ("resourceId", "changeType", "unsupportedReason")}
        self.changes.append(change)


def compute_what_if(host: Any, prepared: Any, result_format: str) -> list[dict[str, Any]]:
    run = _WhatIf(host, result_format)
    run.walk(prepared.engine)
    run.leftovers(prepared.scope_id, prepared.mode)
    return sorted(run.changes, key=lambda c: c["resourceId"].lower())
