"""Deployment stack routes (resource group and subscription scope): parse, call the model, serialise."""

from __future__ import annotations

from armgen.emulator.app import EmulatorApp
from armgen.emulator.http.groups import lro_headers
from armgen.emulator.http.messages import Request, Response, empty, listing, ok
from armgen.emulator.models.deployments import canonical_scope


def _sub(scope: str) -> str:
    return scope.strip("/").split("/")[1]


def put_stack(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    doc, op_id = app.stacks.create(canonical_scope(scope), name, req.json())
    return ok(doc, 201, lro_headers(app, req, _sub(scope), op_id,
                                    async_path=f"/subscriptions/{_sub(scope)}/operationstatuses/{op_id}"))


def get_stack(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.stacks.get(canonical_scope(scope), name))


def list_stacks(app: EmulatorApp, req: Request, scope: str) -> Response:
    return listing(req, app.stacks.list(canonical_scope(scope)), app.config.list_page_size)


def delete_stack(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    q = {k.lower(): v for k, v in req.query.items()}
    op_id = app.stacks.delete(canonical_scope(scope), name, q.get("unmanageaction.resources"),
                              q.get("unmanageaction.resourcegroups"))
    if op_id is None:
        return empty(204)
    return empty(202, lro_headers(app, req, _sub(scope), op_id, location=True))


def validate_stack(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.stacks.validate(canonical_scope(scope), name, req.json()))


def export_stack_template(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.stacks.export_template(canonical_scope(scope), name))




def put_what_if_result(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.stack_what_ifs.put(canonical_scope(scope), name, req.json()))


def get_what_if_result(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.stack_what_ifs.get(canonical_scope(scope), name))


def list_what_if_results(app: EmulatorApp, req: Request, scope: str) -> Response:
    return ok({"value": app.stack_what_ifs.list(canonical_scope(scope))})


def delete_what_if_result(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return empty(200 if app.stack_what_ifs.delete(canonical_scope(scope), name) else 204)


def what_if(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    """202 + Location; the operation's result is the what-if result with its changes."""
    result = app.stack_what_ifs.what_if(canonical_scope(scope), name)
    op_id = app.operations.start("stackWhatIf", _sub(scope))
    app.operations.finish(op_id, "Succeeded", result=result)
    return empty(202, lro_headers(app, req, _sub(scope), op_id, location=True))
