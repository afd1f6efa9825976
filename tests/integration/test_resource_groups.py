"""Resource groups and generic resources through the real ResourceManagementClient over HTTPS."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

pytestmark = pytest.mark.integration

SA_API = "2023-05-01"


def test_group_create_get_head_list(emulator) -> None:
    rc = emulator.resources()
    created = rc.resource_groups.create_or_update("rg-one", {"location": "westeurope", "tags": {"env": "dev"}})
    assert created.id.endswith("/resourceGroups/rg-one")
    assert created.properties.provisioning_state == "Succeeded"
    assert rc.resource_groups.get("rg-one").tags == {"env": "dev"}
    assert rc.resource_groups.check_existence("rg-one") is True
    assert rc.resource_groups.check_existence("rg-none") is False
    rc.resource_groups.create_or_update("rg-two", {"location": "westeurope"})
    assert sorted(g.name for g in rc.resource_groups.list()) == ["rg-one", "rg-two"]


def test_group_location_cannot_change(emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-loc", {"location": "westeurope"})
    with pytest.raises(HttpResponseError) as err:
        rc.resource_groups.create_or_update("rg-loc", {"location": "northeurope"})
    assert err.value.error.code == "InvalidResourceGroupLocation"


def test_missing_group_is_404(emulator) -> None:
    with pytest.raises(ResourceNotFoundError) as err:
        emulator.resources().resource_groups.get("nope")
    assert err.value.error.code == "ResourceGroupNotFound"


def test_generic_resource_put_get_list_delete(emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-res", {"location": "westeurope"})
    sa_id = (f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-res/providers/"
             "Microsoft.Storage/storageAccounts/stgenericres01")
    body = {"location": "westeurope", "sku": {"name": "Standard_LRS"}, "kind": "StorageV2",
            "properties": {"minimumTlsVersion": "TLS1_2"}}
    rc.resources.begin_create_or_update_by_id(sa_id, body, api_version=SA_API).result()
    got = rc.resources.get_by_id(sa_id, api_version=SA_API)
    assert got.properties["primaryEndpoints"]["blob"] == "https://stgenericres01.blob.core.windows.net/"
    assert got.properties["minimumTlsVersion"] == "TLS1_2"
    assert [r.name for r in rc.resources.list_by_resource_group("rg-res")] == ["stgenericres01"]
    rc.resources.begin_delete_by_id(sa_id, api_version=SA_API).result()
    assert list(rc.resources.list_by_resource_group("rg-res")) == []


def test_delete_group_deletes_its_resources(emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-del", {"location": "westeurope"})
    identity_id = (f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-del/providers/"
                   "Microsoft.ManagedIdentity/userAssignedIdentities/id-compute")
    rc.resources.begin_create_or_update_by_id(identity_id, {"location": "westeurope"},
                                              api_version="2023-01-31").result()
    rc.resource_groups.begin_delete("rg-del").result()
    assert rc.resource_groups.check_existence("rg-del") is False
    rc.resource_groups.create_or_update("rg-del", {"location": "westeurope"})
    assert list(rc.resources.list_by_resource_group("rg-del")) == []


def test_child_resource_needs_its_parent(emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-child", {"location": "westeurope"})
    container = (f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-child/providers/"
                 "Microsoft.Storage/storageAccounts/stmissing01/blobServices/default/containers/data")
    with pytest.raises(HttpResponseError) as err:
        rc.resources.begin_create_or_update_by_id(container, {"properties": {}}, api_version=SA_API).result()
    assert err.value.error.code == "ParentResourceNotFound"


def test_subscription_resource_list_and_providers(emulator) -> None:
    rc = emulator.resources()
    for group in ("rg-s1", "rg-s2"):
        rc.resource_groups.create_or_update(group, {"location": "westeurope"})
        rc.resources.begin_create_or_update_by_id(
            f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/{group}/providers/"
            f"Microsoft.ManagedIdentity/userAssignedIdentities/id-{group}", {"location": "westeurope"},
            api_version="2023-01-31").result()
    assert sorted(r.name for r in rc.resources.list()) == ["id-rg-s1", "id-rg-s2"]
    storage = rc.providers.get("microsoft.storage")
    assert storage.registration_state == "Registered"
    assert "2023-05-01" in next(t.api_versions for t in storage.resource_types if t.resource_type == "storageAccounts")
    assert "Microsoft.MachineLearningServices" in {p.namespace for p in rc.providers.list()}


def test_provider_listings_offer_the_versions_armgen_deploys_with(emulator) -> None:
    """ARM lists every API version it serves: the emulator's listing and its api-version check agree."""
    from armgen.catalog import API_VERSIONS

    rc = emulator.resources()
    for rtype, version in API_VERSIONS.items():
        namespace, name = rtype.split("/", 1)
        listed = {t.resource_type.lower(): t.api_versions for t in rc.providers.get(namespace).resource_types}
        assert version in listed[name.lower()], (rtype, version, listed.get(name.lower()))
        assert listed[name.lower()] == sorted(listed[name.lower()], reverse=True)


def test_provider_listings_show_exactly_what_the_api_version_check_accepts(emulator) -> None:
    from armgen.emulator.models.providers import KNOWN, offered_versions

    rc = emulator.resources()
    for namespace, types in KNOWN.items():
        listed = {t.resource_type: t.api_versions for t in rc.providers.get(namespace).resource_types}
        assert set(listed) == set(types)
        for rtype, versions in listed.items():
            assert versions == offered_versions(f"{namespace}/{rtype}"), (namespace, rtype)


def test_key_vault_secret_value_is_write_only(emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-kv", {"location": "westeurope"})
    vault = (f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-kv/providers/"
             "Microsoft.KeyVault/vaults/kv-secret-test")
    rc.resources.begin_create_or_update_by_id(vault, {"location": "westeurope", "properties": {
        "tenantId": "00000000-0000-0000-0000-000000000000", "sku": {"family": "A", "name": "standard"}}},
        api_version="2023-07-01").result()
    secret = rc.resources.begin_create_or_update_by_id(f"{vault}/secrets/db-password",
                                                       {"properties": {"value": "s3cret"}},
                                                       api_version="2023-07-01").result()
    assert "value" not in secret.properties
    assert secret.properties["secretUri"] == "https://kv-secret-test.vault.azure.net/secrets/db-password"
