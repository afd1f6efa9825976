"""Azure's sharp edges (AZURE-PITFALLS.md), reproduced with Azure's error codes through the real SDK."""

from __future__ import annotations

import uuid

import pytest
from azure.core.exceptions import HttpResponseError
from azure.core.rest import HttpRequest

from tests.integration.support import body, deploy, load_fixture

pytestmark = pytest.mark.integration

SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6"
KV_API = "2023-07-01"


def _ids(emulator, group: str) -> dict[str, str]:
    base = f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/{group}/providers"
    return {"vault": f"{base}/Microsoft.KeyVault/vaults/kv-pitfalls-01",
            "identity": f"{base}/Microsoft.ManagedIdentity/userAssignedIdentities/id-pitfalls",
            "role": f"/subscriptions/{emulator.endpoint.subscription_id}/providers/Microsoft.Authorization/"
                    f"roleDefinitions/{SECRETS_USER}"}


def _vault_body(**props) -> dict:
    return {"location": "westeurope", "properties": {"tenantId": str(uuid.UUID(int=0)),
                                                     "sku": {"family": "A", "name": "standard"},
                                                     "enableRbacAuthorization": True, **props}}


@pytest.fixture
def rc(emulator):
    client = emulator.resources()
    client.resource_groups.create_or_update("rg-pit", {"location": "westeurope"})
    return client


def _put(rc, rid: str, payload: dict, api: str):
    return rc.resources.begin_create_or_update_by_id(rid, payload, api_version=api).result()


def test_role_assignment_exists_under_another_name(emulator, rc) -> None:
    ids = _ids(emulator, "rg-pit")
    _put(rc, ids["vault"], _vault_body(), KV_API)
    principal = _put(rc, ids["identity"], {"location": "westeurope"}, "2023-01-31").properties["principalId"]
    assignment = {"properties": {"roleDefinitionId": ids["role"], "principalId": principal,
                                 "principalType": "ServicePrincipal"}}
    first = f"{ids['vault']}/providers/Microsoft.Authorization/roleAssignments/{uuid.uuid4()}"
    _put(rc, first, assignment, "2022-04-01")
    _put(rc, first, assignment, "2022-04-01")  # the same name again is an idempotent no-op
    with pytest.raises(HttpResponseError) as err:
        _put(rc, f"{ids['vault']}/providers/Microsoft.Authorization/roleAssignments/{uuid.uuid4()}", assignment,
             "2022-04-01")
    assert err.value.status_code == 409
    assert err.value.error.code == "RoleAssignmentExists"
    assert first.rsplit("/", 1)[-1].replace("-", "") in err.value.error.message
    changed = {"properties": dict(assignment["properties"], principalId=str(uuid.uuid4()))}
    with pytest.raises(HttpResponseError) as err:
        _put(rc, first, changed, "2022-04-01")
    assert err.value.error.code == "RoleAssignmentUpdateNotPermitted"


def test_new_principal_not_found_without_principal_type(emulator, rc) -> None:
    emulator.configure(principal_delay_seconds=60)
    ids = _ids(emulator, "rg-pit")
    _put(rc, ids["vault"], _vault_body(), KV_API)
    principal = _put(rc, ids["identity"], {"location": "westeurope"}, "2023-01-31").properties["principalId"]
    target = f"{ids['vault']}/providers/Microsoft.Authorization/roleAssignments/{uuid.uuid4()}"
    bare = {"properties": {"roleDefinitionId": ids["role"], "principalId": principal}}
    with pytest.raises(HttpResponseError) as err:
        _put(rc, target, bare, "2022-04-01")
    assert err.value.error.code == "PrincipalNotFound"
    typed = {"properties": dict(bare["properties"], principalType="ServicePrincipal")}
    assert _put(rc, target, typed, "2022-04-01").properties["principalId"] == principal


def test_unknown_role_definition(emulator, rc) -> None:
    ids = _ids(emulator, "rg-pit")
    _put(rc, ids["vault"], _vault_body(), KV_API)
    with pytest.raises(HttpResponseError) as err:
        _put(rc, f"{ids['vault']}/providers/Microsoft.Authorization/roleAssignments/{uuid.uuid4()}",
             {"properties": {"roleDefinitionId": ids["role"].replace(SECRETS_USER, str(uuid.uuid4())),
                             "principalId": str(uuid.uuid4()), "principalType": "Group"}}, "2022-04-01")
    assert err.value.error.code == "RoleDefinitionDoesNotExist"


def test_soft_deleted_key_vault_keeps_its_name_until_recovered_or_purged(emulator, rc) -> None:
    ids = _ids(emulator, "rg-pit")
    _put(rc, ids["vault"], _vault_body(), KV_API)
    rc.resources.begin_delete_by_id(ids["vault"], api_version=KV_API).result()
    with pytest.raises(HttpResponseError) as err:
        _put(rc, ids["vault"], _vault_body(), KV_API)
    assert err.value.error.code == "ConflictError"
    assert "deleted state" in err.value.error.message
    rc.resource_groups.create_or_update("rg-pit-other", {"location": "westeurope"})
    with pytest.raises(HttpResponseError) as err:
        _put(rc, ids["vault"].replace("rg-pit", "rg-pit-other"), _vault_body(), KV_API)
    assert err.value.error.code == "VaultAlreadyExists"
    recovered = _put(rc, ids["vault"], _vault_body(createMode="recover"), KV_API)
    assert recovered.properties["vaultUri"] == "https://kv-pitfalls-01.vault.azure.net/"
    rc.resources.begin_delete_by_id(ids["vault"], api_version=KV_API).result()
    sub = emulator.endpoint.subscription_id
    deleted = rc.resources.get_by_id(f"/subscriptions/{sub}/providers/Microsoft.KeyVault/locations/westeurope/"
                                     "deletedVaults/kv-pitfalls-01", api_version=KV_API)
    assert deleted.properties["vaultId"] == ids["vault"]
    # the purge is a POST that ResourceManagementClient does not model: send it through the client pipeline
    purge = HttpRequest("POST", f"/subscriptions/{sub}/providers/Microsoft.KeyVault/locations/westeurope/"
                                "deletedVaults/kv-pitfalls-01/purge?api-version=2023-07-01")
    assert rc.send_request(purge).status_code == 202
    assert _put(rc, ids["vault"].replace("rg-pit", "rg-pit-other"), _vault_body(), KV_API).name == "kv-pitfalls-01"


def test_purge_protection_refuses_purge(emulator, rc) -> None:
    ids = _ids(emulator, "rg-pit")
    _put(rc, ids["vault"], _vault_body(enablePurgeProtection=True), KV_API)
    rc.resources.begin_delete_by_id(ids["vault"], api_version=KV_API).result()
    sub = emulator.endpoint.subscription_id
    response = rc.send_request(HttpRequest(
        "POST", f"/subscriptions/{sub}/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/"
                "kv-pitfalls-01/purge?api-version=2023-07-01"))
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "PurgeProtectionEnabled"


def test_workspace_links_are_immutable_and_soft_delete_blocks_the_name(emulator, rc) -> None:
    shared = deploy(emulator, "rg-pit", "shared", load_fixture("shared.json"), env="dev").properties.outputs
    sub = emulator.endpoint.subscription_id
    base = f"/subscriptions/{sub}/resourceGroups/rg-pit/providers"
    links = {
        "storageAccountId": f"{base}/Microsoft.Storage/storageAccounts/{shared['storageAccountName']['value']}",
        "keyVaultId": shared["vaultUri"]["value"].split("//")[1].split(".")[0],
        "applicationInsightsId": f"{base}/Microsoft.Insights/components/appi-mlp-shared-dev",
        "containerRegistryId": f"{base}/Microsoft.ContainerRegistry/registries/"
                               f"{shared['loginServer']['value'].split('.')[0]}",
        "identityId": shared["identityId"]["value"],
    }
    links["keyVaultId"] = f"{base}/Microsoft.KeyVault/vaults/{links['keyVaultId']}"
    template = load_fixture("workspace.json")
    result = deploy(emulator, "rg-pit", "ws", template, workspaceName="mlw-vision-dev", **links)
    assert result.properties.outputs["discoveryUrl"]["value"] == "https://westeurope.api.azureml.ms/discovery"
    moved = dict(links, storageAccountId=links["storageAccountId"] + "x")
    with pytest.raises(HttpResponseError) as err:
        deploy(emulator, "rg-pit", "ws", template, workspaceName="mlw-vision-dev", **moved)
    assert "Storage Account update is not supported" in str(err.value)
    ws_id = f"{base}/Microsoft.MachineLearningServices/workspaces/mlw-vision-dev"
    rc.resources.begin_delete_by_id(ws_id, api_version="2024-04-01").result()
    with pytest.raises(HttpResponseError) as err:
        deploy(emulator, "rg-pit", "ws2", template, workspaceName="mlw-vision-dev", **links)
    assert "SoftDeletedWorkspaceExists" in str(err.value)


def test_custom_role_name_unique_per_tenant(emulator) -> None:
    dc = emulator.deployments()
    template = load_fixture("subscription.json")
    dc.deployments.begin_create_or_update_at_subscription_scope(
        "roles", body(template, location="westeurope", groupName="rg-roles")).result()
    template["variables"]["roleId"] = str(uuid.uuid4())  # same roleName, another definition id
    with pytest.raises(HttpResponseError) as err:
        dc.deployments.begin_create_or_update_at_subscription_scope(
            "roles", body(template, location="westeurope", groupName="rg-roles")).result()
    assert "RoleDefinitionWithSameNameExists" in str(err.value)


def test_deployment_quota_per_scope(emulator) -> None:
    emulator.configure(deployment_quota=3)
    emulator.resources().resource_groups.create_or_update("rg-quota", {"location": "westeurope"})
    empty = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "resources": []}
    for i in range(3):
        deploy(emulator, "rg-quota", f"d{i}", empty)
    deploy(emulator, "rg-quota", "d0", empty)  # replacing an existing record does not count
    with pytest.raises(HttpResponseError) as err:
        deploy(emulator, "rg-quota", "d3", empty)
    assert err.value.error.code == "DeploymentQuotaExceeded"
    emulator.deployments().deployments.begin_delete("rg-quota", "d0").result()
    deploy(emulator, "rg-quota", "d3", empty)


def test_compute_vm_size_cannot_change_in_place(emulator, rc) -> None:
    sub = emulator.endpoint.subscription_id
    ws = f"/subscriptions/{sub}/resourceGroups/rg-pit/providers/Microsoft.MachineLearningServices/workspaces/mlw-c"
    _put(rc, ws, {"location": "westeurope", "identity": {"type": "SystemAssigned"}, "properties": {}}, "2024-04-01")
    compute = {"location": "westeurope", "properties": {"computeType": "AmlCompute", "properties": {
        "vmSize": "Standard_DS3_v2", "scaleSettings": {"minNodeCount": 0, "maxNodeCount": 2}}}}
    _put(rc, f"{ws}/computes/cpu", compute, "2024-04-01")
    compute["properties"]["properties"]["scaleSettings"]["maxNodeCount"] = 4  # scale settings: fine
    _put(rc, f"{ws}/computes/cpu", compute, "2024-04-01")
    compute["properties"]["properties"]["vmSize"] = "Standard_NC6s_v3"
    with pytest.raises(HttpResponseError) as err:
        _put(rc, f"{ws}/computes/cpu", compute, "2024-04-01")
    assert err.value.error.code == "UserError" and "'vmSize'" in err.value.error.message


def test_tracked_resources_need_a_location(emulator, rc) -> None:
    with pytest.raises(HttpResponseError) as err:
        _put(rc, _ids(emulator, "rg-pit")["identity"], {}, "2023-01-31")
    assert err.value.error.code == "LocationRequired"


def test_subscription_deployment_keeps_its_location(emulator) -> None:
    dc = emulator.deployments()
    empty = {"$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "resources": []}
    dc.deployments.begin_create_or_update_at_subscription_scope("sub-dep", body(empty, location="westeurope")).result()
    with pytest.raises(HttpResponseError) as err:
        dc.deployments.begin_create_or_update_at_subscription_scope("sub-dep", body(empty, location="northeurope"))
    assert err.value.error.code == "InvalidDeploymentLocation"
