"""A deployment stack read from ARM's JSON: what armgen takes from it, and what it ignores."""

from __future__ import annotations

from armgen.deploy.stacks import STACKS_API, Stack, api_version, state

RG = "/subscriptions/s/resourceGroups/rg-a"


def test_a_stack_reads_name_state_tags_managed_ids_and_deployment() -> None:
    doc = {"name": "ws-a", "tags": {"armgenUnit": "mlworkspace-a", "armgenEnv": "int"},
           "properties": {"provisioningState": "Succeeded", "deploymentId": f"{RG}/providers/x/deployments/d1",
                          "resources": [{"id": f"{RG}/providers/p/t/one", "status": "managed"},
                                        {"id": f"{RG}/providers/p/t/two"},
                                        {"id": f"{RG}/providers/p/t/left", "status": "detached"},
                                        {"id": f"{RG}/providers/p/t/gone", "status": "deleteFailed"},
                                        {"status": "managed"}, "not an object"]}}
    stack = Stack.from_json(doc)
    assert (stack.name, stack.state, stack.deployment_id) == ("ws-a", "Succeeded", f"{RG}/providers/x/deployments/d1")
    assert stack.managed == (f"{RG}/providers/p/t/one", f"{RG}/providers/p/t/two")
    assert stack.tag("armgenUnit") == "mlworkspace-a" and stack.tag("armgenRelease") == ""
    assert state(stack) == "succeeded" and state(None) == ""


def test_a_stack_of_unexpected_shape_reads_as_empty_not_an_error() -> None:
    for doc in ({}, None, [], {"name": "x", "tags": ["a"], "properties": "oops"},
                {"properties": {"resources": {"id": "x"}, "provisioningState": None}}):
        stack = Stack.from_json(doc)
        assert stack.state == "" and stack.managed == () and stack.tags == {}


def test_lists_ask_for_the_version_the_sdk_deploys_stacks_with() -> None:
    from azure.identity import DefaultAzureCredential
    from azure.mgmt.resource.deploymentstacks import DeploymentStacksClient

    from armgen.deploy.target import Target

    client = DeploymentStacksClient(DefaultAzureCredential(), "00000000-0000-0000-0000-000000000000")
    assert client._config.api_version == STACKS_API  # the SDK client's default
    assert api_version(Target("azure", "s", None, None, "t", stacks=client)) == STACKS_API
    pinned = DeploymentStacksClient(DefaultAzureCredential(), "00000000-0000-0000-0000-000000000000",
                                    api_version="2024-03-01")
    assert api_version(Target("azure", "s", None, None, "t", stacks=pinned)) == "2024-03-01"


def test_status_polls_keep_the_interval_the_stacks_client_was_built_with() -> None:
    from azure.identity import DefaultAzureCredential
    from azure.mgmt.resource.deploymentstacks import DeploymentStacksClient

    from armgen.deploy.target import Target

    stacks = DeploymentStacksClient(DefaultAzureCredential(), "00000000-0000-0000-0000-000000000000",
                                    polling_interval=0.25)
    assert Target("emulator", "s", None, None, "t", stacks=stacks).lro_interval() == 0.25
    assert Target("emulator", "s", None, None, "t", stacks=stacks, polling_interval=2.0).lro_interval() == 2.0
    assert Target("emulator", "s", None, None, "t").lro_interval() == 30.0
