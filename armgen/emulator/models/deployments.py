"""Template deployments at resource-group, subscription, management-group and tenant scope: records, runs,
validate, what-if."""

from __future__ import annotations

import json
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from armgen.emulator.config import EmulatorConfig
from armgen.emulator.faults import FaultInjector
from armgen.emulator.models import deployment_records as rec
from armgen.emulator.models import template_hash
from armgen.emulator.models.deployment_input import Prepared, preflight, prepare
from armgen.emulator.models.errors import ArmHttpError, bad_request, conflict
from armgen.emulator.models.ids import parse_resource_id
from armgen.emulator.models.operations import OperationModel
from armgen.emulator.models.resource_groups import ResourceGroupModel
from armgen.emulator.models.resources import ResourceModel, now_iso, public
from armgen.emulator.models.runner import ApplyResult, Canceled, Runner
from armgen.emulator.models.whatif import compute_what_if
from armgen.emulator.store import Store
from armgen.naming import check_name

ACTIVE = frozenset({"Accepted", "Running"})


def parameter_values(engine: Any, given: dict[str, Any]) -> dict[str, Any]:
    """Every parameter's value, defaults included (as ARM echoes them), when the engine can tell."""
    try:
        return json.loads(json.dumps(engine.params.resolve_all(), default=str))
    except Exception:  # an unevaluable default: echo what was given
        return dict(given)


def deployment_id(scope_id: str, name: str) -> str:
    return f"{scope_id}/providers/Microsoft.Resources/deployments/{name}"


def canonical_scope(scope: str) -> str:
    """A deployment scope spelled as ARM spells it: group, subscription, management group or tenant ("")."""
    segs = [s for s in scope.strip("/").split("/") if s]
    if not segs:
        return ""
    if segs[0].lower() == "providers" and len(segs) >= 4:
        return f"/providers/Microsoft.Management/managementGroups/{segs[3]}"
    if len(segs) >= 4:
        return f"/subscriptions/{segs[1]}/resourceGroups/{segs[3]}"
    return f"/subscriptions/{segs[1]}"


@dataclass(frozen=True)
class Created:
    """A deployment ``DeploymentModel.prepare_create`` made ready to ``start``: expanded and checked."""

    prepared: Prepared
    body: dict[str, Any]
    record: dict[str, Any]  # the new deployment record
    template_text: str  # the template as the store keeps it, serialised outside the lock


class DeploymentModel:
    def __init__(self, store: Store, config: EmulatorConfig, resources: ResourceModel,
                 groups: ResourceGroupModel, operations: OperationModel, faults: FaultInjector) -> None:
        self.store, self.config, self.resources, self.groups = store, config, resources, groups
        self.operations, self.faults = operations, faults
        self._cancel: dict[str, threading.Event] = {}
        self._threads: list[threading.Thread] = []
        self._threads_lock = threading.Lock()
        self.stack_runs: set[str] = set()  # deployments run by a deployment stack (its deny assignments allow them)

    # -- reads ------------------------------------------------------------------------------
    def _record(self, scope_id: str, name: str) -> dict[str, Any]:
        doc = self.store.get("dep", deployment_id(scope_id, name))
        if doc is None:
            raise ArmHttpError(404, "DeploymentNotFound", f"Deployment '{name}' could not be found.")
        return doc

    def get(self, scope_id: str, name: str) -> dict[str, Any]:
        return public(self._record(scope_id, name))

    def exists(self, scope_id: str, name: str) -> bool:
        return self.store.get("dep", deployment_id(scope_id, name)) is not None

    def list(self, scope_id: str) -> list[dict[str, Any]]:
        self._require_scope(scope_id)
        return [public(d) for d in self.store.children("dep", scope_id)]

    def operations_of(self, scope_id: str, name: str) -> list[dict[str, Any]]:
        doc = self._record(scope_id, name)
        return self.store.children("depop", doc["id"])

    def export_template(self, scope_id: str, name: str) -> dict[str, Any]:
        doc = self._record(scope_id, name)
        return {"template": self.store.get("template", doc["id"])}

    # -- writes -----------------------------------------------------------------------------
    def _require_scope(self, scope_id: str) -> None:
        if "/resourcegroups/" in scope_id.lower():
            rid = parse_resource_id(scope_id + "/providers/x/y/z")
            self.groups.get(rid.subscription, rid.resource_group)

    def _check_name_and_quota(self, scope_id: str, name: str, location: str | None) -> None:
        problems = check_name("Microsoft.Resources/deployments", name)
        if problems:
            raise bad_request("InvalidDeploymentName", f"The deployment name '{name}' is invalid: "
                              + "; ".join(problems) + ".")
        if self.exists(scope_id, name):
            current = self._record(scope_id, name)
            old = current.get("location")
            if old and location and old.replace(" ", "").lower() != location.replace(" ", "").lower():
                raise bad_request("InvalidDeploymentLocation",
                                  f"Invalid deployment location '{location}'. The deployment '{name}' already "
                                  f"exists in location '{old}'.")
            if current["properties"]["provisioningState"] in ACTIVE:
                raise conflict("DeploymentActive",
                               f"Unable to edit or replace deployment '{name}': previous deployment from "
                               f"'{current['properties']['timestamp']}' is still active. Please see "
                               "https://aka.ms/arm-deploy for usage details.")
            return
        count = self.store.count_children("dep", scope_id)
        if count >= self.config.deployment_quota:
            raise conflict("DeploymentQuotaExceeded",
                           f"Creating the deployment '{name}' would exceed the quota of "
                           f"'{self.config.deployment_quota}'. The current deployment count is '{count}'. "
                           "Please delete some deployments before creating a new one, or see "
                           "https://aka.ms/800LimitFix for information on managing deployment limits.")

    def _prepare(self, scope_id: str, name: str, body: dict[str, Any]) -> Prepared:
        self._require_scope(scope_id)
        return prepare(self, scope_id, name, body)

    def create(self, scope_id: str, name: str, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """Start a deployment; returns (record, async operation id)."""
        # expanding the template is the expensive part: do it outside the store lock, so that many
        # deployments arriving at once (a parallel armgen deploy) are prepared side by side
        return self.start(self.prepare_create(scope_id, name, body))

    def prepare_create(self, scope_id: str, name: str, body: dict[str, Any]) -> Created:
        """The store-independent part of a create (template expansion, preflight, the new record): no lock."""
        prepared = self._prepare(scope_id, name, body)
        preflight(self, prepared, name, global_names=False)
        dep_id = deployment_id(scope_id, name)
        record = rec.new_record(dep_id, name, body, template_hash.template_hash(prepared.template),
                                rec.typed_parameters(prepared.template,
                                                     parameter_values(prepared.engine, prepared.parameters)))
        record["properties"]["providers"] = rec.providers(prepared.engine.instances, prepared.location)
        record["properties"]["dependencies"] = rec.dependencies(prepared.engine.instances)
        return Created(prepared, body, record, self.store.dumps(prepared.template))

    def start(self, created: Created, then: Callable[[], None] | None = None) -> tuple[dict[str, Any], str]:
        """Check, store and run a deployment ``prepare_create`` prepared; returns (record, operation id).
        ``then`` runs in the deployment's thread once its record is final (a stack's own finish)."""
        prepared, body, record, template_text = created.prepared, created.body, created.record, created.template_text
        scope_id, name = prepared.scope_id, prepared.name
        dep_id = deployment_id(scope_id, name)
        with self.store.lock:
            self._check_name_and_quota(scope_id, name, body.get("location"))
            op_id = self.operations.start("deployment", prepared.context.subscription_id, dep_id)
            record["_op"] = op_id
            self.store.delete_prefix("depop", dep_id + "/")
            self.store.put("dep", dep_id, record, parent=scope_id)
            self.store.put("template", dep_id, prepared.template, parent=scope_id, text=template_text)
            cancel = self._cancel[dep_id.lower()] = threading.Event()
            thread = threading.Thread(target=self._run, args=(dep_id, prepared, op_id, cancel, then),
                                      name=f"deploy-{dep_id.lower()}", daemon=True)
            self.store.lock.later(lambda: self._launch(thread))  # out of the lock (of a stack's PUT too)
        return public(record), op_id

    def _launch(self, thread: threading.Thread) -> None:
        """Start a deployment's run and list it (for cancel and shutdown to join)."""
        thread.start()
        with self._threads_lock:  # deployments created at once must not drop each other's thread
            self._threads[:] = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)

    def _set(self, dep_id: str, **props: Any) -> dict[str, Any]:
        with self.store.lock:
            doc = self.store.get("dep", dep_id)
            if doc is None:  # deleted with its group meanwhile
                return {}
            doc["properties"].update(props)
            doc["properties"]["timestamp"] = now_iso()
            doc["properties"]["duration"] = rec.iso_duration(time.time() - doc.get("_started", time.time()))
            self.store.put("dep", dep_id, doc, parent=dep_id.rsplit("/providers/", 1)[0])
            return doc

    def _finish(self, dep_id: str, result: ApplyResult | None, error: dict[str, Any] | None = None,
                state: str | None = None) -> dict[str, Any] | None:
        if result is not None and result.errors:
            error = rec.failure(dep_id, result.errors)
        if error is not None:
            self._set(dep_id, provisioningState=state or "Failed", error=error)
            return error
        assert result is not None
        self._set(dep_id, provisioningState="Succeeded", outputs=rec.typed_outputs(result.outputs),
                  outputResources=[{"id": i} for i in dict.fromkeys(result.output_resources)])
        return None

    def _run(self, dep_id: str, prepared: Prepared, op_id: str, cancel: threading.Event,
             then: Callable[[], None] | None = None) -> None:
        self._set(dep_id, provisioningState="Running")
        runner = Runner(self, dep_id, cancel)
        try:
            result = runner.apply(prepared.engine, prepared.mode, prepared.scope_id, dep_id)
            error = self._finish(dep_id, result)
            self.operations.finish(op_id, "Failed" if error else "Succeeded", error=error)
        except Canceled:
            error = {"code": "DeploymentCanceled", "message": f"The deployment '{prepared.name}' was canceled."}
            self._finish(dep_id, None, error, state="Canceled")
            self.operations.finish(op_id, "Canceled", error=error)
        except Exception as exc:  # any crash becomes a failed deployment, never a hang
            traceback.print_exc()
            error = rec.failure(dep_id, [{"code": "InternalServerError", "message": f"{type(exc).__name__}: {exc}"}])
            self._finish(dep_id, None, error)
            self.operations.finish(op_id, "Failed", error=error)
        finally:
            self._cancel.pop(dep_id.lower(), None)
            if then is not None:
                try:
                    then()
                except Exception:  # a crash in what follows must not hang who waits for it
                    traceback.print_exc()

    def run_nested(self, runner: Runner, engine: Any, inst: Any, body: dict[str, Any], scope_id: str,
                   mode: str) -> ApplyResult:
        """A Microsoft.Resources/deployments resource: its own record, applied with the same runner."""
        scope_id = canonical_scope(scope_id)
        self._require_scope(scope_id)
        template = (body.get("properties") or {}).get("template") or {}
        name = inst.name.rsplit("/", 1)[-1]
        record = rec.new_record(inst.id, name, {"properties": {"mode": mode}, "location": body.get("location")},
                                template_hash.template_hash(template),
                                rec.typed_parameters(template, parameter_values(engine, {})))
        record["properties"]["provisioningState"] = "Running"
        self.store.put("dep", inst.id, record, parent=scope_id)
        self.store.put("template", inst.id, template, parent=scope_id)
        try:
            result = runner.apply(engine, mode, scope_id, inst.id)
        except Canceled:
            self._finish(inst.id, None, {"code": "DeploymentCanceled", "message": "The deployment was canceled."},
                         state="Canceled")
            raise
        self._finish(inst.id, result)
        return result

    def delete(self, scope_id: str, name: str) -> bool:
        if not self.exists(scope_id, name):
            return False
        doc = self._record(scope_id, name)
        if doc["properties"]["provisioningState"] in ACTIVE:
            raise conflict("DeploymentActive", f"The deployment '{name}' cannot be deleted while it is running.")
        self.store.delete("dep", doc["id"])
        self.store.delete("template", doc["id"])
        self.store.delete_prefix("depop", doc["id"] + "/")
        return True

    def cancel(self, scope_id: str, name: str) -> None:
        doc = self._record(scope_id, name)
        event = self._cancel.get(doc["id"].lower())
        if doc["properties"]["provisioningState"] not in ACTIVE or event is None:
            raise conflict("DeploymentCannotBeCancelled",
                           f"The deployment '{name}' cannot be canceled: its provisioning state is "
                           f"'{doc['properties']['provisioningState']}'.")
        event.set()
        for thread in [t for t in self._threads if t.name == f"deploy-{doc['id'].lower()}"]:
            thread.join(timeout=10)  # answer once the run has stopped: GET then says Canceled

    def cancel_all_in_group(self, subscription: str, group: str) -> None:
        prefix = f"/subscriptions/{subscription}/resourcegroups/{group}/".lower()
        for key, event in list(self._cancel.items()):
            if key.startswith(prefix):
                event.set()
        for thread in [t for t in self._threads if t.name.startswith(f"deploy-{prefix}")]:
            thread.join(timeout=10)  # nothing writes into the group once it is being deleted

    # -- validate and what-if ---------------------------------------------------------------
    def validate(self, scope_id: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        prepared = self._prepare(scope_id, name, body)
        checked = preflight(self, prepared, name, global_names=True)
        dep_id = deployment_id(scope_id, name)
        record = rec.new_record(dep_id, name, body, template_hash.template_hash(prepared.template),
                                rec.typed_parameters(prepared.template,
                                                         parameter_values(prepared.engine, prepared.parameters)))
        props = record["properties"]
        props.update(provisioningState="Succeeded", validatedResources=[{"id": i} for i in checked],
                     providers=rec.providers(prepared.engine.instances, prepared.location),
                     dependencies=rec.dependencies(prepared.engine.instances))
        return public(record)

    def what_if(self, scope_id: str, name: str, body: dict[str, Any]) -> str:
        """Start a what-if; the operation's result is the WhatIfOperationResult."""
        prepared = self._prepare(scope_id, name, body)
        settings = ((body.get("properties") or {}).get("whatIfSettings") or {})
        op_id = self.operations.start("whatIf", prepared.context.subscription_id)

        def run() -> None:
            try:
                changes = compute_what_if(self, prepared, settings.get("resultFormat") or "FullResourcePayloads")
                self.operations.finish(op_id, "Succeeded", {"status": "Succeeded",
                                                            "properties": {"changes": changes}})
            except ArmHttpError as err:
                self.operations.finish(op_id, "Failed", error=err.detail(), http_status=err.status)
            except Exception as exc:  # reported through the operation
                traceback.print_exc()
                self.operations.finish(op_id, "Failed", error={"code": "InternalServerError",
                                                               "message": str(exc)}, http_status=500)

        threading.Thread(target=run, name=f"whatif-{name}", daemon=True).start()
        return op_id

    # -- lifecycle --------------------------------------------------------------------------
    def recover_interrupted(self) -> None:
        """After a restart, runs that were in flight are failed (ARM would have finished them)."""
        for doc in self.store.all("dep"):
            if doc["properties"]["provisioningState"] in ACTIVE:
                error = rec.failure(doc["id"], [{"code": "EmulatorRestarted", "message":
                                                 "The emulator stopped while this deployment was running."}])
                self._set(doc["id"], provisioningState="Failed", error=error)
                if doc.get("_op"):
                    self.operations.finish(doc["_op"], "Failed", error=error)

    def adopt(self, previous: DeploymentModel) -> None:
        """Take over the runs of the model this one replaces (after a configuration change)."""
        self._cancel, self._threads, self._threads_lock = previous._cancel, previous._threads, previous._threads_lock
        self.stack_runs = previous.stack_runs

    def shutdown(self, timeout: float = 5.0) -> None:
        for event in list(self._cancel.values()):
            event.set()
        deadline = time.time() + timeout
        for thread in self._threads:
            thread.join(max(0.0, deadline - time.time()))
        self._threads.clear()


