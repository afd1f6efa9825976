"""The create-only table: every rule sourced, violations and what-if paths judged as Azure would."""

from __future__ import annotations

from armgen import create_only
from armgen.deploy.whatif import mark_recreates
from armgen.deploy.whatif_format import PropertyChange, ResourceChange, format_text

VAULT = "Microsoft.KeyVault/vaults"
WS = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w"


def test_every_rule_names_its_source_and_azures_answer() -> None:
    rules = create_only.rules()
    assert len(rules) >= 15
    for r in rules:
        assert r.source and r.code and 400 <= r.status < 500
        assert "x-ms-mutability" in r.source or "specification/" in r.source or "learn.microsoft.com" in r.source


def test_a_changed_retention_is_a_violation_but_tags_and_equal_values_are_not() -> None:
    before = {"location": "westeurope", "properties": {"softDeleteRetentionInDays": 7, "enablePurgeProtection": True}}
    same = {"location": "West Europe", "tags": {"a": "b"}, "properties": {"softDeleteRetentionInDays": 7}}
    assert create_only.violations(VAULT, before, same) == []
    found = create_only.violations(VAULT, before, {"properties": {"softDeleteRetentionInDays": 30}})
    assert [v.path for v in found] == ["properties.softDeleteRetentionInDays"]
    assert "can't be modified" in found[0].message("kv")


def test_one_way_switches_and_set_once_links() -> None:
    off = {"properties": {"enablePurgeProtection": False}}
    on = {"properties": {"enablePurgeProtection": True}}
    assert create_only.violations(VAULT, off, on) == []  # enabling is allowed
    assert [v.path for v in create_only.violations(VAULT, on, off)] == ["properties.enablePurgeProtection"]
    ws = "Microsoft.MachineLearningServices/workspaces"
    assert create_only.violations(ws, {"properties": {}}, {"properties": {"containerRegistry": "/x"}}) == []
    moved = create_only.violations(ws, {"properties": {"containerRegistry": "/subscriptions/a"}},
                                   {"properties": {"containerRegistry": "/subscriptions/b"}})
    assert [v.rule.code for v in moved] == ["UserError"]
    # ids compare case-insensitively
    assert create_only.violations(ws, {"properties": {"storageAccount": "/subscriptions/A"}},
                                  {"properties": {"storageAccount": "/subscriptions/a"}}) == []


def test_defaults_count_as_the_earlier_value() -> None:
    ws = "Microsoft.MachineLearningServices/workspaces"
    assert create_only.violations(ws, {"properties": {}}, {"properties": {"hbiWorkspace": False}}) == []
    assert len(create_only.violations(ws, {"properties": {}}, {"properties": {"hbiWorkspace": True}})) == 1


def test_what_if_marks_only_create_only_paths_and_prints_the_flag() -> None:
    changes = [ResourceChange(WS, "Modify", "2025-12-01", [
        PropertyChange("properties.hbiWorkspace", "Modify", False, True),
        PropertyChange("properties.description", "Modify", "a", "b")]),
        ResourceChange(WS + "/computes/c", "Modify", "", [
            PropertyChange("properties.properties.scaleSettings.maxNodeCount", "Modify", 1, 2)]),
        ResourceChange(WS + "/computes/d", "Modify", "", [
            PropertyChange("properties.properties.subnet.id", "Modify", "/subscriptions/x", "/subscriptions/y")])]
    mark_recreates(changes)
    assert [c.recreate for c in changes] == [["properties.hbiWorkspace"], [], ["properties.properties.subnet"]]
    text = format_text(changes)
    assert "~ Microsoft.MachineLearningServices/workspaces/w [2025-12-01] ! requires re-create " \
           "(properties.hbiWorkspace)" in text
    assert "computes/c\n" in text  # a scale change is a plain Modify


def test_type_of_resource_ids() -> None:
    assert create_only.type_of(WS + "/computes/c") == "Microsoft.MachineLearningServices/workspaces/computes"
    assert create_only.type_of("/subscriptions/s/resourceGroups/rg") == "Microsoft.Resources/resourceGroups"
