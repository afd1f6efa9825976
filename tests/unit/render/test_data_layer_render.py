"""What the data layer renders: datastore kinds, the SAS datastore's Key Vault reference, the SQL unit."""

from __future__ import annotations

import json
from pathlib import Path

from armgen.render.units import units_for
from armgen.spec import load_spec
from tests.unit.spec.project import SAMPLE_DATASTORES, SAMPLE_SPEC, render, write_project

TEAM = ("/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/rg-team/providers/"
        "Microsoft.Storage/storageAccounts/stteamdata")


def _params(folder: Path, unit: str, env: str) -> dict:
    doc = json.loads((folder / "parameters" / f"{unit}.parameters.{env}.json").read_text())
    return doc["parameters"]


def test_each_kind_lands_in_its_own_array_with_its_identity_mode(tmp_path: Path) -> None:
    config = json.loads(SAMPLE_DATASTORES)
    config["datastores"].append({"name": "team", "kind": "external", "resourceId": TEAM, "container": "shared",
                                 "workspaces": ["vision"]})
    spec = write_project(tmp_path, SAMPLE_SPEC, json.dumps(config, indent=2))
    assert render(spec).exit_code == 0
    vision = _params(tmp_path, "datastore-vision", "dev")
    blobs = {d["name"]: d for d in vision["blobDatastores"]["value"]}
    assert "dataLakeDatastores" not in vision and "fileDatastores" not in vision
    pc = blobs["sentinel2_l2a"]
    assert (pc["accountName"], pc["containerName"], pc["serviceDataAccessAuthIdentity"]) == \
        ("sentinel2l2a01", "sentinel2-l2", "None")
    assert (pc["subscriptionId"], pc["resourceGroup"], pc["endpoint"]) == (None, None, None)  # the template's
    # endpoint falls back to this cloud's storage suffix, and Azure ML takes no group or subscription
    assert pc["tags"] == {"source": "Microsoft Planetary Computer", "stacCollection": "sentinel-2-l2a"}
    team = blobs["team"]
    assert (team["accountName"], team["subscriptionId"], team["resourceGroup"]) == \
        ("stteamdata", "00000000-0000-0000-0000-000000000009", "rg-team")
    assert team["serviceDataAccessAuthIdentity"] == "WorkspaceSystemAssignedIdentity"
    assert blobs["datasets"]["resourceGroup"] == "rg-mlp-shared-dev"
    lake = _params(tmp_path, "datastore-nlp", "dev")["dataLakeDatastores"]["value"]
    assert [(d["name"], d["filesystem"], d["tags"]) for d in lake] == [("curated_lake", "curated", {"default": "true"})]


def test_the_sas_token_is_a_key_vault_reference_and_never_a_value(tmp_path: Path) -> None:
    assert render(write_project(tmp_path)).exit_code == 0
    for env, sub in (("dev", "1"), ("pro", "2")):
        token = _params(tmp_path, "sasdatastore-nlp-partner_exports", env)["sasToken"]
        assert token == {"reference": {"keyVault": {"id": f"/subscriptions/00000000-0000-0000-0000-00000000000{sub}/"
                                                          f"resourceGroups/rg-mlp-shared-{env}/providers/"
                                                          f"Microsoft.KeyVault/vaults/kv-mlp-shared-{env}"},
                                       "secretName": "partner-exports-sas"}}
    assert "sasToken" not in (tmp_path / "parameters" / "datastore-nlp.parameters.dev.json").read_text()


def test_sql_is_rendered_only_where_enabled_with_the_spec_admin_group(tmp_path: Path) -> None:
    spec = load_spec(write_project(tmp_path))
    by_env = {e: {u.name: u for u in units_for(spec.env(e))} for e in ("dev", "int", "pro")}
    assert "sqldatabase-nlp" not in by_env["dev"] and "sqldatabase-nlp" not in by_env["int"]
    sql = by_env["pro"]["sqldatabase-nlp"]
    assert sql.resource_group == "rg-mlp-nlp-pro" and set(sql.depends_on) == {"mlworkspace-nlp", "loganalytics"}
    p = sql.parameters
    assert (p["serverName"], p["databaseName"], p["skuName"], p["backupStorageRedundancy"]) == \
        ("sql-mlp-nlp-pro", "nlp", "S1", "Geo")
    assert (p["adminGroupName"], p["adminGroupObjectId"]) == ("ml-nlp-sql-admins",
                                                              "22222222-3333-4444-5555-666666666666")
    assert (p["publicNetworkAccess"], p["allowAzureServices"], p["computeIdentityName"]) == \
        ("Disabled", False, "id-mlp-compute-pro")  # pro is private: the server's private endpoint only
    assert (p["logAnalyticsWorkspaceName"], p["sharedResourceGroup"]) == ("log-mlp-shared-pro", "rg-mlp-shared-pro")


def test_sql_without_an_admin_group_is_one_located_line(tmp_path: Path) -> None:
    spec = SAMPLE_SPEC.replace("      adminGroup: {name: ml-nlp-sql-admins, objectId: "
                               "22222222-3333-4444-5555-666666666666}\n", "")
    result = render(write_project(tmp_path, spec))
    assert result.exit_code == 2
    assert result.stderr == ("Error: mlenv.yaml:136:7: workspaces[1].sql: sql is enabled in environment pro but has no "
                             "adminGroup; add adminGroup: {name: <Entra group>, objectId: <its object id>} (the "
                             "server's only administrator: Entra-only authentication)\n")
