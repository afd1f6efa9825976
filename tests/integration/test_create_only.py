"""Create-only properties: what-if flags them, deploy refuses before any PUT, --recreate converges."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_deploy_e2e import ENV, armgen, deploy_json, records, statuses, workdir  # noqa: F401

pytestmark = pytest.mark.integration
SUB = "00000000-0000-0000-0000-000000000001"


def edit_spec(root: Path, old: str, new: str) -> None:
    spec = root / "mlenv.yaml"
    text = spec.read_text()
    assert old in text, old
    spec.write_text(text.replace(old, new, 1))
    assert armgen(root, "render").exit_code == 0


CASES = [  # (spec edit, unit, flagged path, resource id, api version, live check)
    (("      sku: {default: Standard_LRS, pro: Standard_ZRS}   # one blob container per workspace, by name",
      "      sku: {default: Standard_LRS, pro: Standard_ZRS}\n      hierarchicalNamespace: true"),
     "storageaccount-workspace", "properties.isHnsEnabled",
     f"/subscriptions/{SUB}/resourceGroups/rg-mlp-shared-int/providers/Microsoft.Storage/storageAccounts/stmlpwsint",
     "2025-08-01", lambda p: p["isHnsEnabled"] is True),
    (("    description: Natural language work package", "    description: Natural language work package\n"
      "    hbiWorkspace: true"),
     "mlworkspace-nlp", "properties.hbiWorkspace",
     f"/subscriptions/{SUB}/resourceGroups/rg-mlp-nlp-int/providers/Microsoft.MachineLearningServices/workspaces/"
     "mlw-mlp-nlp-int", "2025-12-01", lambda p: p["hbiWorkspace"] is True),
    (("      vmSize: Standard_DS3_v2", "      vmSize: Standard_DS3_v2\n      vmPriority: LowPriority"),
     "computecluster-nlp", "properties.properties.vmPriority",
     f"/subscriptions/{SUB}/resourceGroups/rg-mlp-nlp-int/providers/Microsoft.MachineLearningServices/workspaces/"
     "mlw-mlp-nlp-int/computes/cpu-cluster", "2025-12-01", lambda p: p["properties"]["vmPriority"] == "LowPriority"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[1] for c in CASES])
def test_a_create_only_change_is_flagged_refused_and_recreated(workdir: Path, emulator, case) -> None:  # noqa: F811
    (old, new), unit, path, rid, version, check = case
    assert deploy_json(workdir)[0] == 0
    edit_spec(workdir, old, new)
    shown = armgen(workdir, "what-if", "--env", ENV, "--unit", unit)
    assert f"! requires re-create ({path})" in shown.stdout, shown.stdout
    before = records(emulator)
    refused = armgen(workdir, "deploy", "--env", ENV)
    assert refused.exit_code == 1
    assert f"{unit}: {rid.rsplit('/', 1)[-1]} ({path})" in refused.output and "Nothing was sent" in refused.output
    assert records(emulator) == before  # no deployment was sent, not even of the other units
    code, report = deploy_json(workdir, "--recreate", unit, "--yes")
    assert code == 0, report
    assert statuses(report)[unit] == "deployed"
    live = emulator.resources().resources.get_by_id(rid, api_version=version).as_dict()
    assert check(live["properties"])
    code, again = deploy_json(workdir)
    assert code == 0 and again["puts"] == 0  # converged


def test_a_purge_protected_vault_cannot_be_recreated_and_says_so(workdir: Path, emulator) -> None:  # noqa: F811
    assert deploy_json(workdir)[0] == 0
    edit_spec(workdir, "softDeleteRetentionDays: {default: 7, pro: 90}", "softDeleteRetentionDays: {default: 30, pro: 90}")
    shown = armgen(workdir, "what-if", "--env", ENV, "--unit", "keyvault", "--format", "json")
    change = next(c for u in __import__("json").loads(shown.stdout)["units"] for c in u["changes"]
                  if c["changeType"] == "Modify")
    assert change["requiresRecreate"] == ["properties.softDeleteRetentionInDays"]
    before = records(emulator)
    refused = armgen(workdir, "deploy", "--env", ENV)
    assert refused.exit_code == 1 and "keyvault: kv-mlp-shared-int (properties.softDeleteRetentionInDays)" in \
        refused.output
    again = armgen(workdir, "deploy", "--env", ENV, "--recreate", "keyvault", "--yes")
    assert again.exit_code == 1 and "purge protection" in again.output
    assert records(emulator) == before


def test_the_emulator_refuses_a_create_only_change_with_azures_code(emulator) -> None:
    from azure.core.exceptions import HttpResponseError

    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-co", {"location": "westeurope"})
    rid = f"/subscriptions/{SUB}/resourceGroups/rg-co/providers/Microsoft.Storage/storageAccounts/stcoonly"
    body = {"location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
            "properties": {"isHnsEnabled": False}}
    rc.resources.begin_create_or_update_by_id(rid, body, api_version="2025-08-01").result()
    with pytest.raises(HttpResponseError) as err:
        rc.resources.begin_create_or_update_by_id(rid, dict(body, properties={"isHnsEnabled": True}),
                                                api_version="2025-08-01")
    assert err.value.error.code == "AccountPropertyCannotBeUpdated"
    with pytest.raises(HttpResponseError) as err:
        rc.resources.begin_create_or_update_by_id(rid, dict(body, location="northeurope"), api_version="2025-08-01")
    assert err.value.error.code == "InvalidResourceLocation"
    # everything else may change in place
    rc.resources.begin_create_or_update_by_id(rid, dict(body, tags={"a": "b"}), api_version="2025-08-01").result()
