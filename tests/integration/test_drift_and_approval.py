"""Nightly drift and the approved what-if, end to end: the CLI, the real SDK, the emulator over HTTPS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armgen.exitcodes import CHANGES, FAILED
from tests.integration.test_deploy_e2e import (
    ENV,
    armgen,
    deploy_json,
    set_max_nodes,
    workdir,  # noqa: F401 - the fixture
)

pytestmark = pytest.mark.integration
SUB = "00000000-0000-0000-0000-000000000001"
SHARED = f"/subscriptions/{SUB}/resourceGroups/rg-mlp-shared-{ENV}"
STORAGE_API = "2023-05-01"
READER = f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"


@pytest.fixture
def deployed(workdir: Path, emulator) -> Path:  # noqa: F811
    code, report = deploy_json(workdir)
    assert code == 0, report
    return workdir


def _drift(where: Path) -> tuple[int, dict]:
    result = armgen(where, "drift", "--env", ENV, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def _out_of_band(emulator) -> tuple[str, str, str]:
    """A property changed, a resource created and a role assignment added by hand; their ids."""
    rc = emulator.resources()
    account = f"{SHARED}/providers/Microsoft.Storage/storageAccounts/stmlpdata{ENV}"
    rc.resources.begin_update_by_id(account, api_version=STORAGE_API, parameters={
        "properties": {"minimumTlsVersion": "TLS1_0"}}).result()
    extra = f"{SHARED}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-by-hand"
    rc.resources.begin_create_or_update_by_id(extra, api_version="2023-01-31", parameters={"location": "westeurope"}).result()
    assignment = f"{SHARED}/providers/Microsoft.Authorization/roleAssignments/0d4a5c36-1111-4a5c-9d3e-2b8f0d4a5c36"
    rc.resources.begin_create_or_update_by_id(assignment, api_version="2022-04-01", parameters={"properties": {
        "roleDefinitionId": READER, "principalId": "99999999-8888-7777-6666-555555555555",
        "principalType": "User"}}).result()
    return account, extra, assignment


def test_drift_reports_exactly_what_was_changed_by_hand_and_none_after_a_redeploy(deployed: Path, emulator) -> None:
    code, report = _drift(deployed)
    assert (code, report["drift"]) == (0, 0), report
    account, extra, assignment = _out_of_band(emulator)
    code, report = _drift(deployed)
    assert code == CHANGES, report
    found = {(i["kind"], i["resourceId"].lower()) for i in report["items"]}
    assert found == {("changed", account.lower()), ("unmanaged", extra.lower()),
                     ("role-assignment", assignment.lower())}, report["items"]
    changed = next(i for i in report["items"] if i["kind"] == "changed")
    assert changed["unit"] == "storageaccount-data"
    assert [(p["path"], p["live"], p["spec"]) for p in changed["properties"]] == [
        ("properties.minimumTlsVersion", "TLS1_0", "TLS1_2")]
    for fmt, marker in (("junit", "<failure"), ("markdown", "| changed outside armgen |"),
                        ("text", "CHANGED")):
        result = armgen(deployed, "drift", "--env", ENV, "--format", fmt)
        assert result.exit_code == CHANGES and marker in result.stdout, result.stdout
    # what the nightly pipeline runs: one comparison, the summary and the JUnit file from it
    out = deployed / "drift-out"
    both = armgen(deployed, "drift", "--env", ENV, "--format", "markdown", "-o", str(out / "drift.md"),
                  "--report", f"junit={out / 'drift.junit.xml'}", "--report", f"json={out / 'drift.json'}")
    assert both.exit_code == CHANGES, both.output
    assert "| changed outside armgen |" in (out / "drift.md").read_text()
    assert (out / "drift.junit.xml").read_text().count("<failure") == 3
    assert json.loads((out / "drift.json").read_text())["drift"] == 3
    bad = armgen(deployed, "drift", "--env", ENV, "--report", "xml:drift.xml")
    assert bad.exit_code == 2 and "FORMAT=FILE" in bad.output
    # a deleted resource is reported missing
    container = f"{account}/blobServices/default/containers/results"
    emulator.resources().resources.begin_delete_by_id(container, api_version=STORAGE_API).result()
    code, report = _drift(deployed)
    assert ("missing", container.lower()) in {(i["kind"], i["resourceId"].lower()) for i in report["items"]}
    # re-deploy puts the spec back; what was added by hand is reported until removed by hand
    assert deploy_json(deployed, "--no-skip")[0] == 0
    code, report = _drift(deployed)
    assert {i["kind"] for i in report["items"]} == {"unmanaged", "role-assignment"}, report["items"]
    rc = emulator.resources()
    rc.resources.begin_delete_by_id(extra, api_version="2023-01-31").result()
    rc.resources.begin_delete_by_id(assignment, api_version="2022-04-01").result()
    assert _drift(deployed) == (0, {"environment": ENV, "drift": 0, "items": []})


def test_deploy_refuses_when_the_live_what_if_differs_from_the_approved_one(deployed: Path, emulator) -> None:
    set_max_nodes(deployed, "nlp", 6)
    saved = deployed / "approved" / "what-if-int.json"
    shown = armgen(deployed, "what-if", "--env", ENV, "--format", "markdown", "--save", str(saved))
    assert shown.exit_code == 0, shown.output
    approved = json.loads(saved.read_text())
    assert approved["hash"] in shown.stdout and "scaleSettings.maxNodeCount" in shown.stdout
    assert "| `~` Modify | 1 |" in shown.stdout
    # someone changes a property by hand between the approval and the deploy
    _out_of_band(emulator)
    refused = armgen(deployed, "deploy", "--env", ENV, "--yes", "--approved-what-if", str(saved))
    assert refused.exit_code == FAILED, refused.output
    assert "differs from the approved one" in refused.output and "storageaccount-data" in refused.output
    assert "nothing was deployed" in refused.output
    # a fresh what-if, approved again, deploys
    assert armgen(deployed, "what-if", "--env", ENV, "--save", str(saved)).exit_code == 0
    code, report = deploy_json(deployed, "--yes", "--approved-what-if", str(saved))
    assert code == 0, report
    assert {u for u, s in ((u["unit"], u["result"]) for u in report["units"]) if s == "deployed"} == {
        "computecluster-nlp", "storageaccount-data"}


def test_an_approved_what_if_of_another_environment_is_unusable_input(deployed: Path) -> None:
    saved = deployed / "what-if.json"
    saved.write_text(json.dumps({"format": "armgen-what-if/1", "environment": "pro", "hash": "x", "units": {}}))
    result = armgen(deployed, "deploy", "--env", ENV, "--yes", "--approved-what-if", str(saved))
    assert result.exit_code == 2 and "of environment 'pro', not 'int'" in result.output
