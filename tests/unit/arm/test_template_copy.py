"""Copy loops (resource, property, variable, output), conditions and child resources."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, TemplateEngine, expand
from armgen.arm.hashing import unique_string
from tests.unit.arm.fixtures import RG_CTX, RG_ID, load

SUFFIX = unique_string(RG_ID)
ACCOUNTS = [f"mlpdata{i}{SUFFIX}" for i in range(3)]
SA = f"{RG_ID}/providers/Microsoft.Storage/storageAccounts"


def test_resource_copy_and_child_resources_give_full_names_and_ids() -> None:
    engine = TemplateEngine(load("storage_copy"), {}, RG_CTX)
    accounts = [i for i in engine.instances if i.type == "Microsoft.Storage/storageAccounts"]
    assert [a.name for a in accounts] == ACCOUNTS
    assert [a.copy_index for a in accounts] == [0, 1, 2]
    assert {(a.copy_name, a.copy_mode, a.batch_size) for a in accounts} == {("storagecopy", "serial", 2)}
    containers = [i for i in engine.instances if i.type.endswith("/containers")]
    assert [c.type for c in containers] == ["Microsoft.Storage/storageAccounts/blobServices/containers"] * 3
    assert containers[1].name == f"{ACCOUNTS[1]}/default/datasets"
    assert containers[1].id == f"{SA}/{ACCOUNTS[1]}/blobServices/default/containers/datasets"
    assert containers[1].depends_on == [f"{SA}/{ACCOUNTS[1]}"]
    assert containers[1].path == ["resources", 0, "resources", 0]


def test_serial_batches_and_copy_name_dependencies_shape_the_layers() -> None:
    engine = TemplateEngine(load("storage_copy"), {"deployLock": True}, RG_CTX)
    layers = [[i.name for i in layer] for layer in engine.layers()]
    assert layers[0] == ACCOUNTS[:2]
    assert ACCOUNTS[2] in layers[1] and "nsg1" in layers[1]
    lock = next(i for i in engine.instances if i.name == "rgLock")
    assert set(lock.depends_on) == {f"{SA}/{a}" for a in ACCOUNTS}
    assert layers[-1] == ["rgLock"] or "rgLock" in layers[-1]


def test_condition_false_keeps_the_instance_but_not_in_layers() -> None:
    engine = TemplateEngine(load("storage_copy"), {}, RG_CTX)
    lock = next(i for i in engine.instances if i.name == "rgLock")
    assert lock.condition is False
    assert all(i.name != "rgLock" for layer in engine.layers() for i in layer)


def test_property_and_variable_copies_and_escapes_in_expanded_bodies() -> None:
    result = expand(load("storage_copy"), {"storageCount": 1}, RG_CTX)
    account = result.resources[0].to_dict()
    assert account["id"] == f"{SA}/{ACCOUNTS[0]}"
    assert account["properties"]["networkAcls"]["ipRules"] == [
        {"value": "10.0.0.0", "action": "Allow"}, {"value": "10.0.0.1", "action": "Allow"}]
    assert account["properties"]["description"] == "[not an expression]"
    assert account["sku"] == {"name": "Standard_LRS"} and account["location"] == "westeurope"
    nsg = next(r.body for r in result.resources if r.body["name"] == "nsg1")
    assert nsg["properties"]["securityRules"] == [
        {"name": "rule-datasets", "properties": {"priority": 100}},
        {"name": "rule-results", "properties": {"priority": 101}}]


def test_outputs_with_copy_condition_and_reference() -> None:
    outputs = expand(load("storage_copy"), {}, RG_CTX).outputs
    assert outputs["accountIds"] == {"type": "Array", "value": [f"{SA}/{a}" for a in ACCOUNTS]}
    assert outputs["lockCreated"] == {"type": "Bool", "value": False}
    assert "lockOnly" not in outputs
    assert outputs["firstEndpoint"]["value"].text.endswith(".primaryEndpoints.blob]")


@pytest.mark.parametrize(("params", "fragment", "path"), [
    ({"storageSKU": "Basic"}, "The value is not part of the allowed value(s)", ["parameters", "storageSKU"]),
    ({"storagePrefix": "ab"}, "greater than or equal to '3'", ["parameters", "storagePrefix"]),
    ({"storagePrefix": "a" * 12}, "less than or equal to '11'", ["parameters", "storagePrefix"]),
    ({"storageCount": 11}, "less than or equal to '10'", ["parameters", "storageCount"]),
    ({"storageCount": "3"}, "Expected a value of type 'Integer', but received a value of type 'String'",
     ["parameters", "storageCount"]),
    ({"unknownParam": 1}, "not present in the original template", ["parameters", "unknownParam"]),
])
def test_parameter_constraints(params: dict, fragment: str, path: list) -> None:
    with pytest.raises(ArmError) as info:
        TemplateEngine(load("storage_copy"), params, RG_CTX)
    assert fragment in info.value.message
    assert info.value.path == path


def test_parameter_names_are_case_insensitive() -> None:
    engine = TemplateEngine(load("storage_copy"), {"STORAGECOUNT": 1}, RG_CTX)
    assert engine.parameter("storagecount") == 1


def test_copy_count_out_of_range() -> None:
    template = load("storage_copy")
    template["parameters"]["storageCount"].pop("maxValue")
    engine = TemplateEngine(template, {"storageCount": 801}, RG_CTX)
    with pytest.raises(ArmError) as info:
        _ = engine.instances
    assert "between 0 and 800" in info.value.message
    assert info.value.path == ["resources", 0, "copy", "count"]
