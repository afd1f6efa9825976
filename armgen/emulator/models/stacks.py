"""Deployment stacks at resource-group and subscription scope: a deployment plus the record of what it manages.

A stack runs its template as a deployment of the same name at its scope, then compares the resources the
deployment produced with the ones it managed before: those no longer in the template are deleted or detached
(``actionOnUnmanage``), and every managed resource gets the stack's deny assignment (``denySettings``).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from armgen.emulator.models import deployment_records as rec
from armgen.emulator.models import protection
from armgen.emulator.models.errors import ArmHttpError, bad_request, conflict
from armgen.emulator.models.ids import parse_resource_id, same_id
from armgen.emulator.models.resources import now_iso, public

STACK_TYPE = "Microsoft.Resources/deploymentStacks"
ACTIVE = frozenset({"creating", "validating", "waiting", "deploying", "canceling", "updatingDenyAssignments",
                    "deletingResources", "deleting"})
DENY_MODES = ("none", "denyDelete", "denyWriteAndDelete")
_DEPLOYMENTS = "microsoft.resources/deployments"


def stack_id(scope_id: str, name: str) -> str:
    return f"{scope_id}/providers/{STACK_TYPE}/{name}"


def _is_group(resource_id: str) -> bool:
    return "/providers/" not in resource_id.lower()


def check_body(scope_id: str, body: dict[str, Any]) -> dict[str, Any]:
    props = body.get("properties")
    if not isinstance(props, dict):
        raise bad_request("InvalidRequestContent", "The request content must have 'properties'.")
    if "templateLink" in props or not isinstance(props.get("template"), dict):
        raise bad_request("InvalidRequestContent", "The deployment stack needs an inline 'template' (linked "
                                                   "templates need a network and are not served).")
    action = props.get("actionOnUnmanage") or {}
    if str(action.get("resources", "")).lower() not in ("delete", "detach"):
        raise bad_request("InvalidRequestContent", "'actionOnUnmanage.resources' is required: 'delete' or 'detach'.")
    deny = props.get("denySettings") or {}
    if str(deny.get("mode", "")).lower() not in (m.lower() for m in DENY_MODES):
        raise bad_request("InvalidRequestContent",
                          f"'denySettings.mode' is required: one of {', '.join(DENY_MODES)}.")
    if len(deny.get("excludedPrincipals") or []) > 5:
        raise bad_request("DeploymentStackInvalidDenySettings", "Up to 5 excluded principals are permitted.")
    if "/resourcegroups/" not in scope_id.lower() and not body.get("location"):
        raise bad_request("LocationRequired", "The location property is required for this definition.")
    return props


class StackModel:
    def __init__(self, store: Any, config: Any, resources: Any, groups: Any, deployments: Any,
                 operations: Any) -> None:
        self.store, self.config, self.resources, self.groups = store, config, resources, groups
        self.deployments, self.operations = deployments, operations

    # -- reads ------------------------------------------------------------------------------
    def _doc(self, scope_id: str, name: str) -> dict[str, Any]:
        doc = self.store.get("stack", stack_id(scope_id, name))
        if doc is None:
            raise ArmHttpError(404, "DeploymentStackNotFound", f"Deployment stack '{name}' could not be found.")
        return doc

    def get(self, scope_id: str, name: str) -> dict[str, Any]:
        return public(self._doc(scope_id, name))

    def list(self, scope_id: str) -> list[dict[str, Any]]:
        self.deployments._require_scope(scope_id)
        return [public(d) for d in self.store.children("stack", scope_id)]

    def export_template(self, scope_id: str, name: str) -> dict[str, Any]:
        doc = self._doc(scope_id, name)
        return {"template": self.store.get("template", doc["properties"]["deploymentId"])}

    def validate(self, scope_id: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        props = check_body(scope_id, body)
        checked = self.deployments.validate(scope_id, name, self._deployment_body(body))
        return {"id": stack_id(scope_id, name), "name": name, "type": STACK_TYPE, "properties": {
            "actionOnUnmanage": props["actionOnUnmanage"], "denySettings": props["denySettings"],
            "parameters": props.get("parameters") or {}, "deploymentScope": scope_id,
            "validatedResources": checked["properties"].get("validatedResources") or []}}

    # -- writes -----------------------------------------------------------------------------
    @staticmethod
    def _deployment_body(body: dict[str, Any]) -> dict[str, Any]:
        props = body["properties"]
        out = {"properties": {"mode": "Incremental", "template": props["template"],
                              "parameters": props.get("parameters") or {}}}
        if body.get("location"):
            out["location"] = body["location"]
        return out

    @staticmethod
    def _check_terminal(name: str, old: dict[str, Any] | None) -> None:
        if old and old["properties"]["provisioningState"] in ACTIVE:
            raise conflict("DeploymentStackInNonTerminalState",
                           f"The deployment stack '{name}' is in a non-terminal state "
                           f"'{old['properties']['provisioningState']}'; wait for it to finish.")

    def create(self, scope_id: str, name: str, body: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """Start a create/update; returns (stack, async operation id)."""
        props = check_body(scope_id, body)
        sid = stack_id(scope_id, name)
        dep_id = f"{scope_id}/providers/Microsoft.Resources/deployments/{name}"
        # the template's expansion does not read the stack: outside the store lock (it was 2.5 ms of a
        # 3 ms hold, and the PUTs of a layer arriving together queued behind each other and every run)
        self._check_terminal(name, self.store.get("stack", sid))  # before the template's errors, as before
        created = self.deployments.prepare_create(scope_id, name, self._deployment_body(body))
        with self.store.lock:
            old = self.store.get("stack", sid)
            self._check_terminal(name, old)
            self.deployments.stack_runs.add(dep_id.lower())
            ids: dict[str, str] = {}  # the stack's operation, started below, before the deployment's thread runs
            try:
                _, dep_op = self.deployments.start(created, then=lambda: self._finish(sid, dep_id, ids["op"]))
            except ArmHttpError:
                self.deployments.stack_runs.discard(dep_id.lower())
                raise
            stamp = now_iso()
            doc = {"id": sid, "name": name, "type": STACK_TYPE, "tags": body.get("tags") or {},
                   "systemData": {"createdAt": ((old or {}).get("systemData") or {}).get("createdAt", stamp),
                                  "lastModifiedAt": stamp},
                   "properties": {
                       "actionOnUnmanage": props["actionOnUnmanage"], "denySettings": props["denySettings"],
                       "description": props.get("description"), "parameters": props.get("parameters") or {},
                       "provisioningState": "deploying", "deploymentId": dep_id, "deploymentScope": scope_id,
                       "correlationId": dep_op, "resources": (old or {}).get("properties", {}).get("resources", []),
                       "detachedResources": [], "deletedResources": [], "failedResources": []},
                   "_started": time.time()}
            if body.get("location"):
                doc["location"] = body["location"]
            self.store.put("stack", sid, doc, parent=scope_id)
            op_id = ids["op"] = self.operations.start("deploymentStack", parse_resource_id(sid).subscription or "", sid)
        return public(doc), op_id

    def _finish(self, sid: str, dep_id: str, op_id: str) -> None:
        """The stack after its deployment ended (run in the deployment's thread, its record final)."""
        dep = self.store.get("dep", dep_id)
        self.deployments.stack_runs.discard(dep_id.lower())
        doc = self.store.get("stack", sid)
        if doc is None:
            self.operations.finish(op_id, "Canceled")
            return
        props = doc["properties"]
        dstate = ((dep or {}).get("properties") or {}).get("provisioningState", "Failed")
        error = None
        if dstate == "Succeeded":
            managed = [r["id"] for r in dep["properties"].get("outputResources") or []
                       if _is_group(r["id"]) or parse_resource_id(r["id"]).type.lower() != _DEPLOYMENTS]
            before = [r["id"] for r in props["resources"] if r.get("status") == "managed"]
            gone = [i for i in before if not any(same_id(i, m) for m in managed)]
            deleted, detached, failed = self.unmanage(gone, props["actionOnUnmanage"])
            kept = [f["id"] for f in failed]
            protection.set_deny(self.store, sid, managed + kept, props["denySettings"])
            props.update(resources=[{"id": i, "status": "managed",
                                     "denyStatus": protection.deny_status(self.store, i)} for i in managed + kept],
                         deletedResources=[{"id": i} for i in deleted], failedResources=failed,
                         detachedResources=[{"id": i} for i in detached],
                         outputs=dep["properties"].get("outputs") or {})
            if failed:
                error = {"code": "DeploymentStackDeleteResourcesFailed",
                         "message": "One or more resources could not be deleted. Correlation id: " + op_id,
                         "details": [f["error"] for f in failed]}
        else:
            error = ((dep or {}).get("properties") or {}).get("error") or {
                "code": "DeploymentFailed", "message": f"The deployment of stack '{doc['name']}' failed."}
        props["provisioningState"] = "failed" if error else "succeeded"
        if error:
            props["error"] = error
        else:
            props.pop("error", None)
        props["duration"] = rec.iso_duration(time.time() - doc.get("_started", time.time()))
        self.store.put("stack", sid, doc, parent=sid.rsplit("/providers/", 1)[0])
        self.operations.finish(op_id, "Failed" if error else "Succeeded", error=error)

    def unmanage(self, ids: list[str], action: dict[str, Any]) -> tuple[list[str], list[str], list[dict]]:
        """Delete or detach resources a stack no longer manages: children first, resource groups last."""
        deleted: list[str] = []
        detached: list[str] = []
        failed: list[dict] = []
        ordered = sorted(ids, key=lambda i: (_is_group(i), -i.count("/")))
        for rid in ordered:
            how = (action.get("resourceGroups") if _is_group(rid) else action.get("resources")) or "detach"
            if how.lower() != "delete":
                detached.append(rid)
                continue
            try:
                if _is_group(rid):
                    protection.check_lock(self.store, rid, "delete")
                    segs = rid.strip("/").split("/")
                    if self.groups.exists(segs[1], segs[3]):
                        self.deployments.cancel_all_in_group(segs[1], segs[3])
                        self.groups.delete(segs[1], segs[3])
                else:
                    self.resources.delete(rid)
                deleted.append(rid)
            except ArmHttpError as err:
                failed.append({"id": rid, "error": err.detail()})
        return deleted, detached, failed

    def delete(self, scope_id: str, name: str, resources: str | None, groups: str | None) -> str | None:
        """Delete a stack, deleting or detaching what it manages (detach unless told); returns an operation id."""
        sid = stack_id(scope_id, name)
        doc = self.store.get("stack", sid)
        if doc is None:
            return None
        if doc["properties"]["provisioningState"] in ACTIVE:
            raise conflict("DeploymentStackInNonTerminalState",
                           f"The deployment stack '{name}' is in a non-terminal state; wait for it to finish.")
        op_id = self.operations.start("deploymentStackDelete", parse_resource_id(sid).subscription or "", sid)

        def run() -> None:
            ids = [r["id"] for r in doc["properties"]["resources"] if r.get("status") == "managed"]
            protection.set_deny(self.store, sid, [], {"mode": "none"})
            _, _, failed = self.unmanage(ids, {"resources": resources or "detach", "resourceGroups": groups or "detach"})
            if failed:
                doc["properties"].update(provisioningState="failed", resources=[
                    {"id": f["id"], "status": "managed", "denyStatus": "none"} for f in failed], failedResources=failed)
                self.store.put("stack", sid, doc, parent=scope_id)
                self.operations.finish(op_id, "Failed", error={
                    "code": "DeploymentStackDeleteResourcesFailed", "message": "One or more resources could not "
                    "be deleted.", "details": [f["error"] for f in failed]}, http_status=409)
                return
            self.store.delete("stack", sid)
            self.deployments.delete(scope_id, name)
            self.operations.finish(op_id, "Succeeded", http_status=200)

        threading.Thread(target=run, name=f"stack-delete-{name}", daemon=True).start()
        return op_id
