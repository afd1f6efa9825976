"""Deployments at management-group and tenant scope, as the SDK calls them (Microsoft Learn:
deploy-to-management-group, deploy-to-tenant; the REST paths
/providers/Microsoft.Management/managementGroups/{id}/providers/Microsoft.Resources/deployments/{name} and
/providers/Microsoft.Resources/deployments/{name}). A location is required at both, as at subscription scope."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from azure.core.exceptions import HttpResponseError

pytestmark = pytest.mark.integration
TENANT = json.loads((Path(__file__).parents[1] / "fixtures" / "arm" / "tenant.json").read_text())
MG = "/providers/Microsoft.Management/managementGroups"


def test_tenant_deployment_creates_a_group_and_deploys_into_it(emulator) -> None:
    ops = emulator.deployments().deployments
    body = {"location": "westeurope", "properties": {"mode": "Incremental", "template": TENANT}}
    result = ops.begin_create_or_update_at_tenant_scope("tenant-1", body).result()
    assert result.id == "/providers/Microsoft.Resources/deployments/tenant-1"
    assert result.properties.outputs == {
        "groupId": {"type": "String", "value": f"{MG}/mg-ml-platform"},
        "nestedGroup": {"type": "String", "value": "mg-ml-platform"}}
    group = emulator.resources().resources.get_by_id(f"{MG}/mg-ml-platform", api_version="2021-04-01")
    assert group.properties["displayName"] == "ML platform"
    nested = ops.get_at_management_group_scope("mg-ml-platform", "intoTheGroup")
    assert nested.properties.provisioning_state == "Succeeded"
    changes = ops.begin_what_if_at_tenant_scope("tenant-1", body).result().changes
    assert {c.change_type for c in changes} <= {"NoChange", "Ignore"} and changes


def test_management_group_deployment_records_and_refusals(emulator) -> None:
    ops = emulator.deployments().deployments
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "resources": [],
                "outputs": {"mg": {"type": "object", "value": "[managementGroup()]"}}}
    body = {"location": "westeurope", "properties": {"mode": "Incremental", "template": template}}
    result = ops.begin_create_or_update_at_management_group_scope("mg-a", "mg-1", body).result()
    mg = result.properties.outputs["mg"]["value"]
    assert (mg["id"], mg["type"]) == (f"{MG}/mg-a", "/providers/Microsoft.Management/managementGroups")
    assert [d.name for d in ops.list_at_management_group_scope("mg-a")] == ["mg-1"]
    with pytest.raises(HttpResponseError) as info:
        ops.begin_create_or_update_at_management_group_scope(
            "mg-a", "mg-2", {"properties": {"mode": "Incremental", "template": template}}).result()
    assert info.value.error.code == "LocationRequired"
