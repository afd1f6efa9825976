"""Template specs in the emulator (Microsoft Learn, template-specs: a version's mainTemplate and its
linkedTemplates artifacts, deployed with templateLink.id; linked-templates#template-specs: a nested
deployment may link a template spec by id). Published through the SDK's generic resource calls, as
`az ts create` does; a missing version is refused."""

from __future__ import annotations

import json

import pytest
from azure.core.exceptions import HttpResponseError

from tests.corpus import CORPUS

pytestmark = pytest.mark.integration
API = "2022-02-01"
SAMPLE = CORPUS / "docs-linked-template-relative"


def _publish(emulator, group: str) -> str:
    rc = emulator.resources()
    sub = emulator.endpoint.subscription_id
    spec = f"/subscriptions/{sub}/resourceGroups/{group}/providers/Microsoft.Resources/templateSpecs/webapp"
    rc.resources.begin_create_or_update_by_id(spec, {"location": "westeurope", "properties": {}}, api_version=API).result()
    version = {"location": "westeurope", "properties": {
        "mainTemplate": json.loads((SAMPLE / "template.json").read_text()),
        "linkedTemplates": [{"path": "linkedStorageAccount.json",
                             "template": json.loads((SAMPLE / "linkedStorageAccount.json").read_text())}]}}
    rc.resources.begin_create_or_update_by_id(f"{spec}/versions/1.0", version, api_version=API).result()
    return f"{spec}/versions/1.0"


def test_template_spec_version_deploys_by_id_with_its_linked_artifacts(emulator) -> None:
    emulator.resources().resource_groups.create_or_update("rg-ts", {"location": "westeurope"})
    version_id = _publish(emulator, "rg-ts")
    body = {"properties": {"mode": "Incremental", "templateLink": {"id": version_id},
                           "parameters": {"projectName": {"value": "tsweb"}}}}
    result = emulator.deployments().deployments.begin_create_or_update("rg-ts", "from-spec", body).result()
    assert result.properties.provisioning_state == "Succeeded"
    types = {r.type for r in emulator.resources().resources.list_by_resource_group("rg-ts")}
    assert {"Microsoft.Storage/storageAccounts", "Microsoft.Web/sites", "Microsoft.Web/serverfarms"} <= types
    nested = emulator.deployments().deployments.get("rg-ts", "linkedTemplate")
    assert nested.properties.outputs["storageEndpoint"]["value"]["blob"].endswith(".blob.core.windows.net/")


def test_nested_deployment_links_a_template_spec_by_id(emulator) -> None:
    emulator.resources().resource_groups.create_or_update("rg-ts", {"location": "westeurope"})
    version_id = _publish(emulator, "rg-ts")
    parent = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              "contentVersion": "1.0.0.0", "resources": [{
                  "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "viaSpec",
                  "properties": {"mode": "Incremental", "templateLink": {"id": version_id},
                                 "parameters": {"projectName": {"value": "tsnest"}}}}]}
    body = {"properties": {"mode": "Incremental", "template": parent}}
    result = emulator.deployments().deployments.begin_create_or_update("rg-ts", "parent", body).result()
    assert result.properties.provisioning_state == "Succeeded"
    assert emulator.deployments().deployments.get("rg-ts", "viaSpec").properties.provisioning_state == "Succeeded"


def test_missing_template_spec_version_is_refused(emulator) -> None:
    emulator.resources().resource_groups.create_or_update("rg-ts", {"location": "westeurope"})
    sub = emulator.endpoint.subscription_id
    absent = f"/subscriptions/{sub}/resourceGroups/rg-ts/providers/Microsoft.Resources/templateSpecs/none/versions/1"
    body = {"properties": {"mode": "Incremental", "templateLink": {"id": absent}}}
    with pytest.raises(HttpResponseError) as info:
        emulator.deployments().deployments.begin_create_or_update("rg-ts", "absent", body).result()
    assert info.value.error.code == "ResourceNotFound"
