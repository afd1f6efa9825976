"""Long-running operation records: what Azure-AsyncOperation and Location URLs report."""

from __future__ import annotations

import uuid
from typing import Any

from armgen.emulator.models.resources import now_iso
from armgen.emulator.store import Store

TERMINAL = frozenset({"Succeeded", "Failed", "Canceled"})


class OperationModel:
    """An operation: status (Running/Succeeded/Failed/Canceled), error, and the final result to return."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def start(self, kind: str, subscription: str, resource_id: str = "") -> str:
        op_id = str(uuid.uuid4())
        self.store.put("op", op_id, {"id": op_id, "kind": kind, "subscription": subscription,
                                     "resourceId": resource_id, "status": "Running", "startTime": now_iso()})
        return op_id

    def finish(self, op_id: str, status: str = "Succeeded", result: Any = None,
               error: dict[str, Any] | None = None, http_status: int = 200) -> None:
        doc = self.store.get("op", op_id) or {"id": op_id}
        doc.update(status=status, endTime=now_iso(), result=result, httpStatus=http_status)
        if error is not None:
            doc["error"] = error
        self.store.put("op", op_id, doc)

    def get(self, op_id: str) -> dict[str, Any] | None:
        return self.store.get("op", op_id)

    @staticmethod
    def status_body(doc: dict[str, Any], status_id: str) -> dict[str, Any]:
        """The Azure-AsyncOperation body (OperationStatusResult)."""
        out = {"id": status_id, "name": doc["id"], "status": doc["status"], "startTime": doc.get("startTime")}
        if doc["status"] in TERMINAL:
            out["endTime"] = doc.get("endTime")
            out["percentComplete"] = 100.0
        if doc.get("error"):
            out["error"] = doc["error"]
        return out
