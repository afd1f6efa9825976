"""The data layer on the emulator through the real SDK: datastores of each kind and Azure SQL, with the
providers' refusals and their codes (Azure ML's UserError, Azure SQL's InvalidServerAADOnlyAuthNoAADAdmin...)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from azure.core.exceptions import HttpResponseError
from click.testing import CliRunner

from armgen import privatelink as pl
from armgen.cli.main import cli
from armgen.emulator.config import CALLER_PRINCIPAL

ADMIN = CALLER_PRINCIPAL  # the emulator's one signed-in identity

pytestmark = pytest.mark.integration

ML_API = "2025-12-01"
SQL_API = "2025-01-01"
GROUP_ID = "22222222-3333-4444-5555-666666666666"
PRO_SUB = "00000000-0000-0000-0000-000000000002"
HUB_SUB = "00000000-0000-0000-0000-0000000000aa"
SPOKE_GROUP = "rg-network-spoke-pro"
NET_API = "2025-07-01"
SQL_ZONE = "privatelink.database.windows.net"


@pytest.fixture
def rc(emulator):
    client = emulator.resources()
    client.resource_groups.create_or_update("rg-data", {"location": "westeurope"})
    return client


def _base(emulator) -> str:
    return f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-data/providers"


def _put(rc, rid: str, payload: dict, api: str):
    return rc.resources.begin_create_or_update_by_id(rid, payload, api_version=api).result()


def _refused(rc, rid: str, payload: dict, api: str) -> HttpResponseError:
    with pytest.raises(HttpResponseError) as err:
        _put(rc, rid, payload, api)
    return err.value


def _account(rc, emulator, name: str, hns: bool) -> None:
    _put(rc, f"{_base(emulator)}/Microsoft.Storage/storageAccounts/{name}",
         {"location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
          "properties": {"isHnsEnabled": hns, "allowSharedKeyAccess": False}}, "2025-08-01")


def _datastore(emulator, account: str, kind: str = "AzureDataLakeGen2", **extra) -> dict:
    target = {"AzureDataLakeGen2": {"filesystem": "curated"}, "AzureBlob": {"containerName": "curated"}}[kind]
    return {"properties": {"datastoreType": kind, "accountName": account, **target,
                           "subscriptionId": emulator.endpoint.subscription_id, "resourceGroup": "rg-data",
                           "serviceDataAccessAuthIdentity": "WorkspaceSystemAssignedIdentity",
                           "credentials": {"credentialsType": "None"}, **extra}}


@pytest.fixture
def workspace(emulator, rc) -> str:
    rid = f"{_base(emulator)}/Microsoft.MachineLearningServices/workspaces/mlw-data"
    _put(rc, rid, {"location": "westeurope", "identity": {"type": "SystemAssigned"}, "properties": {}}, ML_API)
    return rid


def test_a_data_lake_datastore_needs_a_hierarchical_namespace(emulator, rc, workspace) -> None:
    _account(rc, emulator, "stflat01", hns=False)
    _account(rc, emulator, "stlake01", hns=True)
    err = _refused(rc, f"{workspace}/datastores/lake", _datastore(emulator, "stflat01"), ML_API)
    assert (err.status_code, err.error.code) == (400, "UserError")
    assert "stflat01" in err.error.message and "hierarchical namespace" in err.error.message
    made = _put(rc, f"{workspace}/datastores/lake", _datastore(emulator, "stlake01"), ML_API)
    assert made.properties["datastoreType"] == "AzureDataLakeGen2" and made.properties["filesystem"] == "curated"
    # a blob datastore on the flat account is fine
    _put(rc, f"{workspace}/datastores/flat", _datastore(emulator, "stflat01", "AzureBlob"), ML_API)


def test_a_sas_datastore_needs_its_secret_and_never_shows_it(emulator, rc, workspace) -> None:
    sas = {"credentialsType": "Sas", "secrets": {"secretsType": "Sas"}}
    body = {"properties": {"datastoreType": "AzureBlob", "accountName": "stpartner", "containerName": "exports",
                           "endpoint": "core.windows.net", "credentials": sas}}
    err = _refused(rc, f"{workspace}/datastores/partner", body, ML_API)
    assert (err.status_code, err.error.code) == (400, "UserError")
    assert "sasToken" in err.error.message
    sas["secrets"]["sasToken"] = "sv=2025-01-05&sp=rl&sig=abc"
    made = _put(rc, f"{workspace}/datastores/partner", body, ML_API)
    assert made.properties["credentials"] == {"credentialsType": "Sas"}
    got = rc.resources.get_by_id(f"{workspace}/datastores/partner", api_version=ML_API)
    assert "secrets" not in got.properties["credentials"]


def _server(**admins) -> dict:
    return {"location": "westeurope", "properties": {"version": "12.0", "minimalTlsVersion": "1.2",
                                                     "administrators": admins}}


def test_an_entra_only_server_needs_an_entra_admin(emulator, rc) -> None:
    rid = f"{_base(emulator)}/Microsoft.Sql/servers/sql-data-01"
    err = _refused(rc, rid, _server(administratorType="ActiveDirectory", azureADOnlyAuthentication=True), SQL_API)
    assert (err.status_code, err.error.code) == (400, "InvalidServerAADOnlyAuthNoAADAdminPropertyName")
    err = _refused(rc, rid, {"location": "westeurope", "properties": {"version": "12.0"}}, SQL_API)
    assert err.error.code == "InvalidParameterValue"
    made = _put(rc, rid, _server(administratorType="ActiveDirectory", azureADOnlyAuthentication=True,
                                 login="ml-sql-admins", sid=GROUP_ID, principalType="Group"), SQL_API)
    assert made.properties["fullyQualifiedDomainName"] == "sql-data-01.database.windows.net"
    assert made.properties["administrators"]["azureADOnlyAuthentication"] is True
    db = _put(rc, f"{rid}/databases/nlp", {"location": "westeurope", "sku": {"name": "S1"},
                                           "properties": {"requestedBackupStorageRedundancy": "Local"}}, SQL_API)
    assert db.properties["status"] == "Online" and db.properties["currentBackupStorageRedundancy"] == "Local"
    # the implicit master database carries the audit diagnostic setting
    diag = f"{rid}/databases/master/providers/Microsoft.Insights/diagnosticSettings/service"
    _put(rc, diag, {"properties": {"workspaceId": f"{_base(emulator)}/Microsoft.OperationalInsights/workspaces/l",
                                   "logs": [{"category": "SQLSecurityAuditEvents", "enabled": True}]}}, "2016-09-01")
    err = _refused(rc, f"{rid}/databases/other/providers/Microsoft.Insights/diagnosticSettings/service",
                   {"properties": {}}, "2016-09-01")
    assert err.status_code == 404


def _network_team(emulator) -> None:
    """What the sample's pro finds in place (private, in the network team's spoke, hub zones): the spoke's
    VNet with its two subnets and the hub's private DNS zones, none of them armgen's."""
    spoke = emulator.resources(subscription_id=PRO_SUB)
    spoke.resource_groups.create_or_update(SPOKE_GROUP, {"location": "northeurope"})
    _put(spoke, f"/subscriptions/{PRO_SUB}/resourceGroups/{SPOKE_GROUP}/providers/Microsoft.Network/"
                "virtualNetworks/vnet-spoke-mlp-pro",
         {"location": "northeurope", "properties": {
             "addressSpace": {"addressPrefixes": ["10.40.0.0/16"]},
             "subnets": [{"name": "snet-ml-endpoints", "properties": {"addressPrefix": "10.40.0.0/24"}},
                         {"name": "snet-ml-compute", "properties": {"addressPrefix": "10.40.4.0/22"}}]}},
         "2025-07-01")
    hub = emulator.resources(subscription_id=HUB_SUB)
    hub.resource_groups.create_or_update("rg-dns-hub", {"location": "westeurope"})
    for zone in pl.ZONES.values():
        _put(hub, f"/subscriptions/{HUB_SUB}/resourceGroups/rg-dns-hub/providers/Microsoft.Network/"
                  f"privateDnsZones/{zone}", {"location": "global"}, "2024-06-01")


def test_sample_pro_deploys_the_data_layer_verifies_puts_back_a_change_by_hand_and_is_destroyed(
        tmp_path: Path, emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's pro: Planetary Computer and Data Lake datastores, a SAS datastore from a Key Vault
    reference and the SQL database behind its private endpoint, end to end through the CLI."""
    state = Path(emulator.state_dir)
    (state / "endpoint.json").write_text(json.dumps({"pid": os.getpid(), "url": emulator.server.url}))
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(state))

    def armgen(*args: str):  # click Result
        return CliRunner().invoke(cli, [*args, "--spec", str(tmp_path / "mlenv.yaml")], catch_exceptions=False)

    def approved(*args: str):  # click Result; production deploys apply an approved what-if
        saved = tmp_path / "approved" / "what-if-pro.json"
        shown = armgen("what-if", "--env", "pro", "--save", str(saved))
        assert shown.exit_code == 0, shown.output
        return armgen("deploy", "--env", "pro", "--yes", "--approved-what-if", str(saved), *args)

    assert CliRunner().invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    # pro's stacks deny writes outside armgen; the emulator's principal plays an excluded admin here, so
    # that the out-of-band change below can happen and verify can be seen to name it
    spec = tmp_path / "mlenv.yaml"
    spec.write_text(spec.read_text().replace("excludedPrincipals: [22222222-3333-4444-5555-666666666666]",
                                             f"excludedPrincipals: [22222222-3333-4444-5555-666666666666, {ADMIN}]"))
    assert armgen("render").exit_code == 0
    _network_team(emulator)
    first = approved("--format", "json")
    assert first.exit_code == 0, first.output
    units = {u["unit"]: u["result"] for u in json.loads(first.stdout)["units"]}
    assert {units[u] for u in ("sqldatabase-nlp", "datastore-nlp", "datastore-vision",
                               "sasdatastore-nlp-partner_exports")} == {"deployed"}

    rc = emulator.resources(subscription_id=PRO_SUB)
    ws = f"/subscriptions/{PRO_SUB}/resourceGroups/rg-mlp-nlp-pro/providers/Microsoft.MachineLearningServices"
    lake = rc.resources.get_by_id(f"{ws}/workspaces/mlw-mlp-nlp-pro/datastores/curated_lake", api_version=ML_API)
    assert (lake.properties["datastoreType"], lake.properties["filesystem"]) == ("AzureDataLakeGen2", "curated")
    vision = ws.replace("rg-mlp-nlp-pro", "rg-mlp-vision-pro")
    pc = rc.resources.get_by_id(f"{vision}/workspaces/mlw-mlp-vision-pro/datastores/sentinel2_l2a", api_version=ML_API)
    assert pc.properties["credentials"] == {"credentialsType": "None"}
    assert pc.properties["accountName"] == "sentinel2l2a01" and pc.properties["endpoint"] == "core.windows.net"
    server = rc.resources.get_by_id(f"/subscriptions/{PRO_SUB}/resourceGroups/rg-mlp-nlp-pro/providers/"
                                    "Microsoft.Sql/servers/sql-mlp-nlp-pro", api_version=SQL_API)
    assert server.properties["administrators"]["azureADOnlyAuthentication"] is True
    assert server.properties["minimalTlsVersion"] == "1.2"
    # pro is private: the server is reached through its endpoint, its name resolves in the hub's zone
    assert server.properties["publicNetworkAccess"] == "Disabled"
    pe = rc.resources.get_by_id(f"/subscriptions/{PRO_SUB}/resourceGroups/rg-mlp-nlp-pro/providers/"
                                "Microsoft.Network/privateEndpoints/pe-sql-mlp-nlp-pro-sqlserver", api_version=NET_API)
    [conn] = pe.properties["privateLinkServiceConnections"]
    assert conn["properties"]["groupIds"] == ["sqlServer"]
    assert conn["properties"]["privateLinkServiceConnectionState"]["status"] == "Approved"
    [dns] = pe.properties["customDnsConfigs"]
    assert dns["fqdn"] == "sql-mlp-nlp-pro.database.windows.net"
    record = emulator.resources(subscription_id=HUB_SUB).resources.get_by_id(
        f"/subscriptions/{HUB_SUB}/resourceGroups/rg-dns-hub/providers/Microsoft.Network/privateDnsZones/{SQL_ZONE}"
        "/A/sql-mlp-nlp-pro", api_version="2024-06-01")
    assert [a["ipv4Address"] for a in record.properties["aRecords"]] == dns["ipAddresses"]

    verified = armgen("verify", "--env", "pro", "--format", "json")
    report = json.loads(verified.stdout)
    assert verified.exit_code == 0, [c for c in report["checks"] if not c["ok"]]
    groups = {c["group"] for c in report["checks"]}
    assert {"sql", "datastores"} <= groups
    assert sum(c["group"] == "sql" for c in report["checks"]) == 5  # server, database, auditing, diagnostic
    # setting, workspace connection (pro is private: no AllowAllWindowsAzureIps firewall rule)
    sql_checks = {c["name"]: c["ok"] for c in report["checks"] if "sql-mlp-nlp-pro" in c["name"]}
    assert sql_checks["sql-mlp-nlp-pro has public network access disabled"]
    assert sql_checks["endpoint pe-sql-mlp-nlp-pro-sqlserver is present and Approved"]
    assert sql_checks[f"endpoint pe-sql-mlp-nlp-pro-sqlserver's zone group is on {SQL_ZONE}"]
    assert sql_checks["endpoint pe-sql-mlp-nlp-pro-sqlserver has its A records"]
    assert any(step.startswith("SQL database sql-mlp-nlp-pro/nlp: id-mlp-compute-pro") and "CREATE USER"
               in step for step in report["todo"])
    assert any(step.startswith("datastore curated_lake: make it the default of mlw-mlp-nlp-pro")
               for step in report["todo"])

    # someone turns Entra-only authentication off in the portal: verify names it
    server_id = server.id
    changed = rc.resources.get_by_id(server_id, api_version=SQL_API).as_dict()
    changed["properties"]["administrators"]["azureADOnlyAuthentication"] = False
    _put(rc, server_id, {k: changed[k] for k in ("location", "properties")}, SQL_API)
    broken = armgen("verify", "--env", "pro")
    assert broken.exit_code == 1
    assert ("FAIL  [sql] SQL server sql-mlp-nlp-pro: properties.administrators.azureADOnlyAuthentication is False, "
            "expected True") in broken.output

    # the approved what-if shows the change made by hand; deploying it puts the spec back
    again = approved("--format", "json")
    assert again.exit_code == 0, again.output
    deployed = {u["unit"] for u in json.loads(again.stdout)["units"] if u["result"] == "deployed"}
    assert deployed == {"sqldatabase-nlp"}, deployed
    assert armgen("verify", "--env", "pro").exit_code == 0
    gone = armgen("destroy", "--env", "pro", "--yes", "--allow-production", "--remove-locks")
    assert gone.exit_code == 0, gone.output
    assert [g.name for g in rc.resource_groups.list()] == [SPOKE_GROUP]  # the network team's, never armgen's
