"""armgen what-if / deploy / destroy end to end: the CLI, the real SDK, the emulator over HTTPS."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli

pytestmark = pytest.mark.integration
ENV = "int"
INT_UNITS = 39  # 22 units, and private networking: virtual network, 7 DNS zones, 9 endpoints


@pytest.fixture
def workdir(tmp_path: Path, emulator, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh `armgen init` + `armgen render`, with armgen pointed at the in-process emulator."""
    state = Path(emulator.state_dir)
    (state / "endpoint.json").write_text(json.dumps({"pid": os.getpid(), "url": emulator.server.url}))
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(state))
    for args in (["init", str(tmp_path)], ["render", "--spec", str(tmp_path / "mlenv.yaml")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
    return tmp_path


def armgen(workdir: Path, *args: str):  # click Result
    return CliRunner().invoke(cli, [*args, "--spec", str(workdir / "mlenv.yaml")], catch_exceptions=False)


def approved_deploy(workdir: Path, env: str, *args: str):  # click Result
    """A production deploy as the pipeline runs it: what-if --save (what the approver sees), then deploy --yes
    --approved-what-if (refused when the live what-if differs)."""
    saved = workdir / "approved" / f"what-if-{env}.json"
    shown = armgen(workdir, "what-if", "--env", env, "--save", str(saved))
    assert shown.exit_code == 0, shown.output
    return armgen(workdir, "deploy", "--env", env, "--yes", "--approved-what-if", str(saved), *args)


def deploy_json(workdir: Path, *args: str) -> tuple[int, dict]:
    result = armgen(workdir, "deploy", "--env", ENV, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}


def statuses(report: dict) -> dict[str, str]:
    return {u["unit"]: u["result"] for u in report["units"]}


def records(emulator) -> dict[str, str]:
    """Deployment name -> timestamp of every deployment record in the environment's groups."""
    dc = emulator.deployments()
    out = {}
    for group in emulator.resources().resource_groups.list():
        for dep in dc.deployments.list_by_resource_group(group.name):
            out[dep.name] = str(dep.properties.timestamp)
    for dep in dc.deployments.list_at_subscription_scope():
        out[dep.name] = str(dep.properties.timestamp)
    return out


def set_max_nodes(workdir: Path, workspace: str, value: int) -> None:
    spec = workdir / "mlenv.yaml"
    text = spec.read_text()
    block = text.split(f"- name: {workspace}", 1)
    block[1] = re.sub(r"maxNodes: [^\n]+", f"maxNodes: {value}", block[1], count=1)
    spec.write_text(f"- name: {workspace}".join(block))
    assert armgen(workdir, "render").exit_code == 0


def test_deploy_then_redeploy_sends_no_put(workdir: Path, emulator) -> None:
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert set(statuses(report).values()) == {"deployed"}
    assert len(report["units"]) == INT_UNITS
    before = records(emulator)
    assert len(before) >= INT_UNITS
    code, again = deploy_json(workdir)
    assert code == 0
    assert again["puts"] == 0
    assert set(statuses(again).values()) == {"skipped"}
    assert records(emulator) == before  # no deployment record was touched on the server


def test_changing_one_workspace_redeploys_only_its_cluster(workdir: Path, emulator) -> None:
    assert deploy_json(workdir)[0] == 0
    set_max_nodes(workdir, "nlp", 6)
    result = armgen(workdir, "what-if", "--env", ENV, "--format", "json")
    assert result.exit_code == 0, result.output
    units = json.loads(result.stdout)["units"]
    modified = [(u["unit"], c) for u in units for c in u["changes"] if c["changeType"] not in ("NoChange", "Ignore")]
    assert len(modified) == 1, modified
    unit, change = modified[0]
    assert unit == "computecluster-nlp" and change["changeType"] == "Modify"
    [delta] = change["delta"]
    assert delta["path"].endswith("scaleSettings.maxNodeCount")
    assert (delta["before"], delta["after"]) == (4, 6)
    text = armgen(workdir, "what-if", "--env", ENV, "--unit", "computecluster-nlp", "--fail-on-change")
    assert text.exit_code == 3  # changes found
    assert "~ properties.properties.scaleSettings.maxNodeCount: 4 => 6" in text.stdout
    code, report = deploy_json(workdir)
    assert code == 0
    assert {u for u, s in statuses(report).items() if s == "deployed"} == {"computecluster-nlp"}
    assert report["puts"] == 1


def test_throttling_and_service_unavailable_are_survived(workdir: Path, emulator) -> None:
    emulator.configure(faults=[
        {"kind": "throttle", "method": "PUT", "path_contains": "/deployments/", "retry_after": 1, "times": 2},
        {"kind": "error", "status": 503, "method": "GET", "path_contains": "/deployments/", "times": 1},
    ])
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert set(statuses(report).values()) == {"deployed"}


def test_a_failing_workspace_does_not_stop_the_others_and_a_rerun_converges(workdir: Path, emulator) -> None:
    emulator.configure(faults=[{"kind": "provision", "name": "gpu-cluster", "code": "QuotaExceeded",
                                "message": "Not enough NC-series quota in westeurope"}])
    result = armgen(workdir, "deploy", "--env", ENV)
    assert result.exit_code == 1
    assert "computecluster-vision failed" in result.output
    assert "QuotaExceeded" in result.output and "Not enough NC-series quota" in result.output
    assert "Traceback" not in result.output
    code, report = deploy_json(workdir)  # the fault is still there: nothing else is redone
    got = statuses(report)
    assert got["computecluster-vision"] == "failed" and code == 1
    assert all(s == "skipped" for u, s in got.items() if u != "computecluster-vision")
    emulator.configure()
    code, report = deploy_json(workdir)
    assert code == 0
    assert {u for u, s in statuses(report).items() if s == "deployed"} == {"computecluster-vision"}


def test_a_killed_deploy_is_finished_by_a_rerun(workdir: Path, emulator) -> None:
    emulator.configure(latency_seconds={"*": 0.25})
    proc = subprocess.Popen([sys.executable, "-m", "armgen.cli.main", "deploy", "--env", ENV, "--spec",
                             str(workdir / "mlenv.yaml")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "ARMGEN_EMULATOR_STATE": str(emulator.state_dir)})
    deadline = time.time() + 30
    while not records(emulator) and time.time() < deadline:  # wait until deploying has begun
        time.sleep(0.05)
    time.sleep(0.6)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = records(emulator)
    assert 0 < len(partial) < INT_UNITS  # it was stopped half-way
    emulator.configure()
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert "skipped" in statuses(report).values()  # what finished before the kill is not redone
    code, report = deploy_json(workdir)
    assert code == 0 and report["puts"] == 0


def test_destroy_removes_everything_and_a_redeploy_recovers_the_vault(workdir: Path, emulator) -> None:
    assert deploy_json(workdir)[0] == 0
    result = armgen(workdir, "destroy", "--env", ENV, "--yes")
    assert result.exit_code == 0, result.output
    assert [g.name for g in emulator.resources().resource_groups.list()] == []
    assert "deleted  role definition" in result.output
    blocked = armgen(workdir, "deploy", "--env", ENV)
    assert blocked.exit_code == 1
    assert "exists in deleted state" in blocked.output and "--recover-soft-deleted" in blocked.output
    code, report = deploy_json(workdir, "--recover-soft-deleted")
    assert code == 0, report
    assert set(statuses(report).values()) == {"deployed"}


def test_a_workspace_left_soft_deleted_is_purged_on_request(workdir: Path, emulator) -> None:
    assert deploy_json(workdir)[0] == 0
    emulator.resources().resource_groups.begin_delete("rg-mlp-nlp-int").result()  # by hand: no purge
    code, report = deploy_json(workdir)
    assert code == 1
    failed = {u["unit"]: u for u in report["units"] if u["result"] == "failed"}
    assert list(failed) == ["mlworkspace-nlp"]
    assert "SoftDeletedWorkspaceExists" in json.dumps(failed["mlworkspace-nlp"]["error"])
    assert statuses(report)["resourcegroups"] == "deployed"  # the group deleted by hand is recreated
    hinted = armgen(workdir, "deploy", "--env", ENV)
    assert "hint: a deleted workspace keeps its name for 14 days: re-run with --purge-soft-deleted" in hinted.output
    code, report = deploy_json(workdir, "--purge-soft-deleted")
    assert code == 0, report
    assert statuses(report)["mlworkspace-nlp"] == "deployed"


def test_a_soft_deleted_vault_without_purge_protection_is_purged_on_request(workdir: Path, emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-elsewhere", {"location": "westeurope"})
    vid = ("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-elsewhere/providers/"
           "Microsoft.KeyVault/vaults/kv-mlp-shared-int")
    rc.resources.begin_create_or_update_by_id(vid, {
        "location": "westeurope", "properties": {
            "tenantId": "00000000-0000-0000-0000-000000000000", "sku": {"family": "A", "name": "standard"},
            "enableRbacAuthorization": True, "enableSoftDelete": True, "enablePurgeProtection": False}},
        api_version="2025-05-01").result()
    rc.resources.begin_delete_by_id(vid, api_version="2025-05-01").result()
    blocked = armgen(workdir, "deploy", "--env", ENV)
    assert blocked.exit_code == 1 and "exists in deleted state" in blocked.output
    result = armgen(workdir, "deploy", "--env", ENV, "--purge-soft-deleted")
    assert result.exit_code == 0, result.output
    assert "Key Vault kv-mlp-shared-int was soft-deleted: purged" in result.output


def test_principal_not_found_is_avoided_by_principal_type(workdir: Path, emulator) -> None:
    emulator.configure(principal_delay_seconds=5.0)
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert report["puts"] == INT_UNITS  # principalType: ServicePrincipal means no replication failure, no retry


IDENTITY_AND_GRANT = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [
        {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2024-11-30",
         "name": "id-fresh", "location": "westeurope", "properties": {}},
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "grant",
         "dependsOn": ["[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-fresh')]"],
         "properties": {
             "mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
             "parameters": {"principalId": {"value": "[reference(resourceId("
                                                       "'Microsoft.ManagedIdentity/userAssignedIdentities', "
                                                       "'id-fresh'), '2024-11-30').principalId]"}},
             "template": {
                 "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "contentVersion": "1.0.0.0", "parameters": {"principalId": {"type": "string"}},
                 "resources": [{
                     "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
                     "name": "[guid(resourceGroup().id, parameters('principalId'), 'acrpull')]",
                     "properties": {
                         "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', "
                                             "'7f951dda-4ed3-4680-a7ca-43fe172d538d')]",
                         "principalId": "[parameters('principalId')]"}}]}}},
    ],
}


def test_principal_not_found_for_a_new_identity_is_retried(workdir: Path, emulator) -> None:
    """A template without principalType hits the replication delay; the runner retries with backoff."""
    from armgen.deploy.plan import Plan, Step
    from armgen.deploy.runner import Runner
    from armgen.deploy.target import connect
    from armgen.render.units import RESOURCE_GROUP, Unit
    from armgen.spec import load_spec

    emulator.configure(principal_delay_seconds=0.6)
    env = load_spec(workdir / "mlenv.yaml").env(ENV)
    emulator.resources().resource_groups.create_or_update("rg-fresh", {"location": "westeurope"})
    step = Step(Unit("fresh", "fresh", RESOURCE_GROUP, "rg-fresh", {}), ENV, "armgen-int-fresh",
                IDENTITY_AND_GRANT, {}, 0)
    runner = Runner(connect(env), Plan(env, [step]), retry_delay=0.4)
    [result] = runner.run()
    assert result.status == "deployed", result.error
    assert runner.puts >= 2  # the first attempt failed with PrincipalNotFound


def test_production_needs_confirmation(workdir: Path, emulator) -> None:
    result = armgen(workdir, "deploy", "--env", "pro")
    assert result.exit_code == 2
    assert "needs confirmation" in result.output
    for flags in (["--yes"], ["--yes", "--prune"], ["--yes", "--what-if-first"], ["--yes", "--recreate-compute"]):
        bare = armgen(workdir, "deploy", "--env", "pro", *flags)
        assert bare.exit_code == 2, bare.output
        [line] = [x for x in bare.output.splitlines() if x.strip()]  # one line, no traceback
        assert line == ("Error: pro is a production environment: --yes needs --approved-what-if FILE, the change "
                        "set the approver saw ('armgen what-if --env pro --save FILE'); without --yes, deploy "
                        "shows the what-if and asks"), line
    # refused before anything was contacted or sent
    assert not [g for g in emulator.resources(subscription_id="00000000-0000-0000-0000-000000000002")
                .resource_groups.list() if g.name.startswith("rg-mlp-")]


def test_drifted_render_is_refused(workdir: Path) -> None:
    (workdir / "parameters" / "keyvault.parameters.int.json").write_text("{}\n")
    result = armgen(workdir, "deploy", "--env", ENV)
    assert result.exit_code == 1
    assert "differ from mlenv.yaml" in result.output


def test_default_azure_credential_through_a_fake_az_cli(workdir: Path, emulator, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    bindir = tmp_path / "bin"
    bindir.mkdir()
    token = emulator.endpoint.token
    az = bindir / "az"
    az.write_text("#!/bin/sh\n"
                  f"echo '{{\"accessToken\": \"{token}\", \"expiresOn\": \"2099-01-01 00:00:00.000000\", "
                  "\"expires_on\": 4070908800, \"subscription\": \"00000000-0000-0000-0000-000000000001\", "
                  "\"tenant\": \"00000000-0000-0000-0000-000000000000\", \"tokenType\": \"Bearer\"}'\n")
    az.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bindir}:{os.environ['PATH']}")
    monkeypatch.setenv("AZURE_TOKEN_CREDENTIALS", "AzureCliCredential")
    monkeypatch.setenv("ARMGEN_ARM_ENDPOINT", emulator.server.url)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", emulator.endpoint.ca_file)
    monkeypatch.setenv("ARMGEN_POLLING_INTERVAL", "0.1")
    result = armgen(workdir, "deploy", "--env", ENV, "--target", "azure", "--unit", "resourcegroups")
    assert result.exit_code == 0, result.output
    assert emulator.resources().resource_groups.check_existence("rg-mlp-shared-int")


def test_deployment_quota_is_met_by_pruning_armgen_records(workdir: Path, emulator) -> None:
    assert deploy_json(workdir)[0] == 0
    group = "rg-mlp-vision-int"
    tiny = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0", "resources": []}
    dc = emulator.deployments()
    for i in range(3):  # records of units this spec no longer has
        dc.deployments.begin_create_or_update(group, f"armgen-int-retired-{i}", {
            "properties": {"mode": "Incremental", "template": tiny}}).result()
    # its unit needs a new stack (and so a new deployment record); detach keeps its resources
    emulator.stacks().deployment_stacks.begin_delete_at_resource_group(group, "armgen-int-batchendpoint-vision").result()
    count = sum(1 for _ in dc.deployments.list_by_resource_group(group))
    emulator.configure(deployment_quota=count)
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert statuses(report)["batchendpoint-vision"] == "deployed"
    names = {d.name for d in dc.deployments.list_by_resource_group(group)}
    assert not any(n.startswith("armgen-int-retired-") for n in names)
    assert "armgen-int-batchendpoint-vision" in names


def test_ctrl_c_cancels_running_deployments_and_a_rerun_converges(workdir: Path, emulator) -> None:
    emulator.configure(latency_seconds={"*": 0.4})
    proc = subprocess.Popen([sys.executable, "-m", "armgen.cli.main", "deploy", "--env", ENV, "--spec",
                             str(workdir / "mlenv.yaml")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "ARMGEN_EMULATOR_STATE": str(emulator.state_dir)}, text=True)
    deadline = time.time() + 30
    while not records(emulator) and time.time() < deadline:  # wait until deploying has begun
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    dc = emulator.deployments()
    states = {d.name: d.properties.provisioning_state for d in dc.deployments.list_at_subscription_scope()}
    for group in emulator.resources().resource_groups.list():
        states.update({d.name: d.properties.provisioning_state
                       for d in dc.deployments.list_by_resource_group(group.name)})
    assert "Running" not in states.values() and "Accepted" not in states.values()
    assert "Canceled" in states.values() or len(states) < INT_UNITS
    emulator.configure()
    code, report = deploy_json(workdir)
    assert code == 0, report


def _deployment_states(emulator) -> dict[str, str]:
    dc = emulator.deployments()
    states = {d.name: d.properties.provisioning_state for d in dc.deployments.list_at_subscription_scope()}
    for group in emulator.resources().resource_groups.list():
        states.update({d.name: d.properties.provisioning_state
                       for d in dc.deployments.list_by_resource_group(group.name)})
    return states


def test_ctrl_c_with_leave_exits_at_once_and_a_rerun_resumes(workdir: Path, emulator) -> None:
    emulator.configure(latency_seconds={"*": 8})  # a unit takes far longer than deploy may take to exit
    proc = subprocess.Popen([sys.executable, "-m", "armgen.cli.main", "deploy", "--env", ENV, "--on-interrupt",
                             "leave", "--spec", str(workdir / "mlenv.yaml")], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "ARMGEN_EMULATOR_STATE": str(emulator.state_dir)},
                            text=True)
    deadline = time.time() + 60
    while not records(emulator) and time.time() < deadline:  # wait until deploying has begun
        time.sleep(0.05)
    time.sleep(0.3)
    interrupted = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    took = time.monotonic() - interrupted
    assert proc.returncode == 130, err
    assert took < 4, f"deploy took {took:.1f} s to exit after Ctrl-C"
    assert "Traceback" not in err
    assert ("Error: interrupted: 1 unit(s) keep deploying in Azure (resourcegroups); armgen did not wait for them. "
            f"Re-run the same 'armgen deploy --env {ENV}' to resume: it waits for units still deploying, skips what "
            "finished and deploys the rest") in err
    assert "Running" in _deployment_states(emulator).values()  # left running, not cancelled
    emulator.configure()
    code, report = deploy_json(workdir)
    assert code == 0, report
    assert set(statuses(report).values()) <= {"deployed", "skipped"}
    assert "Running" not in _deployment_states(emulator).values()


def test_what_if_first_shows_the_changes_before_deploying(workdir: Path) -> None:
    result = armgen(workdir, "deploy", "--env", ENV, "--what-if-first", "--yes", "--unit", "resourcegroups")
    assert result.exit_code == 0, result.output
    assert "+ Microsoft.Resources/resourceGroups/rg-mlp-shared-int" in result.output or \
        "rg-mlp-shared-int" in result.output
    assert result.output.index("Total over 1 unit(s): 3 to create.") < result.output.index("deployed")


def test_destroy_refuses_production_without_the_flag(workdir: Path) -> None:
    result = armgen(workdir, "destroy", "--env", "pro", "--yes")
    assert result.exit_code == 2
    assert "--allow-production" in result.output


def test_plan_and_what_if_of_an_unknown_unit_fail_cleanly(workdir: Path) -> None:
    result = armgen(workdir, "what-if", "--env", ENV, "--unit", "nope")
    assert result.exit_code == 2
    assert "no unit 'nope'" in result.output and "Traceback" not in result.output


def test_a_vm_size_change_needs_recreate_compute(workdir: Path, emulator) -> None:
    assert deploy_json(workdir)[0] == 0
    spec = workdir / "mlenv.yaml"
    spec.write_text(spec.read_text().replace("vmSize: Standard_DS3_v2", "vmSize: Standard_D4s_v5"))
    assert armgen(workdir, "render").exit_code == 0
    shown = armgen(workdir, "what-if", "--env", ENV, "--unit", "computecluster-nlp")
    assert "! requires re-create (properties.properties.vmSize)" in shown.stdout
    assert "--recreate computecluster-nlp" in shown.stdout
    refused = armgen(workdir, "deploy", "--env", ENV)
    assert refused.exit_code == 1
    assert "computecluster-nlp: cpu-cluster (properties.properties.vmSize)" in refused.output
    assert "Nothing was sent" in refused.output
    code, report = deploy_json(workdir, "--recreate-compute", "--yes")
    assert code == 0, report
    cid = ("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-nlp-int/providers/"
           "Microsoft.MachineLearningServices/workspaces/mlw-mlp-nlp-int/computes/cpu-cluster")
    live = emulator.resources().resources.get_by_id(cid, api_version="2025-12-01").as_dict()
    assert live["properties"]["properties"]["vmSize"] == "Standard_D4s_v5"


def test_a_globally_taken_name_stops_the_deploy_before_anything_is_sent(workdir: Path, emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-someone-else", {"location": "westeurope"})
    rc.resources.begin_create_or_update_by_id(
        "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-someone-else/providers/"
        "Microsoft.Storage/storageAccounts/stmlpdataint",
        {"location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "properties": {}},
        api_version="2025-08-01").result()
    result = armgen(workdir, "deploy", "--env", ENV)
    assert result.exit_code == 1
    assert "stmlpdataint (storageAccount: AlreadyExists)" in result.output
    assert "rg-mlp-shared-int" not in [g.name for g in rc.resource_groups.list()]  # nothing was deployed


def test_what_if_warns_when_a_workspace_link_would_change(workdir: Path, emulator) -> None:
    assert deploy_json(workdir)[0] == 0
    spec = workdir / "mlenv.yaml"
    spec.write_text(spec.read_text().replace("healthy: {sku: {default: Standard, int: Premium, pro: Premium}}",
                                             "healthy: {sku: {default: Standard, int: Premium, pro: Premium}, "
                                             "name: 'crmlpgood{env}'}"))
    assert armgen(workdir, "render").exit_code == 0
    shown = armgen(workdir, "what-if", "--env", ENV, "--unit", "mlworkspace-vision")
    assert "mlw-mlp-vision-int [2025-12-01] ! requires re-create (properties.containerRegistry)" in shown.stdout
    refused = armgen(workdir, "deploy", "--env", ENV)
    assert refused.exit_code == 1
    assert "Azure cannot change these properties after creation: mlworkspace-vision: mlw-mlp-vision-int " \
           "(properties.containerRegistry)" in refused.output


def test_no_skip_restores_what_was_deleted_outside_armgen(workdir: Path, emulator) -> None:
    assert deploy_json(workdir)[0] == 0
    rid = ("/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-mlp-shared-int/providers/"
           "Microsoft.OperationalInsights/workspaces/log-mlp-shared-int")
    rc = emulator.resources()
    rc.resources.begin_delete_by_id(rid, api_version="2025-07-01").result()
    code, report = deploy_json(workdir)
    assert code == 0 and statuses(report)["loganalytics"] == "skipped"  # the record still matches
    code, report = deploy_json(workdir, "--no-skip")
    assert code == 0 and set(statuses(report).values()) == {"deployed"}
    assert rc.resources.check_existence_by_id(rid, api_version="2025-07-01")
