"""Scope functions: resourceGroup, subscription, tenant, managementGroup."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, DeploymentContext
from tests.unit.arm.conftest import evaluate

CTX = DeploymentContext(subscription_id="s1", tenant_id="t1", resource_group="rg1", location="northeurope",
                        resource_group_location="westeurope", resource_group_tags={"env": "dev"})


@pytest.mark.parametrize(("expr", "expected"), [
    ("resourceGroup().id", "/subscriptions/s1/resourceGroups/rg1"),
    ("resourceGroup().name", "rg1"), ("resourceGroup().location", "westeurope"),
    ("resourceGroup().tags.env", "dev"), ("resourceGroup().type", "Microsoft.Resources/resourceGroups"),
    ("resourceGroup('other').id", "/subscriptions/s1/resourceGroups/other"),
    ("resourceGroup('s2', 'other').id", "/subscriptions/s2/resourceGroups/other"),
    ("subscription().id", "/subscriptions/s1"), ("subscription().subscriptionId", "s1"),
    ("subscription().tenantId", "t1"), ("tenant().tenantId", "t1"), ("tenant().id", "/tenants/t1"),
    ("managementGroup('mg1').id", "/providers/Microsoft.Management/managementGroups/mg1"),
])
def test_scope(expr: str, expected) -> None:
    assert evaluate(expr, context=CTX) == expected


def test_resource_group_is_refused_at_subscription_scope() -> None:
    with pytest.raises(ArmError, match="'resourceGroup' is not expected at this location"):
        evaluate("resourceGroup()", context=DeploymentContext(resource_group=None, scope="subscription"))
    with pytest.raises(ArmError, match="'managementGroup' is not expected"):
        evaluate("managementGroup()", context=CTX)


def test_management_group_and_tenant_have_the_documented_shapes() -> None:
    """template-functions-scope#managementgroup and #tenant: the example outputs' keys and forms."""
    ctx = DeploymentContext(tenant_id="t1", resource_group=None, scope="managementGroup", management_group="mg1")
    mg = evaluate("managementGroup()", context=ctx)
    assert mg["id"] == "/providers/Microsoft.Management/managementGroups/mg1" and mg["name"] == "mg1"
    assert mg["type"] == "/providers/Microsoft.Management/managementGroups"
    assert set(mg["properties"]) == {"details", "displayName", "tenantId"} and mg["properties"]["tenantId"] == "t1"
    assert set(mg["properties"]["details"]) == {"parent", "updatedBy", "updatedTime", "version"}
    assert mg["properties"]["details"]["parent"]["id"] == "/providers/Microsoft.Management/managementGroups/t1"
    assert set(evaluate("tenant()", context=ctx)) == {"countryCode", "displayName", "id", "tenantId"}
    # template-functions-resource: tenantResourceId / managementGroupResourceId formats
    assert evaluate("managementGroupResourceId('Microsoft.Authorization/roleDefinitions', 'r1')", context=ctx) == \
        "/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/roleDefinitions/r1"
    assert evaluate("tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p1')", context=ctx) == \
        "/providers/Microsoft.Authorization/policyDefinitions/p1"
    assert evaluate("subscriptionResourceId('s9', 'Microsoft.Resources/resourceGroups', 'g')", context=ctx) == \
        "/subscriptions/s9/resourceGroups/g"
