"""Property-level deltas as ARM's WhatIfPropertyChange."""

from __future__ import annotations

from armgen.emulator.models.whatif_diff import comparable, diff


def test_equal_bodies_have_no_delta_even_with_id_case_and_location_spelling() -> None:
    before = comparable({"location": "West Europe", "properties": {"ws": "/subscriptions/A/resourceGroups/R"}})
    after = comparable({"location": "westeurope", "properties": {"ws": "/subscriptions/a/resourcegroups/r"}})
    assert diff(before, after) == []


def test_objects_flatten_into_dotted_paths() -> None:
    before = {"sku": {"name": "Standard_LRS"}, "tags": {"a": "1", "gone": "x"}}
    after = {"sku": {"name": "Standard_ZRS"}, "tags": {"a": "1", "new": "y"}}
    assert diff(before, after) == [
        {"path": "sku.name", "propertyChangeType": "Modify", "before": "Standard_LRS", "after": "Standard_ZRS"},
        {"path": "tags.gone", "propertyChangeType": "Delete", "before": "x"},
        {"path": "tags.new", "propertyChangeType": "Create", "after": "y"},
    ]


def test_arrays_nest_children_by_index() -> None:
    (change,) = diff({"p": {"rules": [1, {"v": "a"}, 3]}}, {"p": {"rules": [1, {"v": "b"}]}})
    assert change["path"] == "p.rules" and change["propertyChangeType"] == "Array"
    assert change["children"] == [
        {"path": "1", "propertyChangeType": "Modify",
         "children": [{"path": "v", "propertyChangeType": "Modify", "before": "a", "after": "b"}]},
        {"path": "2", "propertyChangeType": "Delete", "before": 3},
    ]


def test_type_change_is_modify_and_bool_is_not_int() -> None:
    assert diff({"x": 1}, {"x": True}) == [{"path": "x", "propertyChangeType": "Modify", "before": 1, "after": True}]


def test_comparable_drops_runtime_identity_fields_and_empty_properties() -> None:
    body = {"identity": {"type": "SystemAssigned", "principalId": "p", "tenantId": "t"}, "properties": {},
            "id": "x", "name": "n"}
    assert comparable(body) == {"identity": {"type": "SystemAssigned"}}
