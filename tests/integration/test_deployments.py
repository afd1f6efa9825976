"""Template deployments through the real DeploymentsMgmtClient: outputs, records, operations, export."""

from __future__ import annotations

import re
import uuid

import pytest
from azure.core.exceptions import HttpResponseError, ResourceNotFoundError

from tests.integration.support import body, deploy, load_fixture

pytestmark = pytest.mark.integration


def _group(emulator, name: str) -> None:
    emulator.resources().resource_groups.create_or_update(name, {"location": "westeurope"})


def test_deploy_shared_template_and_read_outputs(emulator) -> None:
    _group(emulator, "rg-shared")
    template = load_fixture("shared.json")
    result = deploy(emulator, "rg-shared", "shared", template, env="dev")
    props = result.properties
    assert props.provisioning_state == "Succeeded"
    outputs = props.outputs
    sa = outputs["storageAccountName"]["value"]
    assert outputs["blobEndpoint"] == {"type": "String", "value": f"https://{sa}.blob.core.windows.net/"}
    assert outputs["loginServer"]["value"].endswith(".azurecr.io")
    assert outputs["containerCount"] == {"type": "Int", "value": 2}
    assert outputs["storageKeyLength"]["value"] > 40
    identity = emulator.resources().resources.get_by_id(outputs["identityId"]["value"], api_version="2023-01-31")
    assert outputs["principalId"]["value"] == identity.properties["principalId"]
    uuid.UUID(identity.properties["principalId"])
    assert re.fullmatch(r"\d+", props.template_hash)
    assert re.fullmatch(r"PT\d+(\.\d+)?S", props.duration)
    assert props.timestamp is not None
    assert props.parameters["env"] == {"type": "String", "value": "dev"}
    assert props.parameters["retentionDays"] == {"type": "Int", "value": 30}  # defaults are echoed too
    deployed = {r.id.rsplit("/", 1)[-1] for r in props.output_resources}
    assert {"datasets", "results", sa, identity.name} <= deployed


def test_deployment_get_list_operations_export_hash(emulator) -> None:
    _group(emulator, "rg-records")
    template = load_fixture("shared.json")
    deploy(emulator, "rg-records", "shared", template, env="int")
    dc = emulator.deployments()
    got = dc.deployments.get("rg-records", "shared")
    assert got.properties.provisioning_state == "Succeeded"
    assert [d.name for d in dc.deployments.list_by_resource_group("rg-records")] == ["shared"]
    ops = list(dc.deployment_operations.list("rg-records", "shared"))
    targets = sorted(o.properties.target_resource.resource_type for o in ops)
    assert targets.count("Microsoft.Storage/storageAccounts/blobServices/containers") == 2
    assert all(o.properties.provisioning_state == "Succeeded" for o in ops)
    assert len(ops) == 10  # 9 declarations, the container copy counts twice
    assert dc.deployments.export_template("rg-records", "shared").template == template
    hashed = dc.deployments.calculate_template_hash(template)
    assert hashed.template_hash == got.properties.template_hash
    assert hashed.minified_template == hashed.minified_template.upper()


def test_delete_deployment_record_keeps_resources(emulator) -> None:
    _group(emulator, "rg-delrec")
    result = deploy(emulator, "rg-delrec", "shared", load_fixture("shared.json"), env="dev")
    dc = emulator.deployments()
    dc.deployments.begin_delete("rg-delrec", "shared").result()
    with pytest.raises(ResourceNotFoundError):
        dc.deployments.get("rg-delrec", "shared")
    assert dc.deployments.check_existence("rg-delrec", "shared") is False
    sa_id = result.properties.output_resources[1].id
    assert emulator.resources().resources.get_by_id(sa_id, api_version="2023-05-01").name


def test_validate_reports_invalid_names_as_preflight_errors(emulator) -> None:
    _group(emulator, "rg-validate")
    template = load_fixture("shared.json")
    dc = emulator.deployments()
    ok = dc.deployments.begin_validate("rg-validate", "shared", body(template, env="dev")).result()
    assert ok.properties.provisioning_state == "Succeeded"
    assert len(ok.properties.validated_resources) == 10
    with pytest.raises(HttpResponseError) as err:
        dc.deployments.begin_validate("rg-validate", "shared", body(template, env="dev", project="MLP")).result()
    assert err.value.error.code == "InvalidTemplateDeployment"
    inner = err.value.error.details[0]
    assert inner.code == "PreflightValidationCheckFailed"
    assert "AccountNameInvalid" in {d.code for d in inner.details}


def test_invalid_template_and_parameters_fail_synchronously(emulator) -> None:
    _group(emulator, "rg-invalid")
    dc = emulator.deployments()
    with pytest.raises(HttpResponseError) as err:
        dc.deployments.begin_create_or_update("rg-invalid", "bad", body(load_fixture("shared.json"), env="qa"))
    assert err.value.status_code == 400 and err.value.error.code == "InvalidTemplate"
    with pytest.raises(ResourceNotFoundError):
        dc.deployments.begin_create_or_update("rg-missing", "x", body(load_fixture("shared.json"), env="dev"))


def test_failed_resource_fails_the_deployment_with_nested_details(emulator) -> None:
    _group(emulator, "rg-first")
    _group(emulator, "rg-second")
    template = load_fixture("shared.json")
    first = deploy(emulator, "rg-first", "shared", template, env="dev")
    taken = first.properties.outputs["storageAccountName"]["value"]
    template["variables"]["storageName"] = taken  # the same global name from another group
    with pytest.raises(HttpResponseError) as err:
        deploy(emulator, "rg-second", "shared", template, env="dev")
    assert "StorageAccountInAnotherResourceGroup" in str(err.value)
    record = emulator.deployments().deployments.get("rg-second", "shared")
    assert record.properties.provisioning_state == "Failed"
    assert record.properties.error.code == "DeploymentFailed"
    codes = {d.code for d in record.properties.error.details}
    assert {"StorageAccountInAnotherResourceGroup", "VaultAlreadyExists", "AlreadyInUse"} & codes
    failed = [o for o in emulator.deployments().deployment_operations.list("rg-second", "shared")
              if o.properties.provisioning_state == "Failed"]
    assert failed and failed[0].properties.status_code == "Conflict"


def test_subscription_scope_deployment_with_nested_group_deployment(emulator) -> None:
    dc = emulator.deployments()
    template = load_fixture("subscription.json")
    result = dc.deployments.begin_create_or_update_at_subscription_scope(
        "platform", body(template, location="westeurope", groupName="rg-from-sub")).result()
    assert result.properties.provisioning_state == "Succeeded", result.properties.error
    rc = emulator.resources()
    assert rc.resource_groups.get("rg-from-sub").tags == {"owner": "armgen"}
    principal = result.properties.outputs["nestedPrincipalId"]["value"]
    nested = dc.deployments.get("rg-from-sub", "identity-in-group")
    assert nested.properties.outputs["principalId"]["value"] == principal
    assert [d.name for d in dc.deployments.list_at_subscription_scope()] == ["platform"]
    role = rc.resources.get_by_id(result.properties.outputs["roleDefinitionId"]["value"], api_version="2022-04-01")
    assert role.properties["roleName"] == "mlp model developer"
