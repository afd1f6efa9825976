"""Deployment stack what-if (``deploymentStacksWhatIfResults``): what a stack update would create, change,
delete or detach, judged against the stack's managed resources."""

from __future__ import annotations

from typing import Any

from armgen.emulator.models import protection
from armgen.emulator.models.errors import ArmHttpError, bad_request
from armgen.emulator.models.ids import same_id
from armgen.emulator.models.resources import public
from armgen.emulator.models.stacks import StackModel, check_body
from armgen.emulator.models.whatif import compute_what_if

RESULT_TYPE = "Microsoft.Resources/deploymentStacksWhatIfResults"
_KIND = {"Create": "create", "Modify": "modify", "Deploy": "modify", "NoChange": "noChange",
         "Unsupported": "unsupported"}


class StackWhatIfModel:
    def __init__(self, stacks: StackModel) -> None:
        self.stacks, self.store = stacks, stacks.store

    @staticmethod
    def result_id(scope_id: str, name: str) -> str:
        return f"{scope_id}/providers/{RESULT_TYPE}/{name}"

    def put(self, scope_id: str, name: str, body: dict[str, Any]) -> dict[str, Any]:
        props = check_body(scope_id, body)
        if not props.get("deploymentStackResourceId"):
            raise bad_request("InvalidRequestContent", "'deploymentStackResourceId' is required.")
        rid = self.result_id(scope_id, name)
        shown = {k: v for k, v in props.items() if k != "template"}
        doc = {"id": rid, "name": name, "type": RESULT_TYPE, "tags": body.get("tags") or {},
               "properties": {**shown, "provisioningState": "succeeded", "deploymentScope": scope_id},
               "_template": props["template"]}
        if body.get("location"):
            doc["location"] = body["location"]
        self.store.put("stackwhatif", rid, doc, parent=scope_id)
        return public(doc)

    def _doc(self, scope_id: str, name: str) -> dict[str, Any]:
        doc = self.store.get("stackwhatif", self.result_id(scope_id, name))
        if doc is None:
            raise ArmHttpError(404, "DeploymentStacksWhatIfResultNotFound",
                               f"Deployment stack what-if result '{name}' could not be found.")
        return doc

    def get(self, scope_id: str, name: str) -> dict[str, Any]:
        return public(self._doc(scope_id, name))

    def list(self, scope_id: str) -> list[dict[str, Any]]:
        return [public(d) for d in self.store.children("stackwhatif", scope_id)]

    def delete(self, scope_id: str, name: str) -> bool:
        return self.store.delete("stackwhatif", self.result_id(scope_id, name))

    def what_if(self, scope_id: str, name: str) -> dict[str, Any]:
        """The result with ``changes``: each resource's change, its management and deny status before/after."""
        doc = self._doc(scope_id, name)
        props = doc["properties"]
        body = {"properties": {"mode": "Incremental", "template": doc["_template"],
                               "parameters": props.get("parameters") or {}}}
        if doc.get("location"):
            body["location"] = doc["location"]
        prepared = self.stacks.deployments._prepare(scope_id, name, body)
        changes = compute_what_if(self.stacks.deployments, prepared, "FullResourcePayloads")
        stack = self.store.get("stack", props["deploymentStackResourceId"]) or {"properties": {}}
        managed = [r["id"] for r in stack["properties"].get("resources") or [] if r.get("status") == "managed"]
        deny_after = (props.get("denySettings") or {}).get("mode", "none")
        out = []
        declared = []
        for c in changes:
            if c["changeType"] in ("Ignore", "Delete") or "/providers/microsoft.resources/deployments/" in \
                    c["resourceId"].lower():
                continue
            declared.append(c["resourceId"])
            was = any(same_id(c["resourceId"], m) for m in managed)
            out.append({"id": c["resourceId"], "changeType": _KIND.get(c["changeType"], "unsupported"),
                        "changeCertainty": "potential" if c["changeType"] == "Deploy" else "definite",
                        "managementStatusChange": {"before": "managed" if was else "unmanaged", "after": "managed"},
                        "denyStatusChange": {"before": protection.deny_status(self.store, c["resourceId"]),
                                             "after": deny_after}})
        action = props.get("actionOnUnmanage") or {}
        for m in managed:
            if any(same_id(m, d) for d in declared):
                continue
            group = "/providers/" not in m.lower()
            how = (action.get("resourceGroups") if group else action.get("resources")) or "detach"
            out.append({"id": m, "changeType": "delete" if how.lower() == "delete" else "detach",
                        "changeCertainty": "definite",
                        "managementStatusChange": {"before": "managed", "after": "unmanaged"},
                        "denyStatusChange": {"before": protection.deny_status(self.store, m), "after": "none"}})
        props["changes"] = {"resourceChanges": out,
                            "denySettingsChange": {"before": stack["properties"].get("denySettings"),
                                                   "after": props.get("denySettings")},
                            "deploymentScopeChange": {"before": stack["properties"].get("deploymentScope"),
                                                      "after": scope_id}}
        self.store.put("stackwhatif", doc["id"], doc, parent=scope_id)
        return public(doc)
