"""What-if and complete mode through the real SDK: NoChange, Modify with deltas, Create, Delete, Ignore."""

from __future__ import annotations

import pytest

from tests.integration.support import changes_by_type, deploy, load_fixture, what_if

pytestmark = pytest.mark.integration


@pytest.fixture
def deployed(emulator):
    emulator.resources().resource_groups.create_or_update("rg-wi", {"location": "westeurope"})
    template = load_fixture("shared.json")
    deploy(emulator, "rg-wi", "shared", template, env="dev")
    return template


def test_unchanged_redeploy_is_all_no_change(emulator, deployed) -> None:
    result = what_if(emulator, "rg-wi", "shared", deployed, env="dev")
    kinds = changes_by_type(result)
    assert set(kinds) == {"NoChange"}
    assert len(kinds["NoChange"]) == 10
    assert all(not c.delta for c in result.changes)


def test_changed_parameter_is_modify_with_property_delta(emulator, deployed) -> None:
    result = what_if(emulator, "rg-wi", "shared", deployed, env="dev", retentionDays=90, storageSku="Standard_ZRS")
    modified = {c.resource_id.rsplit("/", 2)[-2]: c for c in result.changes if c.change_type == "Modify"}
    assert set(modified) == {"workspaces", "storageAccounts"}
    (retention,) = modified["workspaces"].delta
    assert (retention.path, retention.property_change_type, retention.before, retention.after) == \
        ("properties.retentionInDays", "Modify", 30, 90)
    (sku,) = modified["storageAccounts"].delta
    assert (sku.path, sku.before, sku.after) == ("sku.name", "Standard_LRS", "Standard_ZRS")
    assert modified["workspaces"].before["properties"]["retentionInDays"] == 30


def test_new_array_element_and_new_resources(emulator, deployed) -> None:
    result = what_if(emulator, "rg-wi", "shared", deployed, env="dev", containers=["datasets", "results", "metrics"])
    assert changes_by_type(result)["Create"] == ["metrics"]
    deployed["resources"][0]["properties"]["features"] = {"disableLocalAuth": True}
    deployed["resources"][2]["properties"]["networkAcls"] = {"ipRules": [{"value": "1.2.3.4"}]}
    result = what_if(emulator, "rg-wi", "shared", deployed, env="dev")
    deltas = {d.path: d for c in result.changes for d in (c.delta or [])}
    assert deltas["properties.features"].property_change_type == "Create"
    assert deltas["properties.networkAcls"].after == {"ipRules": [{"value": "1.2.3.4"}]}


def test_array_delta_has_children(emulator) -> None:
    emulator.resources().resource_groups.create_or_update("rg-arr", {"location": "westeurope"})
    template = load_fixture("shared.json")
    template["resources"][2]["properties"]["networkAcls"] = {"defaultAction": "Deny",
                                                             "ipRules": [{"value": "1.1.1.1"}, {"value": "2.2.2.2"}]}
    deploy(emulator, "rg-arr", "shared", template, env="dev")
    template["resources"][2]["properties"]["networkAcls"]["ipRules"] = [{"value": "1.1.1.1"}, {"value": "3.3.3.3"},
                                                                        {"value": "4.4.4.4"}]
    result = what_if(emulator, "rg-arr", "shared", template, env="dev")
    (array,) = [d for c in result.changes for d in (c.delta or [])]
    assert (array.path, array.property_change_type) == ("properties.networkAcls.ipRules", "Array")
    assert [(ch.path, ch.property_change_type) for ch in array.children] == [("1", "Modify"), ("2", "Create")]


def test_complete_mode_deletes_what_the_template_no_longer_lists(emulator, deployed) -> None:
    staging = [c.resource_id for c in what_if(emulator, "rg-wi", "shared", deployed, env="dev").changes
               if "staging" in c.resource_id][0]
    incremental = what_if(emulator, "rg-wi", "shared", deployed, env="dev", includeStaging=False)
    assert changes_by_type(incremental)["Ignore"] == [staging.rsplit("/", 1)[-1]]
    complete = what_if(emulator, "rg-wi", "shared", deployed, "Complete", env="dev", includeStaging=False)
    assert changes_by_type(complete)["Delete"] == [staging.rsplit("/", 1)[-1]]
    rc = emulator.resources()
    deploy(emulator, "rg-wi", "shared", deployed, env="dev", includeStaging=False)  # incremental keeps it
    assert rc.resources.check_existence_by_id(staging, api_version="2023-07-01")
    deploy(emulator, "rg-wi", "shared", deployed, "Complete", env="dev", includeStaging=False)
    assert not rc.resources.check_existence_by_id(staging, api_version="2023-07-01")
    names = {r.name for r in rc.resources.list_by_resource_group("rg-wi")}
    assert len(names) == 8  # 10 listed in the template, minus staging, minus the (unlisted) role assignment
    ops = emulator.deployments().deployment_operations.list("rg-wi", "shared")
    assert [o.properties.target_resource.id for o in ops if o.properties.provisioning_operation == "Delete"] == \
        [staging]


def test_result_format_resource_id_only(emulator, deployed) -> None:
    dc = emulator.deployments()
    request = {"properties": {"mode": "Incremental", "template": deployed,
                              "parameters": {"env": {"value": "dev"}},
                              "whatIfSettings": {"resultFormat": "ResourceIdOnly"}}}
    result = dc.deployments.begin_what_if("rg-wi", "shared", request).result()
    assert all(c.after is None and c.before is None for c in result.changes)
    assert len(result.changes) == 10


def test_deploy_when_new_values_depend_on_resources_not_yet_created(emulator, deployed) -> None:
    deployed["resources"].append({"type": "Microsoft.ManagedIdentity/userAssignedIdentities",
                                  "apiVersion": "2023-01-31", "name": "id-new", "location": "westeurope"})
    storage = deployed["resources"][2]
    storage["tags"] = {"reader": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', "
                                 "'id-new'), '2023-01-31').principalId]"}
    storage["dependsOn"] = ["[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-new')]"]
    kinds = changes_by_type(what_if(emulator, "rg-wi", "shared", deployed, env="dev"))
    assert kinds["Create"] == ["id-new"]
    assert len(kinds["Deploy"]) == 1 and kinds["Deploy"][0].startswith("stmlpdata")


def test_setting_a_read_only_property_has_no_effect(emulator, deployed) -> None:
    deployed["resources"][6]["properties"]["loginServer"] = "elsewhere.azurecr.io"
    result = what_if(emulator, "rg-wi", "shared", deployed, env="dev")
    (registry,) = [c for c in result.changes if c.delta]
    assert registry.change_type == "NoChange"
    (effect,) = registry.delta
    assert (effect.path, effect.property_change_type, effect.after) == \
        ("properties.loginServer", "NoEffect", "elsewhere.azurecr.io")
    assert effect.before.endswith(".azurecr.io")


def test_unevaluable_resource_is_unsupported_not_no_change(emulator, deployed) -> None:
    deployed["resources"][5]["tags"] = {"elsewhere": "[reference(resourceId('Microsoft.ManagedIdentity/"
                                                     "userAssignedIdentities', 'id-absent'), '2023-01-31').clientId]"}
    result = what_if(emulator, "rg-wi", "shared", deployed, env="dev")
    (unsupported,) = [c for c in result.changes if c.change_type == "Unsupported"]
    assert unsupported.resource_id.endswith("/id-mlp-compute-dev")
    assert "id-absent" in unsupported.unsupported_reason


def test_unevaluable_nested_deployment_is_unsupported_not_a_500(emulator, deployed) -> None:
    """A nested deployment whose parameters read a resource that does not exist yet: what-if still answers."""
    deployed["resources"].append({
        "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "nested-absent",
        "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                       "parameters": {"clientId": {"value": "[reference(resourceId('Microsoft.ManagedIdentity/"
                                                            "userAssignedIdentities', 'id-absent'), "
                                                            "'2023-01-31').clientId]"}},
                       "template": {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                               "deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                                    "parameters": {"clientId": {"type": "string"}}, "resources": []}}})
    result = what_if(emulator, "rg-wi", "shared", deployed, env="dev")
    (unsupported,) = [c for c in result.changes if c.change_type == "Unsupported"]
    assert unsupported.resource_id.endswith("/deployments/nested-absent")
    assert "id-absent" in unsupported.unsupported_reason
    assert {c.change_type for c in result.changes} == {"NoChange", "Unsupported"}
