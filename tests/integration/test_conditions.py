"""Conditions and `existing` resources through the SDK (Microsoft Learn, conditional-resource-deployment and
existing-resource: a condition-false resource is neither deployed nor evaluated; an `existing` resource is
read, not deployed, and a missing one fails the deployment with ResourceNotFound)."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError

from tests.integration.support import deploy

pytestmark = pytest.mark.integration
SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def _template() -> dict:
    kv_name = "last(split(parameters('cmk').keyVaultResourceId, '/'))"
    return {
        "$schema": SCHEMA, "languageVersion": "2.0", "contentVersion": "1.0.0.0",
        "parameters": {"cmk": {"type": "object", "nullable": True}},
        "resources": {
            "vault": {"condition": "[not(empty(parameters('cmk')))]", "existing": True,
                      "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": f"[{kv_name}]"},
            "identity": {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                         "name": "id-cond", "location": "westeurope",
                         "tags": {"vault": "[if(not(empty(parameters('cmk'))), reference('vault').vaultUri, 'none')]"},
                         "dependsOn": ["vault"]}},
        "outputs": {"vault": {"type": "string", "value": "[reference('identity', '2023-01-31', 'full').tags.vault]"}},
    }


@pytest.fixture
def group(emulator) -> str:
    emulator.resources().resource_groups.create_or_update("rg-cond", {"location": "westeurope"})
    return "rg-cond"


def test_condition_false_existing_resource_is_neither_read_nor_evaluated(emulator, group) -> None:
    result = deploy(emulator, group, "no-cmk", _template())
    assert result.properties.outputs["vault"]["value"] == "none"


def test_existing_resource_that_is_not_there_fails_with_resource_not_found(emulator, group) -> None:
    absent = {"keyVaultResourceId": f"/subscriptions/x/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/kv-absent"}
    with pytest.raises(HttpResponseError):
        deploy(emulator, group, "cmk-absent", _template(), cmk=absent)
    record = emulator.deployments().deployments.get(group, "cmk-absent")
    assert "ResourceNotFound" in str(record.properties.error.as_dict())


def test_existing_resource_that_is_there_is_read(emulator, group) -> None:
    sub = emulator.endpoint.subscription_id
    vault = f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.KeyVault/vaults/kv-cond-01"
    emulator.resources().resources.begin_create_or_update_by_id(vault, {
        "location": "westeurope", "properties": {"tenantId": "00000000-0000-0000-0000-000000000000",
                                                 "sku": {"family": "A", "name": "standard"},
                                                 "enableRbacAuthorization": True}}, api_version="2023-07-01").result()
    result = deploy(emulator, group, "cmk", _template(), cmk={"keyVaultResourceId": vault})
    assert result.properties.outputs["vault"]["value"] == "https://kv-cond-01.vault.azure.net/"
