"""network.monitor: privateLinkScope end to end: an Azure Monitor Private Link Scope with the Log Analytics
workspace and Application Insights scoped, its azuremonitor endpoint writing A records into the five Azure Monitor
zones (created by armgen in int, the hub's in pro), verify, a no-op re-deploy, and destroy in the right order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from azure.core.exceptions import HttpResponseError

from armgen import privatelink as pl
from tests.integration.conftest import HUB_GROUP, HUB_SUB, PRO_SUB, SPOKE_GROUP, network_team_resources
from tests.integration.test_deploy_e2e import approved_deploy, armgen, workdir  # noqa: F401

pytestmark = pytest.mark.integration
NET, DNS, LA = "2025-07-01", "2024-06-01", "2025-07-01"
SCOPE = "2021-09-01"


def _monitor_in_int(workdir: Path) -> None:  # noqa: F811
    spec = workdir / "mlenv.yaml"
    spec.write_text(spec.read_text().replace("        dns: create\n", "        dns: create\n"
                                                                       "        monitor: privateLinkScope\n"))
    assert armgen(workdir, "render").exit_code == 0


def test_int_with_a_scope_and_created_zones_deploys_verifies_redeploys_nothing_and_is_destroyed(
        workdir: Path, emulator) -> None:  # noqa: F811
    _monitor_in_int(workdir)
    first = armgen(workdir, "deploy", "--env", "int", "--format", "json")
    assert first.exit_code == 0, first.output
    units = {u["unit"]: u["result"] for u in json.loads(first.stdout)["units"]}
    assert len(units) == 39 + 6  # the scope, its endpoint and four more zones
    rc = emulator.resources()
    sub = emulator.endpoint.subscription_id
    shared = f"/subscriptions/{sub}/resourceGroups/rg-mlp-shared-int/providers"
    scope = rc.resources.get_by_id(f"{shared}/Microsoft.Insights/privateLinkScopes/ampls-mlp-shared-int",
                                   api_version=SCOPE)
    assert scope.location.lower() == "global"
    assert scope.properties["accessModeSettings"]["ingestionAccessMode"] == "PrivateOnly"
    workspace = rc.resources.get_by_id(f"{shared}/Microsoft.OperationalInsights/workspaces/log-mlp-shared-int",
                                       api_version=LA)
    customer = workspace.properties["customerId"]
    pe = rc.resources.get_by_id(f"{shared}/Microsoft.Network/privateEndpoints/pe-ampls-mlp-shared-int-azuremonitor",
                                api_version=NET)
    [conn] = pe.properties["privateLinkServiceConnections"]
    assert conn["properties"]["groupIds"] == ["azuremonitor"]
    assert conn["properties"]["privateLinkServiceConnectionState"]["status"] == "Approved"
    names = {c["fqdn"]: c["ipAddresses"] for c in pe.properties["customDnsConfigs"]}
    assert set(names) == set(pl.monitor_fqdns("westeurope", [customer]))
    for fqdn, zone in ((f"{customer}.ods.opinsights.azure.com", "privatelink.ods.opinsights.azure.com"),
                       ("api.monitor.azure.com", "privatelink.monitor.azure.com"),
                       (f"{customer}.agentsvc.azure-automation.net", "privatelink.agentsvc.azure-automation.net"),
                       ("scadvisorcontentpl.blob.core.windows.net", "privatelink.blob.core.windows.net")):
        record = rc.resources.get_by_id(f"{shared}/Microsoft.Network/privateDnsZones/{zone}/A/"
                                        f"{fqdn[: -len(pl.PUBLIC_SUFFIX[zone]) - 1]}", api_version=DNS)
        assert [a["ipv4Address"] for a in record.properties["aRecords"]] == names[fqdn]

    verified = armgen(workdir, "verify", "--env", "int", "--format", "json")
    report = json.loads(verified.stdout)
    assert verified.exit_code == 0, [c for c in report["checks"] if not c["ok"]]
    checks = {c["name"] for c in report["checks"]}
    assert {"ampls-mlp-shared-int is PrivateOnly and scopes the monitoring resources",
            "log-mlp-shared-int has public ingestion and query disabled",
            "endpoint pe-ampls-mlp-shared-int-azuremonitor is present and Approved",
            "endpoint pe-ampls-mlp-shared-int-azuremonitor has its A records"} <= checks

    again = armgen(workdir, "deploy", "--env", "int", "--format", "json")
    assert again.exit_code == 0 and json.loads(again.stdout)["puts"] == 0
    drift = armgen(workdir, "drift", "--env", "int")  # the records the endpoint wrote are Azure's, not drift
    assert drift.exit_code == 0, drift.output

    # the workspace stays while the scope holds it; destroy takes the scope first
    with pytest.raises(HttpResponseError) as refused:
        rc.resources.begin_delete_by_id(workspace.id, api_version=LA).result()
    assert refused.value.status_code == 409 and "Private Link Scope" in refused.value.error.message
    gone = armgen(workdir, "destroy", "--env", "int", "--yes")
    assert gone.exit_code == 0, gone.output
    assert list(rc.resource_groups.list()) == []


def test_pro_records_go_into_the_hubs_monitor_zones_and_verify_passes(workdir: Path, emulator) -> None:  # noqa: F811
    network_team_resources(emulator)
    deployed = approved_deploy(workdir, "pro")
    assert deployed.exit_code == 0, deployed.output
    hub = emulator.resources(subscription_id=HUB_SUB)
    zone = f"/subscriptions/{HUB_SUB}/resourceGroups/{HUB_GROUP}/providers/Microsoft.Network/privateDnsZones"
    api = hub.resources.get_by_id(f"{zone}/privatelink.monitor.azure.com/A/api", api_version=DNS)
    assert api.properties["aRecords"][0]["ipv4Address"].startswith("10.30.0.")
    verified = armgen(workdir, "verify", "--env", "pro", "--format", "json")
    assert verified.exit_code == 0, verified.output
    assert {c["name"]: c["ok"] for c in json.loads(verified.stdout)["checks"]}[
        "ampls-mlp-shared-pro is PrivateOnly and scopes the monitoring resources"]
    done = armgen(workdir, "destroy", "--env", "pro", "--yes", "--allow-production", "--remove-locks")
    assert done.exit_code == 0, done.output
    rc = emulator.resources(subscription_id=PRO_SUB)
    assert [g.name for g in rc.resource_groups.list()] == [SPOKE_GROUP]
    with pytest.raises(HttpResponseError):  # the endpoint's records went with it; the hub's zone stays
        hub.resources.get_by_id(f"{zone}/privatelink.monitor.azure.com/A/api", api_version=DNS)
    assert hub.resources.get_by_id(f"{zone}/privatelink.monitor.azure.com", api_version=DNS)
