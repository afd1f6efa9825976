"""Deployment stacks in the emulator through the real azure-mgmt-resource-deploymentstacks SDK."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError

pytestmark = pytest.mark.integration
SUB = "00000000-0000-0000-0000-000000000001"
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def identities(*names: str) -> dict:
    return {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": [
        {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2024-11-30", "name": f"id-{n}",
         "location": "westeurope"} for n in names],
        "outputs": {"count": {"type": "int", "value": len(names)}}}


def body(template: dict, resources: str = "detach", deny: str = "none", **extra) -> dict:
    return {"tags": {"armgenUnit": "u"}, "properties": {
        "template": template, "parameters": {}, "actionOnUnmanage": {"resources": resources, "resourceGroups": resources},
        "denySettings": {"mode": deny, "excludedPrincipals": extra.pop("excluded", []), "applyToChildScopes": False},
        **extra}}


def rid(name: str, group: str = "rg-stack") -> str:
    return (f"/subscriptions/{SUB}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/"
            f"userAssignedIdentities/id-{name}")


@pytest.fixture
def group(emulator) -> str:
    emulator.resources().resource_groups.create_or_update("rg-stack", {"location": "westeurope"})
    return "rg-stack"


def test_create_get_list_export_and_unmanage_by_detach_or_delete(emulator, group) -> None:
    sc, rc = emulator.stacks(), emulator.resources()
    ops = sc.deployment_stacks
    stack = ops.begin_create_or_update_at_resource_group(group, "s1", body(identities("a", "b", "c"))).result()
    assert stack.properties.provisioning_state == "succeeded"
    assert sorted(r.id.rsplit("/", 1)[-1] for r in stack.properties.resources) == ["id-a", "id-b", "id-c"]
    assert {r.status for r in stack.properties.resources} == {"managed"}
    assert stack.properties.outputs["count"]["value"] == 3
    assert [s.name for s in ops.list_at_resource_group(group)] == ["s1"]
    assert ops.export_template_at_resource_group(group, "s1").template["resources"][0]["name"] == "id-a"
    again = ops.begin_create_or_update_at_resource_group(group, "s1", body(identities("a", "b"))).result()
    assert [r.id for r in again.properties.detached_resources] == [rid("c")]  # detach keeps it
    assert rc.resources.check_existence_by_id(rid("c"), api_version="2024-11-30")
    third = ops.begin_create_or_update_at_resource_group(group, "s1", body(identities("a"), "delete")).result()
    assert [r.id for r in third.properties.deleted_resources] == [rid("b")]
    assert not rc.resources.check_existence_by_id(rid("b"), api_version="2024-11-30")
    ops.begin_delete_at_resource_group(group, "s1", unmanage_action_resources="delete").result()
    assert not rc.resources.check_existence_by_id(rid("a"), api_version="2024-11-30")
    assert list(ops.list_at_resource_group(group)) == []


def test_validate_and_refusals(emulator, group) -> None:
    ops = emulator.stacks().deployment_stacks
    result = ops.begin_validate_stack_at_resource_group(group, "s2", body(identities("v"))).result()
    assert [r.id for r in result.properties.validated_resources] == [rid("v")]
    bad = body(identities("v"))
    del bad["properties"]["actionOnUnmanage"]
    with pytest.raises(HttpResponseError) as err:
        ops.begin_create_or_update_at_resource_group(group, "s2", bad)
    assert err.value.error.code == "InvalidRequestContent"
    with pytest.raises(HttpResponseError) as err:
        ops.begin_create_or_update_at_subscription("s3", body(identities()))
    assert err.value.error.code == "LocationRequired"
    with pytest.raises(HttpResponseError) as err:
        ops.get_at_resource_group(group, "nope")
    assert err.value.error.code == "DeploymentStackNotFound"


def test_subscription_stack_manages_resource_groups(emulator) -> None:
    ops, rc = emulator.stacks().deployment_stacks, emulator.resources()
    groups = {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
              "contentVersion": "1.0.0.0", "resources": [
                  {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2025-04-01", "name": n,
                   "location": "westeurope"} for n in ("rg-s-a", "rg-s-b")]}
    stack = ops.begin_create_or_update_at_subscription("groups", dict(body(groups), location="westeurope")).result()
    assert len(stack.properties.resources) == 2
    groups["resources"].pop()
    again = ops.begin_create_or_update_at_subscription("groups", dict(body(groups, "delete"),
                                                                      location="westeurope")).result()
    assert [r.id.rsplit("/", 1)[-1] for r in again.properties.deleted_resources] == ["rg-s-b"]
    assert not rc.resource_groups.check_existence("rg-s-b")
    assert [s.name for s in ops.list_at_subscription()] == ["groups"]


def test_deny_settings_refuse_out_of_band_writes_and_deletes(emulator, group) -> None:
    ops, rc = emulator.stacks().deployment_stacks, emulator.resources()
    stack = ops.begin_create_or_update_at_resource_group(group, "locked", body(identities("d"), deny="denyWriteAndDelete")
                                                         ).result()
    assert stack.properties.resources[0].deny_status == "denyWriteAndDelete"
    with pytest.raises(HttpResponseError) as err:
        rc.resources.begin_create_or_update_by_id(rid("d"), {"location": "westeurope", "tags": {"x": "y"}},
                                                  api_version="2024-11-30")
    assert err.value.status_code == 403 and err.value.error.code == "DenyAssignmentAuthorizationFailed"
    with pytest.raises(HttpResponseError) as err:
        rc.resources.begin_delete_by_id(rid("d"), api_version="2024-11-30")
    assert err.value.error.code == "DenyAssignmentAuthorizationFailed"
    # the stack itself may still change what it manages
    ops.begin_create_or_update_at_resource_group(group, "locked", body(identities("d", "e"), deny="denyWriteAndDelete")
                                                 ).result()
    caller = emulator.server.app.config.caller_principal_id
    ops.begin_create_or_update_at_resource_group(group, "locked", body(identities("d", "e"), deny="denyDelete",
                                                                       excluded=[caller])).result()
    rc.resources.begin_create_or_update_by_id(rid("d"), {"location": "westeurope", "tags": {"x": "y"}},
                                              api_version="2024-11-30").result()  # excluded principal


def test_a_lock_refuses_deletes_with_scope_locked(emulator, group) -> None:
    rc = emulator.resources()
    rc.resources.begin_create_or_update_by_id(rid("l"), {"location": "westeurope"}, api_version="2024-11-30").result()
    lock = f"/subscriptions/{SUB}/resourceGroups/{group}/providers/Microsoft.Authorization/locks/keep"
    rc.resources.begin_create_or_update_by_id(lock, {"properties": {"level": "CanNotDelete"}},
                                              api_version="2020-05-01").result()
    with pytest.raises(HttpResponseError) as err:
        rc.resources.begin_delete_by_id(rid("l"), api_version="2024-11-30").result()
    assert err.value.status_code == 409 and err.value.error.code == "ScopeLocked"
    with pytest.raises(HttpResponseError) as err:
        rc.resource_groups.begin_delete(group).result()
    assert err.value.error.code == "ScopeLocked"
    rc.resources.begin_delete_by_id(lock, api_version="2020-05-01").result()
    rc.resource_groups.begin_delete(group).result()
