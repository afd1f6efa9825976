"""Apply a template, layer by layer (independent resources concurrently), against the store."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from armgen.arm import ArmError
from armgen.emulator.models import deployment_records as rec
from armgen.emulator.models import protection
from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.models.ids import parse_resource_id, same_id
from armgen.emulator.models.state import StoreState

_GROUP_TYPE = "microsoft.resources/resourcegroups"

_HTTP_STATUS = {200: "OK", 201: "Created", 400: "BadRequest", 404: "NotFound", 409: "Conflict",
                429: "TooManyRequests", 500: "InternalServerError", 503: "ServiceUnavailable"}


class Canceled(Exception):
    """The deployment was canceled between resources."""


@dataclass
class ApplyResult:
    outputs: dict[str, Any] = field(default_factory=dict)
    output_resources: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


class Runner:
    """One deployment run; ``host`` is the DeploymentModel (store, resources, groups, faults, config)."""

    def __init__(self, host: Any, dep_id: str, cancel: threading.Event) -> None:
        self.host, self.dep_id, self.cancel = host, dep_id, cancel
        self.state = StoreState(host.store, host.resources)
        self._lock = threading.Lock()

    # -- the walk ---------------------------------------------------------------------------
    def apply(self, engine: Any, mode: str, scope_id: str, dep_id: str) -> ApplyResult:
        result = ApplyResult()
        listed = [i.id for i in engine.instances if i.condition]
        workers = max(1, self.host.config.max_parallel_resources)
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="arm-apply") as pool:
            for layer in engine.layers():
                if self.cancel.is_set():
                    raise Canceled()
                todo = [i for i in layer if i.condition]
                for errors, ids in pool.map(lambda i: self._apply_one(engine, i, dep_id), todo):
                    result.errors.extend(errors)
                    result.output_resources.extend(ids)
                if result.errors:
                    return result
        if mode.lower() == "complete" and "/resourcegroups/" in scope_id.lower():
            self._complete_mode_deletes(scope_id, listed, dep_id)
        try:
            result.outputs = engine.outputs(self.state)
        except ArmError as err:
            result.errors.append({"code": err.code or "DeploymentOutputEvaluationFailed",
                                  "message": f"Unable to evaluate template outputs: {err.located()}",
                                  "target": dep_id})
        return result

    def _apply_one(self, engine: Any, inst: Any, dep_id: str) -> tuple[list[dict[str, Any]], list[str]]:
        if self.cancel.is_set():
            return [], []
        started = time.time()
        target = rec.target_resource(inst)
        try:
            if inst.existing:
                if not self.state.exists(inst.id):
                    raise ArmHttpError(404, "ResourceNotFound", f"The Resource '{inst.type}/{inst.name}' "
                                       "was not found. For more details please go to "
                                       "https://aka.ms/ARMResourceNotFoundFix")
                return [], []
            if inst.is_nested_deployment:
                return self._apply_nested(engine, inst, dep_id, started, target)
            body = engine.evaluate_resource(inst, self.state)
            self._provision_delay_and_faults(inst)
            status = self._put(inst, body)
        except ArmError as err:
            error = {"code": err.code or "InvalidTemplate", "message": err.located(), "target": inst.id}
            self._record(dep_id, rec.operation(dep_id, target, "Create", "Failed", "BadRequest", started,
                                               error))
            return [error], []
        except ArmHttpError as err:
            error = dict(err.detail(), target=inst.id)
            self._record(dep_id, rec.operation(dep_id, target, "Create", "Failed",
                                               _HTTP_STATUS.get(err.status, str(err.status)), started, error))
            return [error], []
        self._record(dep_id, rec.operation(dep_id, target, "Create", "Succeeded", status, started))
        return [], [inst.id]

    def _put(self, inst: Any, body: dict[str, Any]) -> str:
        if inst.type.lower() == _GROUP_TYPE:
            rid = parse_resource_id(inst.id + "/providers/x/y/z")  # subscription and group names
            _, created = self.host.groups.create_or_update(rid.subscription, rid.resource_group, body)
        else:
            if self.dep_id.lower() not in self.host.stack_runs:
                protection.check_deny(self.host.store, inst.id, "write", self.host.config.caller_principal_id)
            _, created = self.host.resources.put(inst.id, body, inst.api_version or "")
        return "Created" if created else "OK"

    def _provision_delay_and_faults(self, inst: Any) -> None:
        delay = self.host.faults.latency(inst.type)
        if delay > 0 and self.cancel.wait(delay):  # provisioning time, cut short by a cancel
            raise Canceled()
        rule = self.host.faults.provision_fault(inst.type, inst.name.rsplit("/", 1)[-1])
        if rule is not None:
            inner = {"code": rule.code or "InternalServerError",
                     "message": rule.message or "The resource provider failed to provision the resource "
                                                "(injected fault)."}
            raise ArmHttpError(rule.status if rule.status >= 400 else 500, "ResourceDeploymentFailure",
                               "The resource write operation failed to complete successfully, because it "
                               "reached terminal provisioning state 'Failed'.", details=[inner])

    def _apply_nested(self, engine: Any, inst: Any, dep_id: str, started: float,
                      target: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
        nested = engine.nested_engine(inst, self.state)
        body = {}
        try:
            body = engine.evaluate_resource(inst, self.state)
        except ArmError:
            body = {}
        mode = ((body.get("properties") or {}).get("mode") or "Incremental")
        nested_scope = inst.id[: inst.id.lower().rfind("/providers/microsoft.resources/deployments/")]
        result = self.host.run_nested(self, nested, inst, body, nested_scope, mode)
        state = "Failed" if result.errors else "Succeeded"
        error = rec.failure(inst.id, result.errors) if result.errors else None
        self._record(dep_id, rec.operation(dep_id, target, "Create", state,
                                           "Conflict" if error else "OK", started, error))
        if error:
            return [dict(error, target=inst.id)], result.output_resources
        return [], [inst.id, *result.output_resources]

    def _complete_mode_deletes(self, group_scope: str, listed: list[str], dep_id: str) -> None:
        rid = parse_resource_id(group_scope + "/providers/x/y/z")
        for doc in self.host.resources.list_group(rid.subscription, rid.resource_group):
            res = parse_resource_id(doc["id"])
            if len(res.types) != 1 or res.is_extension or any(same_id(doc["id"], i) for i in listed):
                continue
            started = time.time()
            self.host.resources.delete(doc["id"])
            self._record(dep_id, rec.operation(dep_id, {"id": doc["id"], "resourceType": doc["type"],
                                                        "resourceName": doc["name"]},
                                               "Delete", "Succeeded", "OK", started))

    def _record(self, dep_id: str, op: dict[str, Any]) -> None:
        with self._lock:
            self.host.store.put("depop", op["id"], op, parent=dep_id)
