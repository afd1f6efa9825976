"""Realism knobs: 429 with Retry-After, 500/503, dropped connections, failing provisioning, latency."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError, ServiceResponseError

from tests.integration.support import body, deploy, load_fixture

pytestmark = pytest.mark.integration

FAST_RETRY = {"retry_total": 3, "retry_backoff_factor": 0.01, "retry_backoff_max": 0.05}


def _fault(**rule) -> dict:
    return {"path_contains": "/resourcegroups/rg-fault", "times": 1, **rule}


def test_throttle_returns_429_with_retry_after(emulator) -> None:
    emulator.configure(faults=[_fault(kind="throttle", method="GET", retry_after=7)])
    with pytest.raises(HttpResponseError) as err:
        emulator.resources().resource_groups.get("rg-fault")
    assert err.value.status_code == 429
    assert err.value.response.headers["Retry-After"] == "7"
    assert err.value.error.code == "TooManyRequests"


def test_sdk_retries_through_a_503_and_a_dropped_connection(emulator) -> None:
    emulator.configure(faults=[_fault(kind="error", status=503, method="PUT"),
                               _fault(kind="drop", method="GET")])
    rc = emulator.resources(**FAST_RETRY)
    rc.resource_groups.create_or_update("rg-fault", {"location": "westeurope"})
    assert rc.resource_groups.get("rg-fault").name == "rg-fault"
    assert emulator.server.app.faults.fired() == [1, 1]


def test_without_retries_the_faults_surface(emulator) -> None:
    emulator.configure(faults=[_fault(kind="error", status=500, method="PUT"), _fault(kind="drop", method="GET")])
    rc = emulator.resources()
    with pytest.raises(HttpResponseError) as err:
        rc.resource_groups.create_or_update("rg-fault", {"location": "westeurope"})
    assert (err.value.status_code, err.value.error.code) == (500, "InternalServerError")
    with pytest.raises(ServiceResponseError):
        rc.resource_groups.get("rg-fault")


def test_resource_that_fails_provisioning_fails_the_deployment(emulator) -> None:
    emulator.configure(faults=[{"kind": "provision", "resource_type": "Microsoft.KeyVault/vaults",
                                "code": "VaultProvisioningFailed", "message": "disk full"}])
    emulator.resources().resource_groups.create_or_update("rg-prov", {"location": "westeurope"})
    with pytest.raises(HttpResponseError) as err:
        deploy(emulator, "rg-prov", "shared", load_fixture("shared.json"), env="dev")
    assert "ResourceDeploymentFailure" in str(err.value)
    record = emulator.deployments().deployments.get("rg-prov", "shared")
    (detail,) = record.properties.error.details
    assert detail.code == "ResourceDeploymentFailure"
    assert detail.details[0].code == "VaultProvisioningFailed"
    # the vault's dependants never ran: the role assignment layer was not reached
    ops = emulator.deployments().deployment_operations.list("rg-prov", "shared")
    assert "Microsoft.Authorization/roleAssignments" not in {o.properties.target_resource.resource_type for o in ops}


def test_latency_keeps_a_deployment_running_and_cancel_stops_it(emulator) -> None:
    emulator.configure(latency_seconds={"Microsoft.Storage/storageAccounts": 3})
    emulator.resources().resource_groups.create_or_update("rg-slow", {"location": "westeurope"})
    dc = emulator.deployments()
    poller = dc.deployments.begin_create_or_update("rg-slow", "slow", body(load_fixture("shared.json"), env="dev"))
    assert dc.deployments.get("rg-slow", "slow").properties.provisioning_state in ("Accepted", "Running")
    with pytest.raises(HttpResponseError) as err:  # a running deployment cannot be replaced or deleted
        dc.deployments.begin_delete("rg-slow", "slow").result()
    assert err.value.error.code == "DeploymentActive"
    dc.deployments.cancel("rg-slow", "slow")
    with pytest.raises(HttpResponseError):
        poller.result()
    assert dc.deployments.get("rg-slow", "slow").properties.provisioning_state == "Canceled"
    with pytest.raises(HttpResponseError) as err:
        dc.deployments.cancel("rg-slow", "slow")
    assert err.value.status_code == 409


def test_direct_put_with_latency_is_long_running_and_can_fail(emulator) -> None:
    emulator.configure(latency_seconds={"Microsoft.ManagedIdentity/userAssignedIdentities": 0.3},
                       faults=[{"kind": "provision", "resource_type": "Microsoft.KeyVault/vaults",
                                "code": "VaultProvisioningFailed"}])
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-lro", {"location": "westeurope"})
    base = f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-lro/providers"
    poller = rc.resources.begin_create_or_update_by_id(
        f"{base}/Microsoft.ManagedIdentity/userAssignedIdentities/id-slow", {"location": "westeurope"},
        api_version="2023-01-31")
    early = rc.resources.get_by_id(f"{base}/Microsoft.ManagedIdentity/userAssignedIdentities/id-slow",
                                   api_version="2023-01-31")
    assert early.properties["provisioningState"] == "Creating"
    assert poller.result().properties["provisioningState"] == "Succeeded"
    vault = {"location": "westeurope", "properties": {"tenantId": "00000000-0000-0000-0000-000000000000",
                                                      "sku": {"family": "A", "name": "standard"}}}
    with pytest.raises(HttpResponseError) as err:
        rc.resources.begin_create_or_update_by_id(f"{base}/Microsoft.KeyVault/vaults/kv-fails-01", vault,
                                                  api_version="2023-07-01").result()
    assert "VaultProvisioningFailed" in str(err.value)
    failed = rc.resources.get_by_id(f"{base}/Microsoft.KeyVault/vaults/kv-fails-01", api_version="2023-07-01")
    assert failed.properties["provisioningState"] == "Failed"


def test_a_dropped_status_poll_is_retried_and_the_deployment_completes(emulator) -> None:
    emulator.configure(faults=[{"kind": "drop", "path_contains": "/operationstatuses/", "times": 1},
                               {"kind": "throttle", "path_contains": "/operationstatuses/", "times": 1,
                                "retry_after": 0}])
    emulator.resources().resource_groups.create_or_update("rg-poll", {"location": "westeurope"})
    dc = emulator.deployments(**FAST_RETRY)
    result = dc.deployments.begin_create_or_update("rg-poll", "shared",
                                                   body(load_fixture("shared.json"), env="dev")).result()
    assert result.properties.provisioning_state == "Succeeded"
    assert emulator.server.app.faults.fired() == [1, 1]
