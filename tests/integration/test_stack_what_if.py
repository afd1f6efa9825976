"""The stack-level what-if (deploymentStacksWhatIfResults) through the real SDK."""

from __future__ import annotations

import pytest

from tests.integration.test_deployment_stacks import body, group, identities, rid  # noqa: F401

pytestmark = pytest.mark.integration
SUB = "00000000-0000-0000-0000-000000000001"


def test_stack_what_if_lists_creates_and_deletes_against_the_stack(emulator, group) -> None:  # noqa: F811
    sc = emulator.stacks()
    sc.deployment_stacks.begin_create_or_update_at_resource_group(group, "s", body(identities("a", "b"))).result()
    stack_id = f"/subscriptions/{SUB}/resourceGroups/{group}/providers/Microsoft.Resources/deploymentStacks/s"
    request = body(identities("a", "c"), "delete", deny="denyDelete")
    request["properties"].update(deploymentStackResourceId=stack_id, retentionInterval="P1D")
    ops = sc.deployment_stacks_what_if_results_at_resource_group
    ops.begin_create_or_update(group, "w", request).result()
    result = ops.begin_what_if(group, "w").result()
    changes = {c.id.rsplit("/", 1)[-1]: c for c in result.properties.changes.resource_changes}
    assert changes["id-a"].change_type == "noChange"
    assert changes["id-c"].change_type == "create"
    assert changes["id-b"].change_type == "delete"
    assert changes["id-b"].management_status_change.after == "unmanaged"
    assert result.properties.changes.deny_settings_change.after.mode == "denyDelete"
    assert [r.name for r in ops.list(group)] == ["w"]
    ops.delete(group, "w")
    assert list(ops.list(group)) == []
