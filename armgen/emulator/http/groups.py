"""Resource group routes: parse, call the model, serialise."""

from __future__ import annotations

import threading

from armgen.emulator.app import EmulatorApp
from armgen.emulator.http.messages import Request, Response, empty, listing, ok
from armgen.emulator.models import protection
from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.models.ids import group_id


def put_group(app: EmulatorApp, req: Request, sub: str, rg: str) -> Response:
    doc, created = app.groups.create_or_update(sub, rg, req.json())
    return ok(doc, 201 if created else 200)


def get_group(app: EmulatorApp, req: Request, sub: str, rg: str) -> Response:
    return ok(app.groups.get(sub, rg))


def head_group(app: EmulatorApp, req: Request, sub: str, rg: str) -> Response:
    return empty(204 if app.groups.exists(sub, rg) else 404)


def patch_group(app: EmulatorApp, req: Request, sub: str, rg: str) -> Response:
    current = app.groups.get(sub, rg)
    body = req.json()
    merged = dict(current, tags=body.get("tags", current.get("tags")))
    doc, _ = app.groups.create_or_update(sub, rg, merged)
    return ok(doc)


def list_groups(app: EmulatorApp, req: Request, sub: str) -> Response:
    return listing(req, app.groups.list(sub), app.config.list_page_size)


def delete_group(app: EmulatorApp, req: Request, sub: str, rg: str) -> Response:
    """202 + Location; the group and its resources go away in the background."""
    gid = group_id(sub, rg)
    protection.check_deny(app.store, gid, "delete", app.config.caller_principal_id)
    for doc in app.store.children("res", gid):  # a resource of the group under a stack's deny assignment
        protection.check_deny(app.store, doc["id"], "delete", app.config.caller_principal_id)
    protection.check_lock(app.store, gid, "delete")
    app.groups.mark_deleting(sub, rg)
    op_id = app.operations.start("groupDelete", sub, f"/subscriptions/{sub}/resourceGroups/{rg}")

    def run() -> None:
        try:
            app.deployments.cancel_all_in_group(sub, rg)
            app.groups.delete(sub, rg)
            app.operations.finish(op_id, "Succeeded", http_status=200)
        except ArmHttpError as exc:  # a provider refused (e.g. a subnet another group's endpoint uses)
            app.operations.finish(op_id, "Failed", error=exc.detail(), http_status=exc.status)
        except Exception as exc:  # reported through the operation status
            app.operations.finish(op_id, "Failed", error={"code": "InternalServerError", "message": str(exc)},
                                  http_status=500)

    threading.Thread(target=run, name=f"delete-{rg}", daemon=True).start()
    return empty(202, lro_headers(app, req, sub, op_id, location=True))


def lro_headers(app: EmulatorApp, req: Request, sub: str, op_id: str, location: bool = False,
                async_path: str | None = None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if location:
        headers["Location"] = req.url(f"/subscriptions/{sub}/operationresults/{op_id}")
    if async_path:
        headers["Azure-AsyncOperation"] = req.url(async_path)
    if app.config.retry_after_seconds > 0:
        headers["Retry-After"] = str(app.config.retry_after_seconds)
    return headers


def get_operation_result(app: EmulatorApp, req: Request, sub: str, op_id: str) -> Response:
    """Location polling: 202 while running, then the final status code and body (or the error)."""
    doc = app.operations.get(op_id)
    if doc is None or doc.get("subscription", sub).lower() != sub.lower():
        return ok({"error": {"code": "OperationNotFound", "message": f"Operation '{op_id}' was not found.",
                             "details": []}}, 404)
    if doc["status"] == "Running":
        return empty(202, lro_headers(app, req, sub, op_id, location=True))
    if doc["status"] != "Succeeded":
        return ok({"error": doc.get("error") or {"code": doc["status"], "message": doc["status"]}},
                  doc.get("httpStatus") or 400)
    return Response(doc.get("httpStatus") or 200, doc.get("result"), {})
