"""Deny settings and locks of the sample's pro environment (denyWriteAndDelete, CanNotDelete)."""

from __future__ import annotations

from pathlib import Path

import pytest
from azure.core.exceptions import HttpResponseError

from tests.integration.conftest import PRO_SUB, SPOKE_GROUP, network_team_resources
from tests.integration.test_deploy_e2e import approved_deploy, armgen, workdir  # noqa: F401

pytestmark = pytest.mark.integration


def test_pro_is_protected_and_destroy_needs_remove_locks(workdir: Path, emulator) -> None:  # noqa: F811
    network_team_resources(emulator)  # pro is private in the network team's spoke, with the hub's zones
    deployed = approved_deploy(workdir, "pro")
    assert deployed.exit_code == 0, deployed.output
    rc = emulator.resources(subscription_id=PRO_SUB)
    vault = (f"/subscriptions/{PRO_SUB}/resourceGroups/rg-mlp-shared-pro/providers/Microsoft.KeyVault/vaults/"
             "kv-mlp-shared-pro")
    live = rc.resources.get_by_id(vault, api_version="2025-05-01").as_dict()
    with pytest.raises(HttpResponseError) as err:  # an out-of-band write
        rc.resources.begin_create_or_update_by_id(vault, dict(live, tags={"edited": "by hand"}),
                                                  api_version="2025-05-01")
    assert err.value.status_code == 403 and err.value.error.code == "DenyAssignmentAuthorizationFailed"
    stack = emulator.stacks(subscription_id=PRO_SUB).deployment_stacks.get_at_resource_group(
        "rg-mlp-shared-pro", "armgen-pro-keyvault")
    assert stack.properties.deny_settings.mode == "denyWriteAndDelete"
    assert {r.deny_status for r in stack.properties.resources} == {"denyWriteAndDelete"}
    with pytest.raises(HttpResponseError) as err:  # the lock, even for the excluded release identity
        rc.resource_groups.begin_delete("rg-mlp-vision-pro").result()
    assert err.value.error.code in ("ScopeLocked", "DenyAssignmentAuthorizationFailed")
    again = approved_deploy(workdir, "pro", "--format", "json")
    assert again.exit_code == 0 and '"puts": 0' in again.stdout  # protection costs no re-deploy
    refused = armgen(workdir, "destroy", "--env", "pro", "--yes", "--allow-production")
    assert refused.exit_code == 1 and "is locked" in refused.output and "--remove-locks" in refused.output
    assert rc.resource_groups.check_existence("rg-mlp-shared-pro")
    done = armgen(workdir, "destroy", "--env", "pro", "--yes", "--allow-production", "--remove-locks")
    assert done.exit_code == 0, done.output
    assert [g.name for g in rc.resource_groups.list()] == [SPOKE_GROUP]  # the network team's group is not armgen's


def test_a_lock_blocks_a_plain_delete_with_scope_locked(workdir: Path, emulator) -> None:  # noqa: F811
    spec = workdir / "mlenv.yaml"
    spec.write_text(spec.read_text().replace("    tags: {environment: int}",
                                             "    tags: {environment: int}\n    lifecycle: {locks: CanNotDelete}"))
    assert armgen(workdir, "render").exit_code == 0
    assert armgen(workdir, "deploy", "--env", "int").exit_code == 0
    rc = emulator.resources()
    with pytest.raises(HttpResponseError) as err:
        rc.resource_groups.begin_delete("rg-mlp-nlp-int").result()
    assert err.value.status_code == 409 and err.value.error.code == "ScopeLocked"
