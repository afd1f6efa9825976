"""Nested deployments (inner/outer), subscription scope, languageVersion 2.0, extension resources, UDFs."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, TemplateEngine, expand
from armgen.arm.hashing import guid, unique_string
from tests.unit.arm.fixtures import RG_CTX, RG_ID, SUB, SUB_CTX, load

SHARED = f"/subscriptions/{SUB}/resourceGroups/shared-rg"


def test_inner_and_outer_scope_nested_deployments() -> None:
    result = expand(load("nested_scopes"), {}, RG_CTX)
    by_id = {r.id: r for r in result.resources}
    container = by_id[f"{SHARED}/providers/Microsoft.Storage/storageAccounts/shareddata/blobServices/default/containers/vision"]
    assert container.deployment == f"{SHARED}/providers/Microsoft.Resources/deployments/innerDeployment"
    # inner scope: the nested template's own variables and its target resource group
    assert container.body["properties"]["metadata"] == {"note": "from nested template", "group": "shared-rg"}
    pip = by_id[f"{SHARED}/providers/Microsoft.Network/publicIPAddresses/pip-vision-1"]
    # outer scope: the parent's variables, the parent's resourceGroup(), the deployment's copyIndex()
    assert pip.body["properties"] == {"note": "from parent template", "group": "rg1"}
    assert result.outputs == {
        "innerOutput": {"type": "String", "value": "from nested template"},
        "innerGroup": {"type": "String", "value": "shared-rg"},
        "outerOutput": {"type": "String", "value": "from parent template"},
    }


def test_nested_deployment_waits_for_its_dependencies_and_passes_parameters() -> None:
    engine = TemplateEngine(load("nested_scopes"), {}, RG_CTX)
    inner = next(i for i in engine.instances if i.name == "innerDeployment")
    assert inner.is_nested_deployment and inner.target_resource_group == "shared-rg"
    assert inner.depends_on == [f"{RG_ID}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-vision"]
    child = engine.nested_engine(inner)
    assert child.parameter("containerName") == "vision"
    assert child.context.resource_group == "shared-rg" and child.context.deployment_name == "innerDeployment"


def test_template_link_cannot_be_expanded_offline() -> None:
    template = load("nested_scopes")
    props = template["resources"][1]["properties"]
    props.pop("template")
    props["templateLink"] = {"uri": "https://example.com/t.json"}
    engine = TemplateEngine(template, {}, RG_CTX)
    with pytest.raises(ArmError) as info:
        engine.nested_engine(engine.instances[1])
    assert info.value.code == "NotSupported"


def test_subscription_scope_creates_a_group_and_deploys_into_it() -> None:
    result = expand(load("subscription_rg"), {}, SUB_CTX)
    ids = [r.id for r in result.resources]
    group = f"/subscriptions/{SUB}/resourceGroups/rg-mlp-vision-dev"
    role = guid("mlp model developer", f"/subscriptions/{SUB}")
    storage = f"st{unique_string(group)}"
    assert ids[0] == group
    assert f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{role}" in ids
    assert ids.index(f"{group}/providers/Microsoft.Resources/deployments/storageDeployment") < ids.index(
        f"{group}/providers/Microsoft.Storage/storageAccounts/{storage}")
    assert result.outputs["storageName"]["value"] == storage
    assert result.outputs["groupLocation"]["value"] == "northeurope"  # the location of the group it created
    assert result.outputs["deploymentLocation"]["value"] == "westeurope"


def test_resource_group_function_is_refused_at_subscription_scope() -> None:
    template = load("subscription_rg")
    template["outputs"]["bad"] = {"type": "string", "value": "[resourceGroup().name]"}
    with pytest.raises(ArmError) as info:
        expand(template, {}, SUB_CTX)
    assert info.value.path == ["outputs", "bad", "value"]


def test_language_version_2_symbolic_names_existing_and_extension_scopes() -> None:
    engine = TemplateEngine(load("symbolic_v2"), {}, RG_CTX)
    by_symbolic = {}
    for inst in engine.instances:
        by_symbolic.setdefault(inst.symbolic, []).append(inst)
    storage = by_symbolic["storage"][0]
    assert storage.existing and storage.id == f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/stmlpshareddev"
    workspace = by_symbolic["workspace"][0]
    access = by_symbolic["blobAccess"][0]
    assert access.scope_id == storage.id
    assert access.id.startswith(f"{storage.id}/providers/Microsoft.Authorization/roleAssignments/")
    assert by_symbolic["workspaceAccess"][0].scope_id == workspace.id
    computes = by_symbolic["computes"]
    assert [c.name for c in computes] == ["mlw-vision-dev/cpu", "mlw-vision-dev/gpu"]
    assert set(computes[0].depends_on) == {workspace.id, by_symbolic["identity"][0].id}
    layers = engine.layers()
    assert storage in layers[0]  # checked first, never deployed (expand leaves it out)
    assert not any(r.id == storage.id for r in expand(load("symbolic_v2"), {}, RG_CTX).resources)
    assert access.depends_on == [by_symbolic["identity"][0].id, storage.id]


def test_language_version_2_outputs_resource_info_and_references() -> None:
    outputs = expand(load("symbolic_v2"), {}, RG_CTX).outputs
    assert outputs["computeStates"]["value"] == ["AmlCompute", "AmlCompute"]
    assert outputs["computeIds"]["value"][1].endswith("/workspaces/mlw-vision-dev/computes/gpu")
    assert outputs["storageId"]["value"] == f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/stmlpshareddev"


def test_reference_in_a_resource_name_is_refused() -> None:
    template = load("symbolic_v2")
    template["resources"]["identity"]["name"] = "[reference('storage').x]"
    with pytest.raises(ArmError) as info:
        _ = TemplateEngine(template, {}, RG_CTX).instances
    assert "'reference' is not expected at this location" in info.value.message
    assert info.value.path == ["resources", "identity", "name"]


def test_user_defined_functions_with_namespaces() -> None:
    result = expand(load("user_functions"), {}, RG_CTX)
    name = f"mlpdata{unique_string(RG_ID)}"
    assert result.resources[0].body["name"] == name
    assert result.resources[0].body["tags"] == {"env": "dev", "owner": "ml"}
    assert result.outputs["name"]["value"] == name


def test_user_defined_function_errors() -> None:
    template = load("user_functions")
    template["outputs"]["bad"] = {"type": "string", "value": "[contoso.uniqueName(1)]"}
    with pytest.raises(ArmError, match="expects parameter 'namePrefix' to be of type 'String'"):
        expand(template, {}, RG_CTX)
    template["outputs"]["bad"] = {"type": "string", "value": "[contoso.missing()]"}
    with pytest.raises(ArmError, match="'contoso.missing' is not defined"):
        expand(template, {}, RG_CTX)


class _GroupsState:
    """A state that knows one existing resource group (as the emulator's store would)."""

    def reference(self, resource_id: str, api_version, full: bool) -> dict:
        if resource_id.lower().endswith("/resourcegroups/shared-rg"):
            return {"id": resource_id, "location": "swedencentral", "properties": {}}
        if "/resourcegroups/" in resource_id.lower() and "/providers/" not in resource_id.lower():
            raise ArmError(f"The Resource '{resource_id}' was not found.", code="ResourceNotFound")
        return {"principalId": "00000000-0000-0000-0000-00000000abcd"}

    def list_keys(self, resource_id: str, function_name: str, api_version) -> dict:
        return {}

    def exists(self, resource_id: str) -> bool:
        return False


def test_nested_deployment_into_an_existing_group_takes_its_location_from_the_state() -> None:
    engine = TemplateEngine(load("nested_scopes"), {}, RG_CTX, state=_GroupsState())
    inner = next(i for i in engine.instances if i.name == "innerDeployment")
    assert engine.nested_engine(inner).context.resource_group_location == "swedencentral"
    assert engine.nested_engine(inner).parameter("principalId") == "00000000-0000-0000-0000-00000000abcd"
    offline = TemplateEngine(load("nested_scopes"), {}, RG_CTX)
    assert offline.nested_engine(offline.instances[1]).context.resource_group_location == "westeurope"
    template = load("nested_scopes")
    template["parameters"]["otherGroup"]["defaultValue"] = "missing-rg"
    unknown = TemplateEngine(template, {}, RG_CTX, state=_GroupsState())
    assert unknown.nested_engine(unknown.instances[1]).context.resource_group_location == "westeurope"


def test_management_group_scope_with_a_nested_subscription_deployment() -> None:
    ctx = RG_CTX.for_management_group("mg-ml")
    result = expand(load("management_group"), {}, ctx)
    mg = "/providers/Microsoft.Management/managementGroups/mg-ml"
    target = "0b7c2a4e-2222-4a5b-9c3d-2e1f00000002"
    ids = [r.id for r in result.resources]
    definition = f"{mg}/providers/Microsoft.Authorization/policyDefinitions/allowed-locations"
    assert ids.index(definition) < ids.index(f"{mg}/providers/Microsoft.Authorization/policyAssignments/locations")
    assert f"/subscriptions/{target}/providers/Microsoft.Resources/deployments/subscriptionRoles" in ids
    assert f"/subscriptions/{target}/resourceGroups/rg-governed" in ids
    by_id = {r.id: r.body for r in result.resources}
    assignment = by_id[f"{mg}/providers/Microsoft.Authorization/policyAssignments/locations"]["properties"]
    assert assignment["policyDefinitionId"] == definition
    rule = by_id[definition]["properties"]["policyRule"]
    assert rule["if"]["not"]["in"] == "[parameters('listOfAllowedLocations')]"
    assert result.outputs["groupId"]["value"] == mg
    assert result.outputs["definitionId"]["value"] == definition
    assert result.outputs["nestedSubscription"]["value"] == target


def test_tenant_scope_creates_a_management_group_and_deploys_into_it() -> None:
    result = expand(load("tenant"), {}, RG_CTX.for_tenant())
    mg = "/providers/Microsoft.Management/managementGroups/mg-ml-platform"
    assert [r.id for r in result.resources] == [mg, f"{mg}/providers/Microsoft.Resources/deployments/intoTheGroup"]
    assert result.outputs == {"groupId": {"type": "String", "value": mg},
                              "nestedGroup": {"type": "String", "value": "mg-ml-platform"}}


def test_subscription_functions_are_refused_at_management_group_scope() -> None:
    template = load("management_group")
    template["outputs"]["bad"] = {"type": "string", "value": "[subscription().id]"}
    with pytest.raises(ArmError, match="'subscription' is not expected at this location"):
        expand(template, {}, RG_CTX.for_management_group("mg-ml"))


def test_linked_templates_by_relative_path_with_a_file_loader() -> None:
    from armgen.arm.linked import FileTemplateLoader
    from tests.unit.arm.fixtures import FIXTURES

    folder = FIXTURES / "linked"
    result = expand(load("linked/main"), {}, RG_CTX, loader=FileTemplateLoader(folder))
    account = f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/mlpdata"
    ids = [r.id for r in result.resources]
    assert ids == [f"{RG_ID}/providers/Microsoft.Resources/deployments/storage", account,
                   f"{RG_ID}/providers/Microsoft.Resources/deployments/container",
                   f"{account}/blobServices/default/containers/datasets"]
    assert result.outputs == {"storageId": {"type": "String", "value": account},
                              "containerName": {"type": "String", "value": "datasets"}}
    with pytest.raises(ArmError) as info:
        expand(load("linked/main"), {"prefix": "x"}, RG_CTX, loader=FileTemplateLoader(folder))
    assert info.value.path[:5] == ["resources", 0, "properties", "templateLink", "parameters"]
    opaque = expand(load("linked/main"), {}, RG_CTX)  # without a loader the link is not followed
    assert [r.id for r in opaque.resources] == ids[:1]
    engine = TemplateEngine(load("linked/main"), {}, RG_CTX)
    with pytest.raises(ArmError) as missing:
        engine.nested_engine(engine.instances[0])
    assert missing.value.code == "NotSupported"


def test_packing_relative_links_inlines_them_with_inner_scope_and_expands_the_same() -> None:
    """Microsoft Learn, linked-templates#linked-template: relativePath resolves next to the linking
    template; packing (as Azure CLI does for a local file) inlines each link with inner evaluation scope."""
    from armgen.arm.linked import FileTemplateLoader, pack_linked_templates
    from tests.unit.arm.fixtures import FIXTURES

    folder = FIXTURES / "linked"
    packed = pack_linked_templates(load("linked/main"), folder)
    outer = packed["resources"][0]["properties"]
    assert "templateLink" not in outer and outer["expressionEvaluationOptions"] == {"scope": "inner"}
    inner = outer["template"]["resources"][1]["properties"]
    assert inner["template"]["resources"][0]["type"].endswith("/containers")  # nested/modules/container.json
    assert load("linked/main")["resources"][0]["properties"]["templateLink"]  # the input is left alone
    as_files = expand(load("linked/main"), {}, RG_CTX, loader=FileTemplateLoader(folder))
    as_packed = expand(packed, {}, RG_CTX)
    assert [r.id for r in as_packed.resources] == [r.id for r in as_files.resources]
    assert as_packed.outputs == as_files.outputs
    with pytest.raises(ArmError, match="was not found"):
        pack_linked_templates(load("linked/main"), FIXTURES)
