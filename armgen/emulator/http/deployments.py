"""Deployment routes (resource group, subscription, management group, tenant), template hash, subscriptions."""

from __future__ import annotations

from armgen.emulator.app import EmulatorApp
from armgen.emulator.http.groups import lro_headers
from armgen.emulator.http.messages import Request, Response, empty, ok
from armgen.emulator.models import template_hash
from armgen.emulator.models.deployments import canonical_scope, deployment_id
from armgen.emulator.models.errors import ArmHttpError, bad_request
from armgen.emulator.models.operations import OperationModel


def _sub(scope: str, app: EmulatorApp | None = None) -> str:
    """The subscription of a scope (management-group and tenant operations report under the default one)."""
    segs = scope.strip("/").split("/")
    if len(segs) >= 2 and segs[0].lower() == "subscriptions":
        return segs[1]
    return app.config.subscription_id if app is not None else ""


def put_deployment(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    scope_id = canonical_scope(scope)
    record, op_id = app.deployments.create(scope_id, name, req.json())
    status_path = f"{deployment_id(scope_id, name)}/operationStatuses/{op_id}"
    return ok(record, 201, lro_headers(app, req, _sub(scope, app), op_id, async_path=status_path))


def get_deployment(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.deployments.get(canonical_scope(scope), name))


def head_deployment(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return empty(204 if app.deployments.exists(canonical_scope(scope), name) else 404)


def list_deployments(app: EmulatorApp, req: Request, scope: str) -> Response:
    items = app.deployments.list(canonical_scope(scope))
    flt = req.query.get("$filter", "")
    if flt.lower().startswith("provisioningstate eq "):
        wanted = flt.split("eq", 1)[1].strip().strip("'").lower()
        items = [d for d in items if d["properties"]["provisioningState"].lower() == wanted]
    top = req.query.get("$top")
    if top and top.isdigit():
        items = items[-int(top):]
    return ok({"value": items})


def delete_deployment(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    if not app.deployments.delete(canonical_scope(scope), name):
        return empty(204)
    op_id = app.operations.start("deploymentDelete", _sub(scope, app))
    app.operations.finish(op_id, "Succeeded", http_status=204)
    return empty(202, lro_headers(app, req, _sub(scope, app), op_id, location=True))


def validate(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.deployments.validate(canonical_scope(scope), name, req.json()))


def what_if(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    op_id = app.deployments.what_if(canonical_scope(scope), name, req.json())
    return empty(202, lro_headers(app, req, _sub(scope, app), op_id, location=True))


def cancel(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    app.deployments.cancel(canonical_scope(scope), name)
    return empty(204)


def export_template(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok(app.deployments.export_template(canonical_scope(scope), name))


def list_operations(app: EmulatorApp, req: Request, scope: str, name: str) -> Response:
    return ok({"value": app.deployments.operations_of(canonical_scope(scope), name)})


def get_operation(app: EmulatorApp, req: Request, scope: str, name: str, op_id: str) -> Response:
    for op in app.deployments.operations_of(canonical_scope(scope), name):
        if op["operationId"].lower() == op_id.lower():
            return ok(op)
    raise ArmHttpError(404, "DeploymentOperationNotFound", f"Deployment operation '{op_id}' was not found.")


def get_status(app: EmulatorApp, req: Request, scope: str, name: str, op_id: str) -> Response:
    """Azure-AsyncOperation: always 200, the body says Running/Succeeded/Failed/Canceled."""
    doc = app.operations.get(op_id)
    if doc is None:
        raise ArmHttpError(404, "OperationNotFound", f"Operation '{op_id}' was not found.")
    return ok(OperationModel.status_body(doc, req.path), 200,
              lro_headers(app, req, _sub(scope, app), op_id) if doc["status"] == "Running" else {})


def calculate_hash(app: EmulatorApp, req: Request) -> Response:
    body = req.json()
    if not body:
        raise bad_request("InvalidRequestContent", "The request must carry the template.")
    return ok(template_hash.calculate(body))


def get_subscription(app: EmulatorApp, req: Request, sub: str) -> Response:
    return ok(_subscription(app, sub))


def list_subscriptions(app: EmulatorApp, req: Request) -> Response:
    return ok({"value": [_subscription(app, app.config.subscription_id)]})


def _subscription(app: EmulatorApp, sub: str) -> dict:
    return {"id": f"/subscriptions/{sub}", "subscriptionId": sub, "tenantId": app.config.tenant_id,
            "displayName": "armgen emulator", "state": "Enabled",
            "subscriptionPolicies": {"locationPlacementId": "Public_2014-09-01", "quotaId": "emulator",
                                     "spendingLimit": "Off"}}
