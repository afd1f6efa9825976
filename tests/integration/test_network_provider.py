"""The emulator's Microsoft.Network: endpoints, zone groups writing A records, and Azure's refusals with
Azure's codes, through the real SDK."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError

pytestmark = pytest.mark.integration

NET, DNS, ACR, ST, ML = "2025-07-01", "2024-06-01", "2025-11-01", "2025-08-01", "2025-12-01"
LOC = "westeurope"


@pytest.fixture
def rc(emulator):
    client = emulator.resources()
    client.resource_groups.create_or_update("rg-net", {"location": LOC})
    return client


@pytest.fixture
def base(emulator) -> str:
    return f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-net/providers"


def _put(rc, rid: str, payload: dict, api: str):
    return rc.resources.begin_create_or_update_by_id(rid, payload, api_version=api).result()


def _refused(rc, rid: str, payload: dict, api: str) -> HttpResponseError:
    with pytest.raises(HttpResponseError) as caught:
        _put(rc, rid, payload, api)
    return caught.value


def _vnet(*subnets: tuple[str, str]) -> dict:
    return {"location": LOC, "properties": {"addressSpace": {"addressPrefixes": ["10.1.0.0/16"]},
                                            "subnets": [{"name": n, "properties": {"addressPrefix": p}}
                                                        for n, p in subnets]}}


def _endpoint(subnet_id: str, target_id: str, group: str) -> dict:
    return {"location": LOC, "properties": {"subnet": {"id": subnet_id}, "privateLinkServiceConnections": [
        {"name": "c", "properties": {"privateLinkServiceId": target_id, "groupIds": [group]}}]}}


def _storage(rc, base: str) -> str:
    rid = f"{base}/Microsoft.Storage/storageAccounts/stnettest"
    _put(rc, rid, {"location": LOC, "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "properties": {}}, ST)
    return rid


def _network(rc, base: str) -> str:
    vnet = f"{base}/Microsoft.Network/virtualNetworks/vnet-test"
    _put(rc, vnet, _vnet(("snet-pe", "10.1.0.0/24"), ("snet-compute", "10.1.4.0/22")), NET)
    return vnet


def test_zone_group_writes_a_records_and_deleting_the_endpoint_removes_them(rc, base) -> None:
    vnet, storage = _network(rc, base), _storage(rc, base)
    zone = f"{base}/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"
    _put(rc, zone, {"location": "global", "properties": {}}, DNS)
    pe = f"{base}/Microsoft.Network/privateEndpoints/pe-blob"
    created = _put(rc, pe, _endpoint(f"{vnet}/subnets/snet-pe", storage, "blob"), NET)
    conn = created.properties["privateLinkServiceConnections"][0]["properties"]
    assert conn["privateLinkServiceConnectionState"]["status"] == "Approved"
    assert created.properties["customDnsConfigs"] == [{"fqdn": "stnettest.blob.core.windows.net",
                                                       "ipAddresses": ["10.1.0.4"]}]
    _put(rc, f"{pe}/privateDnsZoneGroups/default", {"properties": {"privateDnsZoneConfigs": [
        {"name": "blob", "properties": {"privateDnsZoneId": zone}}]}}, NET)
    record = rc.resources.get_by_id(f"{zone}/A/stnettest", api_version=DNS)
    assert record.properties["aRecords"] == [{"ipv4Address": "10.1.0.4"}]
    rc.resources.begin_delete_by_id(pe, api_version=NET).result()
    assert not rc.resources.check_existence_by_id(f"{zone}/A/stnettest", api_version=DNS)
    rc.resources.begin_delete_by_id(vnet, api_version=NET).result()  # nothing uses the subnet any more


def test_deleting_a_subnet_in_use_is_refused(rc, base) -> None:
    vnet, storage = _network(rc, base), _storage(rc, base)
    _put(rc, f"{base}/Microsoft.Network/privateEndpoints/pe-blob", _endpoint(f"{vnet}/subnets/snet-pe", storage,
                                                                              "blob"), NET)
    with pytest.raises(HttpResponseError) as caught:
        rc.resources.begin_delete_by_id(vnet, api_version=NET).result()
    assert caught.value.error.code == "InUseSubnetCannotBeDeleted"
    dropped = _refused(rc, vnet, _vnet(("snet-compute", "10.1.4.0/22")), NET)  # a re-PUT without the subnet
    assert dropped.error.code == "InUseSubnetCannotBeDeleted"
    assert "Subnet snet-pe is in use by" in dropped.error.message


def test_overlapping_subnet_prefixes_are_refused(rc, base) -> None:
    error = _refused(rc, f"{base}/Microsoft.Network/virtualNetworks/vnet-x",
                     _vnet(("a", "10.1.0.0/23"), ("b", "10.1.1.0/24")), NET)
    assert error.error.code == "NetcfgSubnetRangesOverlap"
    assert "'b' is not valid because its IP address range overlaps with that of an existing subnet 'a'" \
        in error.error.message


def test_a_group_id_the_target_does_not_offer_is_refused(rc, base) -> None:
    vnet, storage = _network(rc, base), _storage(rc, base)
    error = _refused(rc, f"{base}/Microsoft.Network/privateEndpoints/pe-x",
                     _endpoint(f"{vnet}/subnets/snet-pe", storage, "vault"), NET)
    assert error.error.code == "InvalidValuesForRequestParameters"
    assert "Values for request parameters are invalid: GroupId: vault" in error.error.message


def test_registry_below_premium_cannot_go_private(rc, base) -> None:
    registry = f"{base}/Microsoft.ContainerRegistry/registries/crnettest"
    closed = _refused(rc, registry, {"location": LOC, "sku": {"name": "Standard"},
                                     "properties": {"publicNetworkAccess": "Disabled"}}, ACR)
    assert closed.error.code == "DisablingPublicNetworkAccessNotSupported"
    _put(rc, registry, {"location": LOC, "sku": {"name": "Standard"}, "properties": {}}, ACR)
    vnet = _network(rc, base)
    endpoint = _refused(rc, f"{base}/Microsoft.Network/privateEndpoints/pe-cr",
                        _endpoint(f"{vnet}/subnets/snet-pe", registry, "registry"), NET)
    assert endpoint.error.code == "PrivateEndpointConnectionNotSupported"
    assert "not supported for the SKU Standard" in endpoint.error.message


def test_a_second_link_of_a_zone_to_the_same_network_is_refused(rc, base) -> None:
    vnet = _network(rc, base)
    zone = f"{base}/Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"
    _put(rc, zone, {"location": "global", "properties": {}}, DNS)
    link = {"location": "global", "properties": {"virtualNetwork": {"id": vnet}, "registrationEnabled": False}}
    _put(rc, f"{zone}/virtualNetworkLinks/first", link, DNS)
    _put(rc, f"{zone}/virtualNetworkLinks/first", link, DNS)  # the same link again is an update
    error = _refused(rc, f"{zone}/virtualNetworkLinks/second", link, DNS)
    assert (error.status_code, error.error.code) == (409, "Conflict")
    assert "is already linked to the virtual network" in error.error.message


def test_managed_network_cannot_go_back_to_internet_outbound(rc, base) -> None:
    workspace = f"{base}/Microsoft.MachineLearningServices/workspaces/mlw-net"
    body = {"location": LOC, "sku": {"name": "Basic"}, "identity": {"type": "SystemAssigned"},
            "properties": {"managedNetwork": {"isolationMode": "AllowOnlyApprovedOutbound"}}}
    _put(rc, workspace, body, ML)
    body["properties"]["managedNetwork"]["isolationMode"] = "AllowInternetOutbound"
    error = _refused(rc, workspace, body, ML)
    assert error.error.code == "UserError"
    assert "AllowOnlyApprovedOutbound and cannot be changed to AllowInternetOutbound" in error.error.message
    fqdn = {"location": LOC, "sku": {"name": "Basic"}, "identity": {"type": "SystemAssigned"}, "properties": {
        "managedNetwork": {"isolationMode": "AllowInternetOutbound", "outboundRules": {
            "pypi": {"type": "FQDN", "destination": "pypi.org", "category": "UserDefined"}}}}}
    rules = _refused(rc, f"{base}/Microsoft.MachineLearningServices/workspaces/mlw-other", fqdn, ML)
    assert rules.error.code == "UserError" and "Only 'PrivateEndpoint' outbound rules" in rules.error.message


def _scope_with_workspace(rc, base: str) -> tuple[str, str]:
    workspace = f"{base}/Microsoft.OperationalInsights/workspaces/log-net"
    _put(rc, workspace, {"location": LOC, "properties": {"sku": {"name": "PerGB2018"}}}, "2025-07-01")
    scope = f"{base}/Microsoft.Insights/privateLinkScopes/ampls-net"
    _put(rc, scope, {"location": "global", "properties": {"accessModeSettings": {
        "ingestionAccessMode": "PrivateOnly", "queryAccessMode": "PrivateOnly"}}}, "2021-09-01")
    _put(rc, f"{scope}/scopedResources/log-net-connection", {"properties": {"linkedResourceId": workspace}},
         "2021-09-01")
    return scope, workspace


def test_a_monitor_scope_offers_only_azuremonitor_and_its_endpoint_serves_the_scoped_workspace(rc, base) -> None:
    scope, workspace = _scope_with_workspace(rc, base)
    vnet = _network(rc, base)
    error = _refused(rc, f"{base}/Microsoft.Network/privateEndpoints/pe-x",
                     _endpoint(f"{vnet}/subnets/snet-pe", scope, "blob"), NET)
    assert error.error.code == "InvalidValuesForRequestParameters"
    pe = _put(rc, f"{base}/Microsoft.Network/privateEndpoints/pe-ampls",
              _endpoint(f"{vnet}/subnets/snet-pe", scope, "azuremonitor"), NET)
    customer = rc.resources.get_by_id(workspace, api_version="2025-07-01").properties["customerId"]
    assert {c["fqdn"] for c in pe.properties["customDnsConfigs"]} >= {
        "api.monitor.azure.com", f"{customer}.oms.opinsights.azure.com", f"{customer}.ods.opinsights.azure.com",
        f"{customer}.agentsvc.azure-automation.net", "scadvisorcontentpl.blob.core.windows.net"}


def test_a_scoped_workspace_cannot_be_deleted_until_it_leaves_the_scope(rc, base) -> None:
    scope, workspace = _scope_with_workspace(rc, base)
    with pytest.raises(HttpResponseError) as refused:
        rc.resources.begin_delete_by_id(workspace, api_version="2025-07-01").result()
    assert refused.value.status_code == 409 and refused.value.error.code == "Conflict"
    assert "ampls-net" in refused.value.error.message
    rc.resources.begin_delete_by_id(f"{scope}/scopedResources/log-net-connection", api_version="2021-09-01").result()
    rc.resources.begin_delete_by_id(workspace, api_version="2025-07-01").result()
    assert not rc.resources.check_existence_by_id(workspace, api_version="2025-07-01")


def test_a_subnet_outside_the_address_space_is_refused(rc, base) -> None:
    error = _refused(rc, f"{base}/Microsoft.Network/virtualNetworks/vnet-x", _vnet(("a", "10.2.0.0/24")), NET)
    assert error.error.code == "NetcfgInvalidSubnet"
    assert "Subnet 'a' is not valid in virtual network 'vnet-x'" in error.error.message


def test_two_group_ids_on_one_connection_are_refused(rc, base) -> None:
    vnet, storage = _network(rc, base), _storage(rc, base)
    body = _endpoint(f"{vnet}/subnets/snet-pe", storage, "blob")
    body["properties"]["privateLinkServiceConnections"][0]["properties"]["groupIds"] = ["blob", "file"]
    error = _refused(rc, f"{base}/Microsoft.Network/privateEndpoints/pe-two", body, NET)
    assert error.error.code == "OnlyOneGroupIdPermitted"


@pytest.mark.parametrize("missing", ["subnet", "target", "zone"])
def test_an_endpoint_or_zone_group_naming_what_does_not_exist_is_refused(rc, base, missing: str) -> None:
    vnet, storage = _network(rc, base), _storage(rc, base)
    subnet = f"{vnet}/subnets/snet-none" if missing == "subnet" else f"{vnet}/subnets/snet-pe"
    target = f"{base}/Microsoft.Storage/storageAccounts/stnone" if missing == "target" else storage
    pe = f"{base}/Microsoft.Network/privateEndpoints/pe-ref"
    if missing != "zone":
        error = _refused(rc, pe, _endpoint(subnet, target, "blob"), NET)
        assert error.error.code == "InvalidResourceReference"
        assert (subnet if missing == "subnet" else target) in error.error.message
        return
    _put(rc, pe, _endpoint(subnet, target, "blob"), NET)
    zone = f"{base}/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net"
    error = _refused(rc, f"{pe}/privateDnsZoneGroups/default", {"properties": {"privateDnsZoneConfigs": [
        {"name": "blob", "properties": {"privateDnsZoneId": zone}}]}}, NET)
    assert error.error.code == "InvalidResourceReference" and zone in error.error.message
