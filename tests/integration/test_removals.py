"""The environment converges to the spec: removals through deployment stacks, with the real SDK."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from tests.integration.conftest import network_team_resources
from tests.integration.test_deploy_e2e import (  # noqa: F401
    ENV,
    approved_deploy,
    armgen,
    deploy_json,
    records,
    statuses,
    workdir,
)

pytestmark = pytest.mark.integration
SUB = "00000000-0000-0000-0000-000000000001"
NLP_GROUP = "rg-mlp-nlp-int"


def drop_nlp(root: Path) -> None:
    spec = root / "mlenv.yaml"
    text = spec.read_text()
    start, end = text.index("  - name: nlp"), text.index("\nrelease:")
    spec.write_text(text[:start] + text[end + 1:])
    config = root / "datastore_config.json"
    data = json.loads(config.read_text())
    for d in data["datastores"]:
        d["workspaces"] = [w for w in d["workspaces"] if w != "nlp"]
    data["datastores"] = [d for d in data["datastores"] if d["workspaces"]]  # nlp's own ones go with it
    config.write_text(json.dumps(data, indent=2))
    assert armgen(root, "render").exit_code == 0


def drop_datastore(root: Path, name: str) -> None:
    config = root / "datastore_config.json"
    data = json.loads(config.read_text())
    data["datastores"] = [d for d in data["datastores"] if d["name"] != name]
    config.write_text(json.dumps(data, indent=2))
    assert armgen(root, "render").exit_code == 0


def groups(emulator) -> set[str]:
    return {g.name for g in emulator.resources().resource_groups.list()}


def datastore_id(ws: str, name: str) -> str:
    return (f"/subscriptions/{SUB}/resourceGroups/rg-mlp-{ws}-int/providers/Microsoft.MachineLearningServices/"
            f"workspaces/mlw-mlp-{ws}-int/datastores/{name}")


def exists(emulator, rid: str) -> bool:
    return emulator.resources().resources.check_existence_by_id(rid, api_version="2025-12-01")


def test_a_removed_workspace_is_listed_refused_then_pruned(workdir: Path, emulator) -> None:  # noqa: F811
    assert deploy_json(workdir)[0] == 0
    drop_nlp(workdir)
    shown = armgen(workdir, "what-if", "--env", ENV, "--format", "json")
    assert shown.exit_code == 0, shown.output
    units = {u["unit"]: u for u in json.loads(shown.stdout)["units"]}
    deletes = {u: [c["resourceId"] for c in units[u]["changes"] if c["changeType"] == "Delete"] for u in units}
    assert any(i.endswith("/workspaces/mlw-mlp-nlp-int") for i in deletes["mlworkspace-nlp"])
    assert any(i.endswith("/computes/cpu-cluster") for i in deletes["computecluster-nlp"])
    assert f"/subscriptions/{SUB}/resourceGroups/{NLP_GROUP}" in deletes["resourcegroups"]
    text = armgen(workdir, "what-if", "--env", ENV)
    assert "- Microsoft.MachineLearningServices/workspaces/mlw-mlp-nlp-int" in text.stdout
    before = records(emulator)
    refused = armgen(workdir, "deploy", "--env", ENV)
    assert refused.exit_code == 1 and "--prune" in refused.output and "nothing was sent" in refused.output
    assert "(mlworkspace-nlp: its unit is no longer in the spec)" in refused.output
    assert records(emulator) == before and NLP_GROUP in groups(emulator)
    pruned = armgen(workdir, "deploy", "--env", ENV, "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert NLP_GROUP not in groups(emulator)
    assert not [s for s in emulator.stacks().deployment_stacks.list_at_subscription() if "nlp" in s.name]
    verified = armgen(workdir, "verify", "--env", ENV)
    assert verified.exit_code == 0, verified.output
    code, again = deploy_json(workdir)
    assert code == 0 and again["puts"] == 0 and set(statuses(again).values()) == {"skipped"}
    # the workspace name is free again: bringing nlp back deploys it from scratch
    assert CliRunner().invoke(cli, ["init", str(workdir), "--force"]).exit_code == 0
    assert armgen(workdir, "render").exit_code == 0
    code, report = deploy_json(workdir)
    assert code == 0, report


def test_one_removed_datastore_goes_alone(workdir: Path, emulator) -> None:  # noqa: F811
    assert deploy_json(workdir)[0] == 0
    drop_datastore(workdir, "init_networks")
    shown = armgen(workdir, "what-if", "--env", ENV, "--unit", "datastore-vision")
    assert "- Microsoft.MachineLearningServices/workspaces/mlw-mlp-vision-int/datastores/init_networks" in shown.stdout
    code, report = deploy_json(workdir, "--prune")
    assert code == 0, report
    assert {u for u, s in statuses(report).items() if s == "deployed"} == {"datastore-vision"}
    assert not exists(emulator, datastore_id("vision", "init_networks"))
    assert exists(emulator, datastore_id("vision", "datasets")) and exists(emulator, datastore_id("nlp", "datasets"))


def test_detach_keeps_the_resource_and_stops_managing_it(workdir: Path, emulator) -> None:  # noqa: F811
    spec = workdir / "mlenv.yaml"
    spec.write_text(spec.read_text().replace("    tags: {environment: int}",
                                             "    tags: {environment: int}\n    lifecycle: {removals: detach}"))
    assert armgen(workdir, "render").exit_code == 0
    assert deploy_json(workdir)[0] == 0
    drop_datastore(workdir, "init_networks")
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert exists(emulator, datastore_id("vision", "init_networks"))
    stack = emulator.stacks().deployment_stacks.get_at_resource_group("rg-mlp-vision-int", "armgen-int-datastore-vision")
    assert [r.id for r in stack.properties.detached_resources] == [datastore_id("vision", "init_networks")]
    assert datastore_id("vision", "init_networks") not in [r.id for r in stack.properties.resources]
    shown = armgen(workdir, "what-if", "--env", ENV, "--unit", "datastore-vision", "--format", "json")
    assert not [c for u in json.loads(shown.stdout)["units"] for c in u["changes"] if c["changeType"] == "Delete"]
    assert datastore_id("vision", "init_networks") in json.loads(shown.stdout)["unmanaged"]  # reported, kept


def test_a_resource_made_by_hand_is_reported_and_kept(workdir: Path, emulator) -> None:  # noqa: F811
    assert deploy_json(workdir)[0] == 0
    rc = emulator.resources()
    mine = (f"/subscriptions/{SUB}/resourceGroups/{NLP_GROUP}/providers/Microsoft.ManagedIdentity/"
            "userAssignedIdentities/id-by-hand")
    rc.resources.begin_create_or_update_by_id(mine, {"location": "westeurope"}, api_version="2024-11-30").result()
    shown = armgen(workdir, "what-if", "--env", ENV)
    assert f"Not managed by armgen (created outside it; kept, never deleted): {mine}" in shown.stdout
    drop_nlp(workdir)
    result = armgen(workdir, "deploy", "--env", ENV, "--prune")
    assert result.exit_code == 0, result.output
    assert f"kept    resource group {NLP_GROUP}" in result.output
    assert rc.resources.check_existence_by_id(mine, api_version="2024-11-30")
    assert not exists(emulator, f"/subscriptions/{SUB}/resourceGroups/{NLP_GROUP}/providers/"
                                "Microsoft.MachineLearningServices/workspaces/mlw-mlp-nlp-int")


def test_what_azure_writes_for_private_endpoints_is_not_made_by_hand(workdir: Path, emulator) -> None:  # noqa: F811
    """int is private: its zone groups write A records into armgen's zones; they are Azure's, as in drift."""
    assert deploy_json(workdir)[0] == 0
    shown = armgen(workdir, "what-if", "--env", ENV)
    assert shown.exit_code == 0 and "/A/" not in shown.stdout and "Not managed by armgen" not in shown.stdout
    again = armgen(workdir, "deploy", "--env", ENV, "--no-skip", "--what-if-first", "--yes")  # no skip: still listed
    assert again.exit_code == 0 and "Not managed by armgen" not in again.output, again.output


def test_destroy_after_a_workspace_left_the_spec_leaves_no_group(workdir: Path, emulator) -> None:  # noqa: F811
    assert deploy_json(workdir)[0] == 0
    drop_nlp(workdir)
    result = armgen(workdir, "destroy", "--env", ENV, "--yes")
    assert result.exit_code == 0, result.output
    assert groups(emulator) == set()
    assert list(emulator.stacks().deployment_stacks.list_at_subscription()) == []


def test_production_removals_need_prune_with_yes_and_a_locked_group_refuses_them(workdir: Path,  # noqa: F811
                                                                               emulator) -> None:
    network_team_resources(emulator)
    first = approved_deploy(workdir, "pro")
    assert first.exit_code == 0, first.output
    drop_datastore(workdir, "init_networks")
    listed = approved_deploy(workdir, "pro")
    assert listed.exit_code == 1 and "init_networks" in listed.output and "--prune" in listed.output
    locked = approved_deploy(workdir, "pro", "--prune")
    assert locked.exit_code == 1 and "ScopeLocked" in locked.output and "nothing was sent" in locked.output
    spec = workdir / "mlenv.yaml"  # without the lock, and with removals: delete
    spec.write_text(spec.read_text().replace("      locks: CanNotDelete", "      removals: delete"))
    assert armgen(workdir, "render").exit_code == 0
    assert armgen(workdir, "destroy", "--env", "pro", "--yes", "--allow-production", "--remove-locks").exit_code == 0
    again = approved_deploy(workdir, "pro", "--recover-soft-deleted")
    assert again.exit_code == 0, again.output
    drop_datastore(workdir, "results")
    refused = armgen(workdir, "deploy", "--env", "pro", "--yes", "--prune")  # production: never a bare --yes
    assert refused.exit_code == 2 and "--approved-what-if" in refused.output
    done = approved_deploy(workdir, "pro", "--prune")  # the approved what-if lists the removal as Delete
    assert done.exit_code == 0, done.output
