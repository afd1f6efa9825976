"""Condition-false resources are not evaluated beyond their condition, in both language versions.

Microsoft Learn, conditional-resource-deployment: "When the value is false, the resource isn't created";
"If you use a reference or list function with a resource that is conditionally deployed, the function
is evaluated even if the resource isn't deployed ... Use the if function to make sure the function is
only evaluated for conditions when the resource is deployed" (template-functions-logical#if: "only the
matching branch is evaluated"). The compiled Azure Verified Modules (storage-account,
machine-learning-services/workspace, container-registry/registry) rely on this: an `existing` key vault
for an unset customer-managed key has `name: last(split(parameters('customerManagedKey').keyVaultResourceId,
'/'))` under a false condition and deploys on Azure with default parameters.
"""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, TemplateEngine, expand
from tests.unit.arm.fixtures import RG_CTX, RG_ID

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
CMK = {"type": "object", "nullable": True}
KV_NAME = "[last(split(parameters('cmk').keyVaultResourceId, '/'))]"


def _symbolic() -> dict:
    return {
        "$schema": SCHEMA, "languageVersion": "2.0", "contentVersion": "1.0.0.0",
        "parameters": {"cmk": CMK},
        "resources": {
            "vault": {"condition": "[not(empty(parameters('cmk')))]", "existing": True,
                      "type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": KV_NAME},
            "vault::key": {"condition": "[not(empty(parameters('cmk')))]", "existing": True,
                           "type": "Microsoft.KeyVault/vaults/keys", "apiVersion": "2023-07-01",
                           "name": "[format('{0}/{1}', " + KV_NAME[1:-1] + ", parameters('cmk').keyName)]"},
            "account": {
                "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-05-01", "name": "stcond",
                "location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
                "properties": {"encryption": {
                    "keySource": "[if(not(empty(parameters('cmk'))), 'Microsoft.Keyvault', 'Microsoft.Storage')]",
                    "keyvaultproperties": "[if(not(empty(parameters('cmk'))), createObject('keyvaulturi', "
                                          "reference('vault').vaultUri), null())]"}},
                "dependsOn": ["vault", "vault::key"]},
        },
        "outputs": {"keySource": {"type": "string",
                                  "value": "[reference('account').encryption.keySource]"}},
    }


def test_false_condition_existing_resource_name_is_not_evaluated_symbolic() -> None:
    result = expand(_symbolic(), {}, RG_CTX)
    assert [r.id for r in result.resources] == [f"{RG_ID}/providers/Microsoft.Storage/storageAccounts/stcond"]
    assert result.resources[0].body["properties"]["encryption"] == {"keySource": "Microsoft.Storage",
                                                                     "keyvaultproperties": None}
    assert result.existing == []
    assert result.outputs["keySource"]["value"] == "Microsoft.Storage"


def test_true_condition_still_evaluates_and_fails_where_azure_does() -> None:
    template = _symbolic()
    template["resources"]["vault"]["condition"] = True
    with pytest.raises(ArmError) as info:
        TemplateEngine(template, {}, RG_CTX).instances  # noqa: B018 - building the instances evaluates names
    assert info.value.located().startswith("resources/vault/name")


def test_false_condition_classic_resource_with_unevaluable_name_and_child() -> None:
    template = {
        "$schema": SCHEMA, "contentVersion": "1.0.0.0",
        "parameters": {"settings": {"type": "object", "defaultValue": {}}},
        "resources": [
            {"condition": "[contains(parameters('settings'), 'vnet')]", "type": "Microsoft.Network/virtualNetworks",
             "apiVersion": "2023-04-01", "name": "[parameters('settings').vnet.name]",
             "properties": {"addressSpace": "[parameters('settings').vnet.prefixes]"},
             "resources": [{"type": "subnets", "apiVersion": "2023-04-01", "name": "default",
                            "dependsOn": ["[parameters('settings').vnet.name]"], "properties": {}}]},
            {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-04-01", "name": "nsg",
             "location": "westeurope", "properties": {}},
        ],
    }
    engine = TemplateEngine(template, {}, RG_CTX)
    assert [(i.type, i.condition) for i in engine.instances] == [
        ("Microsoft.Network/virtualNetworks", False), ("Microsoft.Network/virtualNetworks/subnets", False),
        ("Microsoft.Network/networkSecurityGroups", True)]
    assert [r.body["name"] for r in expand(template, {}, RG_CTX).resources] == ["nsg"]


def test_false_condition_nested_deployment_is_not_expanded() -> None:
    template = {
        "$schema": SCHEMA, "contentVersion": "1.0.0.0",
        "parameters": {"deployInner": {"type": "bool", "defaultValue": False}},
        "resources": [{
            "condition": "[parameters('deployInner')]", "type": "Microsoft.Resources/deployments",
            "apiVersion": "2022-09-01", "name": "inner",
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                           "parameters": {}, "template": {
                               "$schema": SCHEMA, "contentVersion": "1.0.0.0", "parameters": {"required": {"type": "string"}},
                               "resources": []}}}],
        "outputs": {"inner": {"type": "string", "value": "[if(parameters('deployInner'), "
                                                          "reference('inner').outputs.x.value, 'skipped')]"}},
    }
    result = expand(template, {}, RG_CTX)
    assert result.resources == [] and result.outputs["inner"]["value"] == "skipped"


def test_false_condition_copy_instances_each_skip_evaluation() -> None:
    template = {
        "$schema": SCHEMA, "contentVersion": "1.0.0.0",
        "parameters": {"names": {"type": "array", "defaultValue": ["a", None, "c"]}},
        "resources": [{"condition": "[not(equals(parameters('names')[copyIndex()], null()))]",
                       "copy": {"name": "ids", "count": "[length(parameters('names'))]"},
                       "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31",
                       "name": "[concat('id-', parameters('names')[copyIndex()])]", "location": "westeurope"}],
    }
    assert [r.body["name"] for r in expand(template, {}, RG_CTX).resources] == ["id-a", "id-c"]


def test_null_for_a_parameter_with_a_default_takes_the_default() -> None:
    """AVM modules pass tryGet(...) results (null when unset) to nested modules whose parameters have
    defaults: ARM uses the default for a null value (those modules deploy on Azure with defaults)."""
    template = {"$schema": SCHEMA, "contentVersion": "1.0.0.0",
                "parameters": {"flag": {"type": "bool", "defaultValue": False},
                               "opt": {"type": "string", "nullable": True}},
                "resources": [], "outputs": {"flag": {"type": "bool", "value": "[parameters('flag')]"}}}
    engine = TemplateEngine(template, {"flag": None, "opt": None}, RG_CTX)
    assert engine.parameter("flag") is False and engine.parameter("opt") is None
    with pytest.raises(ArmError, match="Expected a value of type 'Boolean'"):
        TemplateEngine({**template, "parameters": {"flag": {"type": "bool"}}}, {"flag": None}, RG_CTX)


def test_output_declared_with_a_user_defined_type() -> None:
    """languageVersion 2.0 outputs may name their type with $ref (template-syntax / user-defined types)."""
    template = {"$schema": SCHEMA, "languageVersion": "2.0", "contentVersion": "1.0.0.0",
                "definitions": {"secretsOutput": {"type": "object", "additionalProperties": {"type": "string"}}},
                "resources": {},
                "outputs": {"exported": {"$ref": "#/definitions/secretsOutput", "value": {"a": "b"}}}}
    assert expand(template, {}, RG_CTX).outputs == {"exported": {"type": "Object", "value": {"a": "b"}}}


def test_nullable_parameters_need_no_value() -> None:
    """languageVersion 2.0 (template-syntax, parameters: "nullable"): a nullable parameter, directly or
    through its $ref type, may be left out; validate no longer reports it missing or skips evaluation."""
    from armgen.arm.parameters import requires_value

    definitions = {"cmkType": {"type": "object", "nullable": True}, "plain": {"type": "string"}}
    assert requires_value({"type": "string"}) is True
    assert requires_value({"type": "string", "defaultValue": "x"}) is False
    assert requires_value({"type": "object", "nullable": True}) is False
    assert requires_value({"$ref": "#/definitions/cmkType"}, definitions) is False
    assert requires_value({"$ref": "#/definitions/plain"}, definitions) is True
