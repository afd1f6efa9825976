"""dependsOn forms, unknown targets, cycles."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, DeploymentContext, TemplateEngine
from tests.unit.arm.fixtures import load


def _template(resources: list) -> dict:
    return {"$schema": "x", "contentVersion": "1.0.0.0", "resources": resources}


def _res(rtype: str, name: str, depends: list | None = None) -> dict:
    return {"type": rtype, "apiVersion": "2023-01-01", "name": name, "dependsOn": depends or []}


def test_cycle_is_reported_with_its_members() -> None:
    engine = TemplateEngine(load("cycle"), {}, DeploymentContext())
    with pytest.raises(ArmError) as info:
        engine.layers()
    assert info.value.code == "DeploymentCycle"
    for member in ("virtualNetworks/vnet", "networkSecurityGroups/nsg", "routeTables/rt"):
        assert member in info.value.message
    assert "pip" not in info.value.message


@pytest.mark.parametrize("reference", [
    "sa", "Microsoft.Storage/storageAccounts/sa", "[resourceId('Microsoft.Storage/storageAccounts', 'sa')]",
    "[concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/armgen-rg/providers/Microsoft.Storage/storageAccounts/sa')]",
])
def test_depends_on_forms(reference: str) -> None:
    engine = TemplateEngine(_template([_res("Microsoft.Storage/storageAccounts", "sa"),
                                       _res("Microsoft.Web/sites", "app", [reference])]), {}, DeploymentContext())
    assert [[i.name for i in layer] for layer in engine.layers()] == [["sa"], ["app"]]


def test_unknown_depends_on_is_an_invalid_template_with_its_path() -> None:
    engine = TemplateEngine(_template([_res("Microsoft.Web/sites", "app", ["missing"])]), {}, DeploymentContext())
    assert engine.instances[0].unresolved_depends_on == [(0, "missing")]
    with pytest.raises(ArmError) as info:
        engine.layers()
    assert info.value.code == "InvalidTemplate"
    assert info.value.path == ["resources", 0, "dependsOn", 0]
    assert info.value.message == "The resource 'missing' is not defined in the template."


def test_reference_by_name_creates_an_implicit_dependency() -> None:
    app = _res("Microsoft.Web/sites", "app")
    app["properties"] = {"key": "[reference('sa').primaryEndpoints.blob]"}
    engine = TemplateEngine(_template([app, _res("Microsoft.Storage/storageAccounts", "sa")]), {},
                            DeploymentContext())
    assert [[i.name for i in layer] for layer in engine.layers()] == [["sa"], ["app"]]


def test_depending_on_an_empty_copy_loop_is_satisfied() -> None:
    loop = _res("Microsoft.Storage/storageAccounts", "[concat('sa', copyIndex())]")
    loop["copy"] = {"name": "accounts", "count": 0}
    engine = TemplateEngine(_template([loop, _res("Microsoft.Web/sites", "app", ["accounts"])]), {},
                            DeploymentContext())
    assert [[i.name for i in layer] for layer in engine.layers()] == [["app"]]


def test_condition_false_resources_may_have_ids_arm_could_not_form() -> None:
    template = {"$schema": "x", "contentVersion": "1.0.0.0",
                "parameters": {"vaultName": {"type": "string", "defaultValue": ""},
                               "assign": {"type": "bool", "defaultValue": False}},
                "resources": [{
                    "condition": "[parameters('assign')]",
                    "scope": "[concat('Microsoft.KeyVault/vaults/', parameters('vaultName'))]",
                    "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01",
                    "name": "[guid(parameters('vaultName'))]", "properties": {}}]}
    engine = TemplateEngine(template, {}, DeploymentContext())
    assert engine.instances[0].condition is False and engine.layers() == []
    with pytest.raises(ArmError) as info:
        _ = TemplateEngine(template, {"assign": True}, DeploymentContext()).instances
    assert info.value.path == ["resources", 0, "scope"]
