"""``armgen verify`` and ``armgen roles test`` against the emulator, through the real Azure SDK.

Each test deploys the repository's sample int environment with armgen's own runner, then
changes something out of band through the SDK's generic resources API (as a person in the
portal would) and checks that the right check fails with a clear message.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.catalog import BUILTIN_ROLES, api

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
ENV = "int"


@pytest.fixture
def deployed(emulator):  # fixture objects
    """(plan, target) of the sample int environment freshly deployed to an empty emulator."""
    from armgen.deploy.plan import build_plan
    from armgen.deploy.runner import Runner
    from armgen.deploy.target import Target
    from armgen.spec import load_spec

    plan = build_plan(load_spec(ROOT / "mlenv.yaml"), ENV, ROOT)
    sub = plan.env.subscription_id
    target = Target("emulator", sub, emulator.resources(subscription_id=sub),
                    emulator.deployments(subscription_id=sub), "in-process emulator",
                    emulator.stacks(subscription_id=sub))
    results = Runner(target, plan, parallel=4).run()
    assert all(r.status == "deployed" for r in results), [(r.name, r.status) for r in results]
    return plan, target


def _verify(plan, target, timeout: float = 0.2):
    from armgen.roles.deployed import check_definition, role_definition_id
    from armgen.verify.runner import verify_environment

    return verify_environment(plan, target, timeout, custom_role_id=role_definition_id(plan.env),
                              check_role=lambda r: check_definition(r, "role-definition", plan.env, target))


def _failed(report) -> dict[str, str]:
    return {f"[{c.group}] {c.name}": c.message for c in report.failed}


def _rid(plan, group: str, rtype: str, name: str) -> str:
    return f"/subscriptions/{plan.env.subscription_id}/resourceGroups/{group}/providers/{rtype}/{name}"


def _get(target, rid: str) -> dict:
    from armgen.live.fetch import get_resource

    found = get_resource(target, rid)
    assert found is not None, rid
    return found


def _put(target, rid: str, body: dict, rtype: str) -> None:
    body = {k: v for k, v in body.items() if k not in ("id", "name", "type", "systemData", "etag")}
    target.resources.resources.begin_create_or_update_by_id(rid, body, api_version=api(rtype)).result()


def _delete(target, rid: str, rtype: str) -> None:
    target.resources.resources.begin_delete_by_id(rid, api_version=api(rtype)).result()


def test_the_deployed_sample_passes_every_check(deployed) -> None:
    plan, target = deployed
    report = _verify(plan, target)
    assert report.failed == [], _failed(report)
    groups = {c.group for c in report.checks}
    assert {"storage", "key-vault", "registry", "workspace", "compute", "datastores", "workspace-links",
            "role-assignments", "role-definition", "batch-endpoint"} <= groups
    names = [c.name for c in report.checks]
    for ws in plan.env.workspaces:
        assert f"Azure AI Developer for identity {plan.env.shared.identity_name} on {ws.name}" in names
    assert f"Key Vault Secrets User for identity {plan.env.shared.identity_name} on " \
           f"{plan.env.shared.key_vault_name}" in names
    principal = plan.env.shared.model_developer.assign_to[0].principal_id
    assert sum(f"for principal {principal} on" in n for n in names) == len(plan.env.resource_groups)


def test_a_deleted_storage_account_fails_its_checks(deployed) -> None:
    plan, target = deployed
    s = plan.env.shared
    st = "Microsoft.Storage/storageAccounts"
    rid = _rid(plan, s.resource_group, st, s.storage["data"].name)
    _delete(target, rid, st)
    failed = _failed(_verify(plan, target))
    assert failed[f"[storage] storage account {s.storage['data'].name}"] == f"not found: {rid}"
    assert f"[storage] storage account {s.storage['workspace'].name}" not in failed
    # the account is private (int): its public-access check fails too, its endpoint stays
    assert failed[f"[private-link] {s.storage['data'].name} has public network access disabled"] == \
        f"not found: {rid}"
    assert all(k.startswith(("[storage]", "[role-assignments]", "[private-link]")) for k in failed), list(failed)


def test_a_property_changed_out_of_band_fails_with_the_difference(deployed) -> None:
    plan, target = deployed
    s = plan.env.shared
    st = "Microsoft.Storage/storageAccounts"
    rid = _rid(plan, s.resource_group, st, s.storage["workspace"].name)
    body = _get(target, rid)
    body["properties"]["minimumTlsVersion"] = "TLS1_0"
    body["properties"]["allowSharedKeyAccess"] = True
    _put(target, rid, body, st)
    failed = _failed(_verify(plan, target))
    assert list(failed) == [f"[storage] storage account {s.storage['workspace'].name}"]
    message = next(iter(failed.values()))
    assert "properties.minimumTlsVersion is 'TLS1_0', expected 'TLS1_2'" in message
    assert "properties.allowSharedKeyAccess is True, expected False" in message


def test_a_changed_node_count_fails_the_compute_check(deployed) -> None:
    plan, target = deployed
    ws = plan.env.workspaces[0]
    ct = "Microsoft.MachineLearningServices/workspaces/computes"
    rid = _rid(plan, ws.resource_group, "Microsoft.MachineLearningServices/workspaces", ws.name) + \
        f"/computes/{ws.compute.name}"
    body = _get(target, rid)
    body["properties"]["properties"]["scaleSettings"]["maxNodeCount"] = 7
    _put(target, rid, body, ct)
    failed = _failed(_verify(plan, target))
    assert failed == {f"[compute] compute cluster {ws.name}/{ws.compute.name}":
                      f"properties.properties.scaleSettings.maxNodeCount is 7, expected {ws.compute.max_nodes}"}


def test_a_datastore_on_a_workspace_it_is_not_prescribed_for_fails(deployed) -> None:
    plan, target = deployed
    vision, nlp = plan.env.workspaces
    ml = "Microsoft.MachineLearningServices/workspaces"
    source = _get(target, _rid(plan, vision.resource_group, ml, vision.name) + "/datastores/init_networks")
    _put(target, _rid(plan, nlp.resource_group, ml, nlp.name) + "/datastores/init_networks", source,
         ml + "/datastores")
    failed = _failed(_verify(plan, target))
    assert failed == {f"[datastores] workspace {nlp.name} has only its prescribed datastores "
                      "(curated_lake, datasets, partner_exports, results)":
                      "registered but not prescribed for nlp in datastore_config.json: init_networks"}


def test_a_deleted_datastore_fails(deployed) -> None:
    plan, target = deployed
    vision = plan.env.workspaces[0]
    ml = "Microsoft.MachineLearningServices/workspaces"
    rid = _rid(plan, vision.resource_group, ml, vision.name) + "/datastores/results"
    _delete(target, rid, ml + "/datastores")
    assert _failed(_verify(plan, target)) == {f"[datastores] datastore {vision.name}/results": f"not found: {rid}"}


def test_a_missing_role_assignment_fails_after_polling_and_a_late_one_passes(deployed) -> None:
    plan, target = deployed
    from armgen.live.state import LiveState
    from armgen.verify.expected import expected_resources

    expected, _ = expected_resources(plan, LiveState(target))
    kv_secrets = BUILTIN_ROLES["Key Vault Secrets User"]
    item = next(e for e in expected if e.type.lower() == "microsoft.authorization/roleassignments"
                and e.body["properties"]["roleDefinitionId"].endswith(kv_secrets))
    ra = "Microsoft.Authorization/roleAssignments"
    body = _get(target, item.id)
    _delete(target, item.id, ra)
    label = f"[role-assignments] Key Vault Secrets User for identity {plan.env.shared.identity_name} on " \
            f"{plan.env.shared.key_vault_name}"
    assert _failed(_verify(plan, target, timeout=0.3)) == {label: f"not found: {item.id}"}

    # access lags behind a new assignment: verify polls until it shows instead of sleeping a fixed time
    late = threading.Timer(0.5, _put, (target, item.id, body, ra))
    late.start()
    try:
        report = _verify(plan, target, timeout=30)
    finally:
        late.join()
    assert report.failed == [], _failed(report)


def test_a_widened_role_definition_fails_verify_and_roles_test(deployed) -> None:
    plan, target = deployed
    from armgen.check_report import CheckReport
    from armgen.roles.deployed import check_deployed_role, role_definition_id

    rid = role_definition_id(plan.env)
    rd = "Microsoft.Authorization/roleDefinitions"
    body = _get(target, rid)
    clean = CheckReport("roles")
    check_deployed_role(clean, plan.env, target, 0.2)
    assert clean.failed == []
    body["properties"]["permissions"][0]["actions"].append("Microsoft.Authorization/*/write")
    body["properties"]["permissions"][0]["notActions"] = []
    _put(target, rid, body, rd)
    failed = _failed(_verify(plan, target))
    assert list(failed) == [f"[role-definition] role definition '{plan.env.shared.model_developer.role_name}' "
                            "matches the rendered one"]
    assert "actions differ (deployed only: ['microsoft.authorization/*/write']" in next(iter(failed.values()))
    roles = CheckReport("roles")
    check_deployed_role(roles, plan.env, target, 0.2)
    too_much = [c for c in roles.failed if c.group == "role-guardrails"]
    assert too_much and all(c.name.startswith("deployed: ") for c in too_much)
    assert any("Microsoft.Authorization/roleAssignments/write" in c.name and "grants too much" in c.message
               for c in too_much)


def test_verify_and_roles_test_commands(deployed, monkeypatch, tmp_path) -> None:
    plan, target = deployed
    import armgen.deploy.target as target_module
    from armgen.cli.main import cli

    monkeypatch.setattr(target_module, "connect", lambda env, kind=None, **kw: target)
    runner = CliRunner()
    spec = str(ROOT / "mlenv.yaml")
    ok = runner.invoke(cli, ["verify", "--spec", spec, "--env", ENV, "--format", "json"])
    assert ok.exit_code == 0, ok.output
    body = json.loads(ok.stdout)
    assert body["failed"] == 0 and body["passed"] > 30
    roles = runner.invoke(cli, ["roles", "test", "--spec", spec, "--env", ENV, "--timeout", "0.2"])
    assert roles.exit_code == 0, roles.output
    assert "0 failed" in roles.stdout

    s = plan.env.shared
    _delete(target, _rid(plan, s.resource_group, "Microsoft.ContainerRegistry/registries",
                         s.registries["healthy"].name), "Microsoft.ContainerRegistry/registries")
    out = tmp_path / "verify.xml"
    bad = runner.invoke(cli, ["verify", "--spec", spec, "--env", ENV, "--format", "junit", "-o", str(out),
                              "--timeout", "0.2"])
    assert bad.exit_code == 1
    assert f"[registry] container registry {s.registries['healthy'].name}" in bad.stderr
    assert "Traceback" not in bad.output
    xml = out.read_text()
    assert "<failure" in xml and "not found" in xml


def test_a_workspace_bound_to_another_registry_fails_the_link_check(deployed) -> None:
    plan, target = deployed
    ws, s = plan.env.workspaces[1], plan.env.shared
    ml = "Microsoft.MachineLearningServices/workspaces"
    rid = _rid(plan, ws.resource_group, ml, ws.name)
    staging = _rid(plan, s.resource_group, "Microsoft.ContainerRegistry/registries", s.registries["staging"].name)
    body = _get(target, rid)
    body["properties"]["containerRegistry"] = staging
    # the link cannot change in place (as on Azure): the workspace was purged and created again by hand
    from azure.core.rest import HttpRequest

    purge = HttpRequest("DELETE", f"{rid}?api-version={api(ml)}&forceToPurge=true")
    assert target.resources.send_request(purge).status_code in (200, 202, 204)
    _put(target, rid, body, ml)
    failed = _failed(_verify(plan, target))
    healthy = staging.replace(s.registries["staging"].name, s.registries["healthy"].name)
    link = (f"[workspace-links] workspace {ws.name} is bound to the shared storage, key vault, "
            "app insights and healthy registry")
    assert failed.pop(link) == f"containerRegistry is {staging}, expected {healthy}"
    # the children went with the purged workspace; each is reported missing, nothing else fails
    # so did the grants of its system identity: the recreated workspace has a new principal
    grants = {k for k in failed if k.startswith("[role-assignments] Storage Blob Data")}
    assert len(grants) == 2, failed
    for k in grants:
        failed.pop(k)
    assert failed and all(v.startswith(f"not found: {rid}/") for v in failed.values()), failed


def test_roles_test_reports_a_missing_assignment_of_the_custom_role(deployed) -> None:
    plan, target = deployed
    from armgen.check_report import CheckReport
    from armgen.roles.deployed import assignment_id, check_deployed_role, group_id, role_definition_id

    principal = plan.env.shared.model_developer.assign_to[0].principal_id
    group = plan.env.workspaces[0].resource_group
    rid = assignment_id(group_id(plan.env, group), principal, role_definition_id(plan.env))
    _get(target, rid)  # the name armgen computes is the one the template deployed
    _delete(target, rid, "Microsoft.Authorization/roleAssignments")
    report = CheckReport("roles")
    check_deployed_role(report, plan.env, target, 0.2)
    assert [(c.name, c.message) for c in report.failed] == [(
        f"{plan.env.shared.model_developer.role_name} assigned to {principal} on {group}",
        f"no role assignment {rid.rsplit('/', 1)[1]} at {group_id(plan.env, group)}")]
