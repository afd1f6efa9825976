"""Shapes ARM returns for deployments: DeploymentExtended, DeploymentOperation, typed parameters/outputs."""

from __future__ import annotations

import time
import uuid
from collections import OrderedDict
from typing import Any

from armgen.emulator.models.resources import now_iso

DEPLOYMENT_TYPE = "Microsoft.Resources/deployments"
_TYPE_NAMES = {"string": "String", "securestring": "SecureString", "int": "Int", "bool": "Bool",
               "object": "Object", "secureobject": "SecureObject", "array": "Array"}
FAILED_MESSAGE = ("At least one resource deployment operation failed. Please list deployment operations for "
                  "details. Please see https://aka.ms/arm-deployment-operations for usage details.")


def iso_duration(seconds: float) -> str:
    return f"PT{max(seconds, 0.0):.7f}S"


def arm_type(declared: str | None, value: Any) -> str:
    if declared:
        return _TYPE_NAMES.get(declared.lower(), declared)
    if isinstance(value, bool):
        return "Bool"
    if isinstance(value, int):
        return "Int"
    return {dict: "Object", list: "Array"}.get(type(value), "String")


def typed_parameters(template: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """``{"name": {"type": "String", "value": ...}}``; secure values are never echoed."""
    out: dict[str, Any] = {}
    for name, spec in (template.get("parameters") or {}).items():
        if name not in values:
            continue
        kind = arm_type(spec.get("type") if isinstance(spec, dict) else None, values[name])
        out[name] = {"type": kind} if kind.startswith("Secure") else {"type": kind, "value": values[name]}
    return out


def typed_outputs(outputs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, item in outputs.items():
        kind = arm_type(item.get("type"), item.get("value"))
        out[name] = {"type": kind} if kind.startswith("Secure") else {"type": kind, "value": item.get("value")}
    return out


def providers(instances: list[Any], location: str | None) -> list[dict[str, Any]]:
    grouped: OrderedDict[str, OrderedDict[str, None]] = OrderedDict()
    for inst in instances:
        ns, _, rtype = inst.type.partition("/")
        grouped.setdefault(ns, OrderedDict())[rtype] = None
    return [{"namespace": ns, "resourceTypes": [{"resourceType": t, "locations": [location]} for t in types]}
            for ns, types in grouped.items()]


def dependencies(instances: list[Any]) -> list[dict[str, Any]]:
    by_id = {i.id.lower(): i for i in instances}
    out = []
    for inst in instances:
        if not inst.depends_on:
            continue
        deps = []
        for dep in inst.depends_on:
            target = by_id.get(dep.lower())
            deps.append({"id": dep, "resourceType": target.type if target else "",
                         "resourceName": target.name if target else dep.rsplit("/", 1)[-1]})
        out.append({"dependsOn": deps, "id": inst.id, "resourceType": inst.type, "resourceName": inst.name})
    return out


def new_record(dep_id: str, name: str, body: dict[str, Any], template_hash: str,
               parameters: dict[str, Any]) -> dict[str, Any]:
    props = body.get("properties") or {}
    record: dict[str, Any] = {"id": dep_id, "name": name, "type": DEPLOYMENT_TYPE}
    if body.get("location"):
        record["location"] = body["location"]
    if body.get("tags"):
        record["tags"] = body["tags"]
    record["properties"] = {
        "templateHash": template_hash, "parameters": parameters, "mode": props.get("mode", "Incremental"),
        "provisioningState": "Accepted", "timestamp": now_iso(), "duration": iso_duration(0),
        "correlationId": str(uuid.uuid4()), "providers": [], "dependencies": [],
    }
    for key in ("debugSetting", "onErrorDeployment", "templateLink", "validationLevel"):
        if props.get(key):
            record["properties"][key] = props[key]
    record["_started"] = time.time()
    return record


def operation(dep_id: str, target: dict[str, Any], provisioning_operation: str, state: str, status_code: str,
              started: float, error: dict[str, Any] | None = None) -> dict[str, Any]:
    op_id = uuid.uuid4().hex[:16].upper()
    status: dict[str, Any] = {"error": error} if error else {"status": status_code}
    return {"id": f"{dep_id}/operations/{op_id}", "operationId": op_id, "properties": {
        "provisioningOperation": provisioning_operation, "provisioningState": state, "timestamp": now_iso(),
        "duration": iso_duration(time.time() - started), "trackingId": str(uuid.uuid4()),
        "serviceRequestId": str(uuid.uuid4()), "statusCode": status_code, "statusMessage": status,
        "targetResource": target}}


def target_resource(inst: Any) -> dict[str, Any]:
    out = {"id": inst.id, "resourceType": inst.type, "resourceName": inst.name, "apiVersion": inst.api_version}
    if getattr(inst, "symbolic", None):
        out["symbolicName"] = inst.symbolic
    return out


def failure(dep_id: str, details: list[dict[str, Any]]) -> dict[str, Any]:
    return {"code": "DeploymentFailed", "target": dep_id, "message": FAILED_MESSAGE, "details": details}
