"""Parameters, variables, outputs and deployment(): defaults, runtime functions, cycles, secure values."""

from __future__ import annotations

import re

import pytest

from armgen.arm import ArmError, TemplateEngine, expand
from tests.unit.arm.fixtures import RG_CTX, SUB_CTX


def _t(**sections) -> dict:
    return {"$schema": "x", "contentVersion": "1.0.0.0", "resources": [], **sections}


def test_parameter_defaults_use_other_parameters_and_runtime_functions() -> None:
    engine = TemplateEngine(_t(parameters={
        "env": {"type": "string", "defaultValue": "dev"},
        "name": {"type": "string", "defaultValue": "[concat('mlp-', parameters('env'))]"},
        "stamp": {"type": "string", "defaultValue": "[utcNow('yyyy')]"},
        "id": {"type": "string", "defaultValue": "[newGuid()]"},
        "deploymentName": {"type": "string", "defaultValue": "[deployment().name]"},
    }), {"env": "pro"}, RG_CTX)
    assert engine.parameter("name") == "mlp-pro"
    assert re.fullmatch(r"\d{4}", engine.parameter("stamp"))
    assert re.fullmatch(r"[0-9a-f-]{36}", engine.parameter("id"))
    assert engine.parameter("deploymentName") == "armgen"


@pytest.mark.parametrize(("sections", "fragment", "path"), [
    ({"parameters": {"a": {"type": "string", "defaultValue": "[parameters('b')]"},
                     "b": {"type": "string", "defaultValue": "[parameters('a')]"}}},
     "circular default value", ["parameters", "a", "defaultValue"]),
    ({"parameters": {"a": {"type": "string"}}}, "The value for the template parameter 'a' is not provided",
     ["parameters", "a"]),
    ({"parameters": {"a": {"type": "string", "defaultValue": "[variables('v')]"}}, "variables": {"v": "x"}},
     "'variables' is not expected at this location", ["parameters", "a", "defaultValue"]),
    ({"parameters": {"a": {"type": "text", "defaultValue": "x"}}}, "invalid type 'text'", ["parameters", "a", "type"]),
    ({"outputs": {"o": {"type": "string", "value": "[utcNow()]"}}}, "'utcNow' is not expected at this location",
     ["outputs", "o", "value"]),
    ({"variables": {"a": "[variables('b')]", "b": "[variables('a')]"}, "outputs": {"o": {"type": "string", "value": "[variables('a')]"}}},
     "refers to itself through a -> b -> a", ["variables", "a"]),  # found before evaluation (arm/checks.py)
    ({"variables": {"r": "[reference('/subscriptions/s/resourceGroups/g/providers/A.B/c/d').x]"},
      "outputs": {"o": {"type": "string", "value": "[variables('r')]"}}},
     "'reference' is not expected at this location", ["outputs", "o", "value", "variables", "r"]),
    ({"outputs": {"o": {"type": "int", "value": "text"}}}, "declared as 'int'", ["outputs", "o", "value"]),
])
def test_section_errors(sections: dict, fragment: str, path: list) -> None:
    with pytest.raises(ArmError) as info:
        expand(_t(**sections), {}, RG_CTX)
    assert fragment in info.value.message
    assert info.value.path[:len(path)] == path


def test_variables_copy_property_copy_with_zero_count_and_nesting() -> None:
    outputs = expand(_t(
        parameters={"n": {"type": "int", "defaultValue": 0}},
        variables={
            "copy": [{"name": "disks", "count": 2, "input": {"lun": "[copyIndex('disks')]"}},
                     {"name": "none", "count": "[parameters('n')]", "input": "x"}],
            "config": {"copy": [{"name": "subnets", "count": 2, "input": {
                "name": "[concat('s', copyIndex('subnets'))]",
                "copy": [{"name": "ports", "count": 2, "input": "[add(mul(copyIndex('subnets'), 10), copyIndex('ports'))]"}]}}]},
        },
        outputs={"disks": {"type": "array", "value": "[variables('disks')]"},
                 "none": {"type": "array", "value": "[variables('none')]"},
                 "config": {"type": "object", "value": "[variables('config')]"}},
    ), {}, RG_CTX).outputs
    assert outputs["disks"]["value"] == [{"lun": 0}, {"lun": 1}]
    assert outputs["none"]["value"] == []
    assert outputs["config"]["value"] == {"subnets": [{"name": "s0", "ports": [0, 1]}, {"name": "s1", "ports": [10, 11]}]}


def test_secure_outputs_carry_no_value_and_types_are_reported_as_arm_does() -> None:
    outputs = expand(_t(
        parameters={"pw": {"type": "securestring", "defaultValue": "s3cret"}},
        outputs={"pw": {"type": "securestring", "value": "[parameters('pw')]"},
                 "n": {"type": "int", "value": 3}, "flag": {"type": "bool", "value": True},
                 "obj": {"type": "object", "value": {"a": "[parameters('pw')]"}}},
    ), {}, RG_CTX).outputs
    assert outputs["pw"] == {"type": "SecureString"}
    assert outputs["n"] == {"type": "Int", "value": 3}
    assert outputs["flag"] == {"type": "Bool", "value": True}
    assert outputs["obj"] == {"type": "Object", "value": {"a": "s3cret"}}


def test_deployment_function_reports_name_and_subscription_location() -> None:
    template = _t(outputs={"d": {"type": "object", "value": "[deployment()]"}})
    at_group = expand(template, {}, RG_CTX).outputs["d"]["value"]
    assert at_group["name"] == "armgen" and "location" not in at_group
    assert at_group["properties"]["mode"] == "Incremental"
    assert expand(template, {}, SUB_CTX).outputs["d"]["value"]["location"] == "westeurope"


def test_depends_on_a_condition_false_resource_is_dropped() -> None:
    template = _t(resources=[
        {"condition": False, "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sa"},
        {"type": "Microsoft.Web/sites", "apiVersion": "2023-01-01", "name": "app", "dependsOn": ["sa"]},
    ])
    engine = TemplateEngine(template, {}, RG_CTX)
    assert [[i.name for i in layer] for layer in engine.layers()] == [["app"]]
    assert [r.body["name"] for r in expand(template, {}, RG_CTX).resources] == ["app"]


def test_extension_resource_scoped_by_full_id_and_reference_to_an_earlier_resource() -> None:
    template = _t(resources=[
        {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "id1",
         "location": "westeurope", "tags": {"team": "ml"}},
        {"type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
         "scope": "[resourceGroup().id]", "name": "[guid(resourceGroup().id, 'id1')]",
         "dependsOn": ["id1"],
         "properties": {"principalId": "[reference('id1').principalId]",
                        "description": "[reference('id1', '2023-01-31', 'Full').tags.team]"}},
    ])
    result = expand(template, {}, RG_CTX)
    assignment = result.resources[1]
    assert assignment.id.startswith(f"{RG_CTX.resource_group_id}/providers/Microsoft.Authorization/roleAssignments/")
    assert assignment.body["properties"]["description"] == "ml"
    principal = assignment.to_dict()["properties"]["principalId"]
    assert principal.startswith("[reference('") and principal.endswith("id1').principalId]")


def test_items_with_variable_copy_as_published_on_microsoft_learn() -> None:
    entities = {"item002": {"enabled": False, "displayName": "Example item 2", "number": 200},
                "item001": {"enabled": True, "displayName": "Example item 1", "number": 300}}
    template = _t(variables={
        "copy": [{"name": "modifiedListOfEntities", "count": "[length(items(variables('entities')))]", "input": {
            "key": "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].key]",
            "fullName": "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].value.displayName]",
            "itemEnabled": "[items(variables('entities'))[copyIndex('modifiedListOfEntities')].value.enabled]"}}],
        "entities": entities,
    }, outputs={"modifiedResult": {"type": "array", "value": "[variables('modifiedListOfEntities')]"}})
    assert expand(template, {}, RG_CTX).outputs["modifiedResult"] == {"type": "Array", "value": [
        {"fullName": "Example item 1", "itemEnabled": True, "key": "item001"},
        {"fullName": "Example item 2", "itemEnabled": False, "key": "item002"}]}


def test_union_deep_merge_as_published_on_microsoft_learn() -> None:
    template = _t(variables={
        "firstObject": {"property": {"one": "a", "two": "b", "three": "c1"}, "nestedArray": [1, 2]},
        "secondObject": {"property": {"three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]},
        "firstArray": [["one", "two"], ["three"]], "secondArray": [["three"], ["four", "two"]],
    }, outputs={
        "objectOutput": {"type": "Object", "value": "[union(variables('firstObject'), variables('secondObject'))]"},
        "arrayOutput": {"type": "Array", "value": "[union(variables('firstArray'), variables('secondArray'))]"},
    })
    outputs = expand(template, {}, RG_CTX).outputs
    assert outputs["objectOutput"]["value"] == {
        "property": {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]}
    assert outputs["arrayOutput"]["value"] == [["one", "two"], ["three"], ["four", "two"]]


def test_language_version_2_parameter_types_from_definitions() -> None:
    template = _t(languageVersion="2.0", resources={}, definitions={
        "skuName": {"type": "string", "allowedValues": ["Standard_LRS", "Standard_ZRS"]},
        "alias": {"$ref": "#/definitions/skuName"}},
        parameters={"sku": {"$ref": "#/definitions/alias", "defaultValue": "Standard_LRS"},
                    "note": {"type": "string", "nullable": True}})
    engine = TemplateEngine(template, {}, RG_CTX)
    assert engine.parameter("sku") == "Standard_LRS" and engine.parameter("note") is None
    with pytest.raises(ArmError, match="not part of the allowed value"):
        TemplateEngine(template, {"sku": "Premium_LRS"}, RG_CTX)
    template["parameters"]["sku"]["$ref"] = "#/definitions/missing"
    with pytest.raises(ArmError, match="unknown or circular type"):
        TemplateEngine(template, {}, RG_CTX)
