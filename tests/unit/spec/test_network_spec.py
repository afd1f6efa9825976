"""The ``network`` section: its model per environment and its spec errors, each one located line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from armgen.render.units import units_for
from armgen.spec import load_spec
from armgen.spec.endpoints import planned_endpoints
from tests.unit.spec.project import SAMPLE_SPEC, edited, render, write_project

PREMIUM = (("staging: {sku: {default: Standard,", "staging: {sku: {default: Premium,"),
           ("healthy: {sku: {default: Standard,", "healthy: {sku: {default: Premium,"))
INT_VNET = "        vnet: {addressSpace: 10.20.0.0/16, endpointsPrefix: 10.20.0.0/24, computePrefix: 10.20.4.0/22}\n"


def _errors(tmp_path: Path, *edits: tuple[str, str]) -> list[str]:
    result = render(write_project(tmp_path, edited(SAMPLE_SPEC, edits)))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.stderr.splitlines()


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_sample_shows_public_private_with_created_zones_and_private_with_hub_zones() -> None:
    spec = load_spec(write_project(Path(__import__("tempfile").mkdtemp()), SAMPLE_SPEC))
    dev, int_, pro = (spec.env(e).network for e in ("dev", "int", "pro"))
    assert (dev.mode, dev.private) == ("public", False)
    assert (int_.mode, int_.create_vnet, int_.dns) == ("private", True, "create")
    assert int_.vnet_id.endswith("/resourceGroups/rg-mlp-shared-int/providers/Microsoft.Network/virtualNetworks/"
                                 "vnet-mlp-shared-int")
    assert (pro.mode, pro.create_vnet, pro.dns) == ("private", False, "hub")
    assert pro.endpoints_subnet_id.endswith("/virtualNetworks/vnet-spoke-mlp-pro/subnets/snet-ml-endpoints")
    assert sorted(pro.hub_zones) == ["agentsvc", "azureml", "blob", "dfs", "file", "monitor", "notebooks", "ods",
                                     "oms", "registry", "sql", "vault"]
    assert (int_.monitor, int_.monitor_scope) == ("none", "")
    assert (pro.monitor, pro.monitor_scope) == ("privateLinkScope", "ampls-mlp-shared-pro")
    units = {u.name: u for u in units_for(spec.env("int"))}
    assert units["computecluster-vision"].parameters["subnetId"] == int_.compute_subnet_id
    assert units["computecluster-vision"].parameters["enableNodePublicIp"] is False
    assert units["mlworkspace-vision"].parameters["imageBuildCompute"] == "gpu-cluster"
    dev_units = {u.name: u for u in units_for(spec.env("dev"))}
    assert dev_units["computecluster-vision"].parameters["enableNodePublicIp"] is True
    assert not [u for u in dev_units if u.startswith(("privateendpoint", "virtualnetwork", "privatednszone"))]


def test_network_units_come_first_and_endpoints_after_their_resource(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path, SAMPLE_SPEC))
    units = {u.name: u for u in units_for(spec.env("int"))}
    assert units["virtualnetwork"].depends_on == ("resourcegroups",)
    assert units["privatednszone-blob"].depends_on == ("virtualnetwork",)
    assert units["privateendpoint-keyvault-vault"].depends_on == ("keyvault", "virtualnetwork", "privatednszone-vault")
    assert units["privateendpoint-mlworkspace-nlp-amlworkspace"].depends_on == (
        "mlworkspace-nlp", "virtualnetwork", "privatednszone-azureml", "privatednszone-notebooks")
    assert units["privateendpoint-mlworkspace-nlp-amlworkspace"].resource_group == "rg-mlp-nlp-int"
    file = units["privateendpoint-storageaccount-workspace-file"].parameters
    assert (file["endpointName"], file["groupId"], file["zones"]) == ("pe-stmlpwsint-file", "file", ["file"])
    assert [u.parameters["zoneKey"] for u in units.values() if u.template == "privatednszone"] == [
        "blob", "file", "dfs", "vault", "registry", "azureml", "notebooks"]
    pro = {u.name: u for u in units_for(spec.env("pro"))}
    assert not [u for u in pro if u.startswith(("virtualnetwork", "privatednszone"))]
    assert pro["privateendpoint-keyvault-vault"].parameters["privateDnsZoneIds"] == {
        "vault": "/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/"
                 "Microsoft.Network/privateDnsZones/privatelink.vaultcore.azure.net"}


def test_overlapping_subnets_are_an_error_at_the_override(tmp_path: Path) -> None:
    errors = _errors(tmp_path, (INT_VNET, INT_VNET.replace("computePrefix: 10.20.4.0/22", "computePrefix: 10.20.0.0/22")))
    line = _line_of(SAMPLE_SPEC, "endpointsPrefix: 10.20.0.0/24")
    assert errors == [f"Error: mlenv.yaml:{line}:90: environments.int.overrides.network.vnet.computePrefix: "
                      "computePrefix 10.20.0.0/22 overlaps endpointsPrefix 10.20.0.0/24 (environment int); subnets "
                      "of one virtual network must not overlap"]


def test_too_small_and_outside_prefixes_are_errors(tmp_path: Path) -> None:
    errors = _errors(tmp_path, (INT_VNET, INT_VNET.replace("endpointsPrefix: 10.20.0.0/24", "endpointsPrefix: 10.20.0.0/28")
                                .replace("computePrefix: 10.20.4.0/22", "computePrefix: 10.30.4.0/22")))
    line = _line_of(SAMPLE_SPEC, "endpointsPrefix: 10.20.0.0/24")
    assert errors == [
        f"Error: mlenv.yaml:{line}:61: environments.int.overrides.network.vnet.endpointsPrefix: endpointsPrefix "
        "10.20.0.0/28 has 11 usable addresses but environment int needs 15 for private endpoint addresses; use a "
        "/27 or larger",
        f"Error: mlenv.yaml:{line}:90: environments.int.overrides.network.vnet.computePrefix: computePrefix "
        "10.30.4.0/22 is outside the address space 10.20.0.0/16 (environment int); choose a prefix inside it",
    ]


def test_host_bits_are_an_error_with_the_network_to_use(tmp_path: Path) -> None:
    errors = _errors(tmp_path, (INT_VNET, INT_VNET.replace("addressSpace: 10.20.0.0/16", "addressSpace: 10.20.1.0/16")))
    assert len(errors) == 1
    assert "environments.int.overrides.network.vnet.addressSpace: '10.20.1.0/16' is not a valid IPv4 prefix" \
        in errors[0]
    assert errors[0].endswith("did you mean 10.20.0.0/16?")


def test_registry_below_premium_in_a_private_environment(tmp_path: Path) -> None:
    errors = _errors(tmp_path, ("staging: {sku: {default: Standard, int: Premium, pro: Premium}}",
                                "staging: {sku: {default: Standard, pro: Premium}}"))
    line = _line_of(SAMPLE_SPEC, "staging: {sku:")
    assert errors == [f"Error: mlenv.yaml:{line}:20: shared.registries.staging.sku: registry 'staging' is Standard "
                      "in environment int, whose network mode is private: a registry behind a private endpoint "
                      "(public access disabled) needs the Premium SKU; set sku to Premium for int"]


def test_hub_dns_must_name_every_zone_the_endpoints_need(tmp_path: Path) -> None:
    vault = next(line for line in SAMPLE_SPEC.splitlines(keepends=True) if "privatelink.vaultcore.azure.net:" in line)
    errors = _errors(tmp_path, (vault, ""))
    line = _line_of(SAMPLE_SPEC, "privatelink.blob.core.windows.net:")
    assert errors == [f"Error: mlenv.yaml:{line}:11: environments.pro.overrides.network.dns: no hub zone for "
                      "privatelink.vaultcore.azure.net in environment pro (its private endpoints need it); add "
                      "'<zone>: <resource id>' or use dns: create"]


def test_managed_network_rules_need_only_approved_outbound(tmp_path: Path) -> None:
    errors = _errors(tmp_path, ("  mode: public                  # dev;",
                                "  mode: managed\n  managedNetwork: {isolationMode: AllowInternetOutbound, "
                                "fqdnRules: [pypi.org]}\n  vnet: {addressSpace: 10.30.0.0/16, endpointsPrefix: "
                                "10.30.0.0/24}\n  #"), *PREMIUM)
    assert errors[0].endswith("network.managedNetwork.isolationMode: FQDN and service tag outbound rules need "
                              "isolationMode AllowOnlyApprovedOutbound (environment dev): with AllowInternetOutbound "
                              "Azure ML accepts only private endpoint rules")


@pytest.mark.parametrize("isolation", ["AllowOnlyApprovedOutbound", "AllowInternetOutbound"])
def test_managed_mode_puts_workspaces_on_the_managed_network(tmp_path: Path, isolation: str) -> None:
    rules = "fqdnRules: [pypi.org], serviceTagRules: [{serviceTag: AzureActiveDirectory}]" \
        if isolation == "AllowOnlyApprovedOutbound" else "fqdnRules: []"
    spec = load_spec(write_project(tmp_path, edited(SAMPLE_SPEC, (
        ("  mode: public                  # dev;",
         f"  mode: managed\n  managedNetwork: {{isolationMode: {isolation}, {rules}}}\n"
         "  vnet: {addressSpace: 10.30.0.0/16, endpointsPrefix: 10.30.0.0/24}\n  #"), *PREMIUM))))
    units = {u.name: u for u in units_for(spec.env("dev"))}
    managed = units["mlworkspace-vision"].parameters["managedNetwork"]
    assert managed["isolationMode"] == isolation
    kinds = sorted({r["type"] for r in managed["outboundRules"].values()})
    assert kinds == (["FQDN", "PrivateEndpoint", "ServiceTag"] if isolation == "AllowOnlyApprovedOutbound"
                     else ["PrivateEndpoint"])
    targets = {r["destination"]["serviceResourceId"].rsplit("/", 1)[-1] for r in managed["outboundRules"].values()
               if r["type"] == "PrivateEndpoint"}
    assert targets == {"stmlpwsdev", "stmlpdatadev", "kv-mlp-shared-dev", "crmlpstagingdev", "crmlphealthydev"}
    compute = units["computecluster-vision"].parameters
    assert (compute["subnetId"], compute["enableNodePublicIp"]) == ("", False)
    vnet = units["virtualnetwork"].parameters
    assert vnet["endpointsSubnetName"] == "snet-endpoints"
    assert "computeSubnetName" not in vnet  # no compute subnet: the clusters are on the managed network


SQL_ZONE = "privatelink.database.windows.net"
SQL_IN_INT = ("      enabled: {default: false, pro: true}", "      enabled: {default: false, int: true, pro: true}")


def test_the_sql_server_gets_a_private_endpoint_and_no_public_access(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path, edited(SAMPLE_SPEC, (SQL_IN_INT,))))
    # pro: the hub's database zone, the endpoint in the workspace's group after the server
    pro = {u.name: u for u in units_for(spec.env("pro"))}
    pe = pro["privateendpoint-sqldatabase-nlp-sqlserver"]
    assert (pe.template, pe.resource_group, pe.depends_on, pe.workspace) == (
        "privateendpoint", "rg-mlp-nlp-pro", ("sqldatabase-nlp",), "nlp")
    assert pe.parameters["endpointName"] == "pe-sql-mlp-nlp-pro-sqlserver"
    assert pe.parameters["targetResourceId"].endswith(
        "/resourceGroups/rg-mlp-nlp-pro/providers/Microsoft.Sql/servers/sql-mlp-nlp-pro")
    assert (pe.parameters["groupId"], pe.parameters["zones"]) == ("sqlServer", ["sql"])
    assert pe.parameters["privateDnsZoneIds"] == {
        "sql": f"/subscriptions/00000000-0000-0000-0000-0000000000aa/resourceGroups/rg-dns-hub/providers/"
               f"Microsoft.Network/privateDnsZones/{SQL_ZONE}"}
    sql = pro["sqldatabase-nlp"].parameters
    assert (sql["publicNetworkAccess"], sql["allowAzureServices"]) == ("Disabled", False)
    # int: armgen creates the zone and the endpoint waits for it
    int_ = {u.name: u for u in units_for(spec.env("int"))}
    assert int_["privatednszone-sql"].parameters["zoneKey"] == "sql"
    assert int_["privateendpoint-sqldatabase-nlp-sqlserver"].depends_on == (
        "sqldatabase-nlp", "virtualnetwork", "privatednszone-sql")
    assert int_["sqldatabase-nlp"].parameters["publicNetworkAccess"] == "Disabled"
    # the endpoint subnet counts the SQL endpoint's address (15 without it)
    assert sum(pe.ip_count for pe in planned_endpoints(spec.env("int").shared, spec.env("int").workspaces)) == 16


def test_the_sql_zone_name_comes_from_the_cloud_environment(tmp_path: Path) -> None:
    spec = write_project(tmp_path, edited(SAMPLE_SPEC, (SQL_IN_INT,)))
    assert render(spec).exit_code == 0
    template = tmp_path / "templates" / "privatednszone.json"
    assert '"sql": "[format(\'privatelink{0}\', environment().suffixes.sqlServerHostname)]"' in template.read_text()
    params = tmp_path / "parameters" / "privatednszone-sql.parameters.int.json"
    result = CliRunner().invoke(cli, ["expand", str(template), "--parameters", str(params), "--env", "int",
                                      "--spec", str(spec)])
    assert result.exit_code == 0, result.output
    zones = [r for r in json.loads(result.stdout)["resources"] if r["type"] == "Microsoft.Network/privateDnsZones"]
    assert [z["name"] for z in zones] == [SQL_ZONE]
    pe = (tmp_path / "templates" / "privateendpoint.json").read_text()
    assert '"sql": "[resourceId(parameters(\'dnsZoneResourceGroup\'), \'Microsoft.Network/privateDnsZones\', ' \
           'variables(\'zoneNames\').sql)]"' in pe


def test_a_public_environment_keeps_the_sql_servers_own_public_access(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path, edited(SAMPLE_SPEC, (
        ("      enabled: {default: false, pro: true}", "      enabled: true"),))))
    dev = {u.name: u for u in units_for(spec.env("dev"))}
    assert (dev["sqldatabase-nlp"].parameters["publicNetworkAccess"],
            dev["sqldatabase-nlp"].parameters["allowAzureServices"]) == ("Enabled", True)
    assert not [u for u in dev if u.startswith("privateendpoint")]


def test_managed_mode_gives_the_sql_workspace_an_outbound_rule_to_its_server(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path, edited(SAMPLE_SPEC, (
        ("  mode: public                  # dev;",
         "  mode: managed\n  vnet: {addressSpace: 10.30.0.0/16, endpointsPrefix: 10.30.0.0/24}\n  #"),
        ("      enabled: {default: false, pro: true}", "      enabled: true"), *PREMIUM))))
    units = {u.name: u for u in units_for(spec.env("dev"))}
    rules = units["mlworkspace-nlp"].parameters["managedNetwork"]["outboundRules"]
    assert rules["pe-sql-mlp-nlp-dev-sqlserver"]["destination"] == {
        "serviceResourceId": units["privateendpoint-sqldatabase-nlp-sqlserver"].parameters["targetResourceId"],
        "subresourceTarget": "sqlServer", "sparkEnabled": False}
    assert "pe-sql-mlp-nlp-dev-sqlserver" not in units["mlworkspace-vision"].parameters["managedNetwork"]["outboundRules"]
    assert units["sqldatabase-nlp"].parameters["publicNetworkAccess"] == "Disabled"


def test_hub_dns_must_name_the_sql_zone_when_a_workspace_has_sql(tmp_path: Path) -> None:
    sql = next(line for line in SAMPLE_SPEC.splitlines(keepends=True) if f"{SQL_ZONE}:" in line)
    errors = _errors(tmp_path, (sql, ""))
    line = _line_of(SAMPLE_SPEC, "privatelink.blob.core.windows.net:")
    assert errors == [f"Error: mlenv.yaml:{line}:11: environments.pro.overrides.network.dns: no hub zone for "
                      f"{SQL_ZONE} in environment pro (its private endpoints need it); add "
                      "'<zone>: <resource id>' or use dns: create"]


INT_MONITOR = ("        dns: create\n", "        dns: create\n        monitor: privateLinkScope\n")


def test_a_monitor_scope_with_created_zones_scopes_both_and_gets_an_endpoint_on_five_zones(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path, edited(SAMPLE_SPEC, (INT_MONITOR,))))
    units = {u.name: u for u in units_for(spec.env("int"))}
    scope = units["privatelinkscope"]
    assert scope.depends_on == ("loganalytics", "appinsights")
    assert (scope.parameters["scopeName"], scope.parameters["ingestionAccessMode"],
            scope.parameters["queryAccessMode"]) == ("ampls-mlp-shared-int", "PrivateOnly", "PrivateOnly")
    assert [r["id"].rsplit("/", 2)[-2:] for r in scope.parameters["scopedResources"]] == [
        ["workspaces", "log-mlp-shared-int"], ["components", "appi-mlp-shared-int"]]
    pe = units["privateendpoint-privatelinkscope-azuremonitor"]
    assert pe.depends_on == ("privatelinkscope", "virtualnetwork", "privatednszone-monitor", "privatednszone-oms",
                             "privatednszone-ods", "privatednszone-agentsvc", "privatednszone-blob")
    assert (pe.parameters["groupId"], pe.parameters["zones"]) == ("azuremonitor",
                                                                  ["monitor", "oms", "ods", "agentsvc", "blob"])
    assert pe.parameters["targetResourceId"].endswith("/Microsoft.Insights/privateLinkScopes/ampls-mlp-shared-int")
    for key in ("monitor", "oms", "ods", "agentsvc"):
        assert units[f"privatednszone-{key}"].depends_on == ("virtualnetwork",)
    # the monitoring resources stay closed to the internet: the scope is their private path
    assert units["loganalytics"].parameters["publicNetworkAccessForIngestion"] == "Disabled"
    # the scope's endpoint takes 10 addresses: 15 + 10
    net = spec.env("int").network
    assert sum(pe.ip_count for pe in planned_endpoints(spec.env("int").shared, spec.env("int").workspaces,
                                                       net.monitor_scope)) == 25


def test_a_top_level_monitor_scope_applies_to_the_private_environments_only(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path, edited(SAMPLE_SPEC, (
        ("  mode: public                  # dev;", "  monitor: privateLinkScope\n  mode: public #"),))))
    assert (spec.env("dev").network.monitor_scope, spec.env("int").network.monitor_scope) == (
        "", "ampls-mlp-shared-int")
    assert not [u for u in units_for(spec.env("dev")) if u.name.startswith(("privatelinkscope", "privateendpoint"))]
    assert "privatelinkscope" in {u.name for u in units_for(spec.env("int"))}


def test_hub_dns_must_name_the_monitor_zones_when_there_is_a_scope(tmp_path: Path) -> None:
    oms = next(line for line in SAMPLE_SPEC.splitlines(keepends=True) if "privatelink.oms.opinsights.azure.com:" in line)
    errors = _errors(tmp_path, (oms, ""))
    assert errors == [f"Error: mlenv.yaml:{_line_of(SAMPLE_SPEC, 'privatelink.blob.core.windows.net:')}:11: "
                      "environments.pro.overrides.network.dns: no hub zone for privatelink.oms.opinsights.azure.com in "
                      "environment pro (its private endpoints need it); add '<zone>: <resource id>' or use dns: create"]
