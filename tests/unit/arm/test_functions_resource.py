"""Resource functions: ids (values as in Azure/bicep EvaluationTests and Microsoft Learn), reference, list*."""

from __future__ import annotations

import pytest

from armgen.arm import ArmError, DeploymentContext
from tests.unit.arm.conftest import evaluate

SUB = "87d64d6d-6d17-4ad7-b507-16d9bc498781"
OTHER = "2e518a80-f860-4467-a00e-d81aaf1ff42e"
CTX = DeploymentContext(subscription_id=SUB, resource_group="testRg")
SUB_CTX = DeploymentContext(subscription_id=SUB, resource_group=None, scope="subscription")
RID = f"/subscriptions/{SUB}/resourceGroups/testRg/providers/My.Rp/parent/myParent/child/myChild"


@pytest.mark.parametrize(("expr", "expected"), [
    ("resourceId('My.Rp/parent/child', 'myParent', 'myChild')", RID),
    ("resourceId('customRg', 'My.Rp/parent/child', 'myParent', 'myChild')",
     f"/subscriptions/{SUB}/resourceGroups/customRg/providers/My.Rp/parent/myParent/child/myChild"),
    (f"resourceId('{OTHER}', 'customRg', 'My.Rp/parent/child', 'myParent', 'myChild')",
     f"/subscriptions/{OTHER}/resourceGroups/customRg/providers/My.Rp/parent/myParent/child/myChild"),
    ("tenantResourceId('My.Rp/parent/child', 'myParent', 'myChild')", "/providers/My.Rp/parent/myParent/child/myChild"),
    ("subscriptionResourceId('My.Rp/parent/child', 'myParent', 'myChild')",
     f"/subscriptions/{SUB}/providers/My.Rp/parent/myParent/child/myChild"),
    (f"subscriptionResourceId('{OTHER}', 'My.Rp/parent/child', 'myParent', 'myChild')",
     f"/subscriptions/{OTHER}/providers/My.Rp/parent/myParent/child/myChild"),
    (f"managementGroupResourceId('{OTHER}', 'My.Rp/parent/child', 'myParent', 'myChild')",
     f"/providers/Microsoft.Management/managementGroups/{OTHER}/providers/My.Rp/parent/myParent/child/myChild"),
    ("extensionResourceId(tenantResourceId('My.Rp/parent/child', 'myParent', 'myChild'), "
     "'My.ExtensionRp/parent/child', 'myParent', 'myChild')",
     "/providers/My.Rp/parent/myParent/child/myChild/providers/My.ExtensionRp/parent/myParent/child/myChild"),
    ("resourceId('My.Rp/parent/child', 'myParent/myChild')", RID),
    ("extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'lock1')",
     f"/subscriptions/{SUB}/resourceGroups/testRg/providers/Microsoft.Authorization/locks/lock1"),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'westus2')", ["1"]),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'westus2', 3)", ["1", "2", "3"]),
    ("pickZones('Microsoft.Compute', 'virtualMachines', 'northcentralus')", []),
])
def test_resource_ids(expr: str, expected) -> None:
    assert evaluate(expr, context=CTX) == expected


def test_resource_id_at_subscription_scope_has_no_resource_group() -> None:
    assert evaluate("resourceId('Microsoft.Authorization/roleDefinitions', 'r1')", context=SUB_CTX) == \
        f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/r1"


def test_reference_and_list_keys_are_answered_offline_by_placeholders() -> None:
    props = evaluate(f"reference('{RID}', '2020-01-01')", context=CTX)
    assert props["provisioningState"] == "Succeeded"
    nested = evaluate(f"reference('{RID}', '2020-01-01').primaryEndpoints.blob", context=CTX)
    assert f"reference('{RID}').primaryEndpoints.blob" in nested.origin
    full = evaluate(f"reference('{RID}', '2020-01-01', 'Full')", context=CTX)
    assert (full["id"], full["type"], full["name"]) == (RID, "My.Rp/parent/child", "myParent/myChild")
    assert evaluate(f"concat('k=', listKeys('{RID}', '2020-01-01').keys[0].value)", context=CTX).startswith("k=[listKeys(")
    assert evaluate(f"listSecrets('{RID}', '2020')", context=CTX).origin.startswith("listSecrets(")


@pytest.mark.parametrize(("expr", "fragment"), [
    ("resourceId('My.Rp/parent/child', 'onlyOne')", "requires '2' resource name segment(s)"),
    ("resourceId('a', 'b', 'c', 'My.Rp/t', 'n')", "fully qualified resource type"),
    ("resourceId('My.Rp/t')", "requires at least 2 argument(s)"),
    ("reference('notInTemplate')", "could not find template resource or resource copy with this name"),
    ("managementGroupResourceId('My.Rp/t', 'n')", "management group name"),
    ("resourceId(1, 'My.Rp/t')", "of type 'String'"),
])
def test_resource_errors(expr: str, fragment: str) -> None:
    with pytest.raises(ArmError) as info:
        evaluate(expr, context=CTX)
    assert fragment in info.value.message


def test_list_and_providers() -> None:
    listed = evaluate(f"list('{RID}', '2020-01-01')", context=CTX)
    assert listed.origin.startswith(f"list('{RID}'")
    info = evaluate("providers('Microsoft.Storage', 'storageAccounts')", context=CTX)
    assert info["namespace"] == "Microsoft.Storage"
    assert info["resourceTypes"][0]["resourceType"] == "storageAccounts"


def test_references_and_resource_info_see_the_templates_symbolic_names() -> None:
    from armgen.arm import TemplateEngine, parse_expression
    from tests.unit.arm.fixtures import RG_CTX, load

    engine = TemplateEngine(load("symbolic_v2"), {}, RG_CTX)
    ev = engine.evaluator()
    info = ev.evaluate(parse_expression("resourceInfo('identity')"))
    assert info["type"] == "Microsoft.ManagedIdentity/userAssignedIdentities"
    assert info["id"].endswith("/userAssignedIdentities/id-mlw-vision-dev")
    computes = ev.evaluate(parse_expression("references('computes', 'full')"))
    assert [c["name"] for c in computes] == ["mlw-vision-dev/cpu", "mlw-vision-dev/gpu"]
    with pytest.raises(ArmError, match="cannot find the resource collection 'nothing'"):
        ev.evaluate(parse_expression("references('nothing')"))
    with pytest.raises(ArmError, match="not defined in the template"):
        ev.evaluate(parse_expression("resourceInfo('nothing')"))
