"""Resource id parsing: types, names, parents, extension scopes, canonical group segment."""

from __future__ import annotations

import pytest

from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.models.ids import build_resource_id, parse_resource_id, same_id

SUB = "/subscriptions/s1/resourcegroups/rg1"


def test_child_resource() -> None:
    rid = parse_resource_id(f"{SUB}/providers/Microsoft.Storage/storageAccounts/sa/blobServices/default/containers/c1")
    assert rid.type == "Microsoft.Storage/storageAccounts/blobServices/containers"
    assert rid.name == "sa/default/c1"
    assert (rid.subscription, rid.resource_group) == ("s1", "rg1")
    assert rid.id.startswith("/subscriptions/s1/resourceGroups/rg1/")  # canonical casing
    assert rid.parent == "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/sa/" \
                         "blobServices/default"
    assert not rid.is_extension


def test_extension_resource_on_a_resource() -> None:
    vault = f"{SUB}/providers/Microsoft.KeyVault/vaults/kv1"
    rid = parse_resource_id(f"{vault}/providers/Microsoft.Authorization/roleAssignments/0000")
    assert rid.is_extension
    assert rid.type == "Microsoft.Authorization/roleAssignments"
    assert same_id(rid.scope, vault)
    assert rid.group_id == "/subscriptions/s1/resourceGroups/rg1"


def test_subscription_level_resource() -> None:
    rid = parse_resource_id("/subscriptions/s1/providers/Microsoft.Authorization/roleDefinitions/abc")
    assert (rid.subscription, rid.resource_group, rid.group_id) == ("s1", None, None)


@pytest.mark.parametrize("bad", ["/subscriptions/s1/resourceGroups/rg", f"{SUB}/providers/Ns/type"])
def test_invalid_ids(bad: str) -> None:
    with pytest.raises(ArmHttpError) as err:
        parse_resource_id(bad)
    assert err.value.code == "InvalidResourceId" and err.value.status == 400


def test_build_id_round_trip() -> None:
    built = build_resource_id("/subscriptions/s1/resourceGroups/rg1",
                              "Microsoft.Storage/storageAccounts/blobServices/containers", "sa/default/c1")
    assert parse_resource_id(built).name == "sa/default/c1"
    with pytest.raises(ArmHttpError):
        build_resource_id("/subscriptions/s1", "Microsoft.Storage/storageAccounts", "a/b")
