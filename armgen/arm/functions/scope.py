"""Scope functions: resourceGroup, subscription, tenant, managementGroup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.functions.registry import arm_function
from armgen.arm.values import expect

if TYPE_CHECKING:
    from armgen.arm.context import DeploymentContext
    from armgen.arm.evaluator import Evaluator


def _context(ev: Evaluator) -> DeploymentContext:
    return ev.scope.context


@arm_function("resourceGroup", 0, 2)
def resource_group(ev: Evaluator, args: list) -> object:
    ctx = _context(ev)
    names = [expect("resourceGroup", a, "String", position=i) for i, a in enumerate(args)]
    if not names:
        if ctx.scope != "resourceGroup" or not ctx.resource_group:
            raise ArmError("The template function 'resourceGroup' is not expected at this location: the "
                           "deployment is not at resource group scope.")
        return {
            "id": ctx.resource_group_id, "name": ctx.resource_group,
            "type": "Microsoft.Resources/resourceGroups",
            "location": ctx.resource_group_location or ctx.location,
            "tags": dict(ctx.resource_group_tags),
            "properties": {"provisioningState": "Succeeded"},
        }
    subscription = names[0] if len(names) == 2 else ctx.subscription_id
    name = names[-1]
    return {"id": f"/subscriptions/{subscription}/resourceGroups/{name}", "name": name,
            "type": "Microsoft.Resources/resourceGroups"}


@arm_function("subscription", 0, 1)
def subscription(ev: Evaluator, args: list) -> object:
    ctx = _context(ev)
    if not args and ctx.scope in ("managementGroup", "tenant"):
        raise ArmError("The template function 'subscription' is not expected at this location: the deployment "
                       f"is at {ctx.scope} scope.")
    sub = expect("subscription", args[0], "String") if args else ctx.subscription_id
    return {"id": f"/subscriptions/{sub}", "subscriptionId": sub, "tenantId": ctx.tenant_id,
            "displayName": f"subscription {sub}"}


@arm_function("tenant", 0)
def tenant(ev: Evaluator, args: list) -> object:
    """The shape template-functions-scope#tenant documents (any deployment scope)."""
    ctx = _context(ev)
    return {"countryCode": "US", "displayName": "Default Directory", "id": f"/tenants/{ctx.tenant_id}",
            "tenantId": ctx.tenant_id}


@arm_function("managementGroup", 0, 1)
def management_group(ev: Evaluator, args: list) -> object:
    """The shape template-functions-scope#managementgroup documents: ``type`` is the provider path
    ``/providers/Microsoft.Management/managementGroups``; the parent is the tenant root group."""
    ctx = _context(ev)
    if not args:
        if ctx.scope != "managementGroup" or not ctx.management_group:
            raise ArmError("The template function 'managementGroup' is not expected at this location: the "
                           "deployment is not at management group scope.")
        name = ctx.management_group
    else:
        name = expect("managementGroup", args[0], "String")
    root = ctx.tenant_id
    return {"id": f"/providers/Microsoft.Management/managementGroups/{name}", "name": name,
            "properties": {"details": {"parent": {"displayName": "Tenant Root Group",
                                                  "id": f"/providers/Microsoft.Management/managementGroups/{root}",
                                                  "name": root},
                                       "updatedBy": "00000000-0000-0000-0000-000000000000",
                                       "updatedTime": "2020-07-23T21:05:52.661306Z", "version": "1"},
                           "displayName": name, "tenantId": ctx.tenant_id},
            "type": "/providers/Microsoft.Management/managementGroups"}
