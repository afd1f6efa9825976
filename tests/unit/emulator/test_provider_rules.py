"""Provider rules on an in-memory store: names, global names, soft delete, role assignments."""

from __future__ import annotations

import pytest

from armgen.emulator.config import EmulatorConfig
from armgen.emulator.models.errors import ArmHttpError
from armgen.emulator.models.resource_groups import ResourceGroupModel
from armgen.emulator.models.resources import ResourceModel
from armgen.emulator.store import Store

SUB1, SUB2 = "00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002"


@pytest.fixture
def model() -> ResourceModel:
    store = Store(None)
    resources = ResourceModel(store, EmulatorConfig())
    groups = ResourceGroupModel(store, resources)
    for sub in (SUB1, SUB2):
        groups.create_or_update(sub, "rg", {"location": "westeurope"})
    return resources


def _id(sub: str, rtype: str, name: str) -> str:
    return f"/subscriptions/{sub}/resourceGroups/rg/providers/{rtype}/{name}"


def _code(fn, *args) -> str:
    with pytest.raises(ArmHttpError) as err:
        fn(*args)
    return err.value.code


def test_storage_names(model: ResourceModel) -> None:
    body = {"location": "westeurope", "sku": {"name": "Standard_LRS"}}
    assert _code(model.put, _id(SUB1, "Microsoft.Storage/storageAccounts", "Bad_Name"), body, "x") == \
        "AccountNameInvalid"
    model.put(_id(SUB1, "Microsoft.Storage/storageAccounts", "stglobal01"), body, "x")
    assert _code(model.put, _id(SUB2, "Microsoft.Storage/storageAccounts", "stglobal01"), body, "x") == \
        "StorageAccountAlreadyTaken"
    model.delete(_id(SUB1, "Microsoft.Storage/storageAccounts", "stglobal01"))
    model.put(_id(SUB2, "Microsoft.Storage/storageAccounts", "stglobal01"), body, "x")  # freed by the delete


def test_registry_names_are_global_and_case_insensitive(model: ResourceModel) -> None:
    body = {"location": "westeurope", "sku": {"name": "Basic"}}
    model.put(_id(SUB1, "Microsoft.ContainerRegistry/registries", "crShared01"), body, "x")
    assert _code(model.put, _id(SUB2, "Microsoft.ContainerRegistry/registries", "crshared01"), body, "x") == \
        "AlreadyInUse"


def test_deleted_vault_without_soft_delete_frees_its_name(model: ResourceModel) -> None:
    body = {"location": "westeurope", "properties": {"enableSoftDelete": False}}
    model.put(_id(SUB1, "Microsoft.KeyVault/vaults", "kv-plain-01"), body, "x")
    model.delete(_id(SUB1, "Microsoft.KeyVault/vaults", "kv-plain-01"))
    model.put(_id(SUB2, "Microsoft.KeyVault/vaults", "kv-plain-01"), body, "x")


def test_identity_principal_is_stable_across_updates_and_new_after_recreate(model: ResourceModel) -> None:
    rid = _id(SUB1, "Microsoft.ManagedIdentity/userAssignedIdentities", "id-a")
    first = model.put(rid, {"location": "westeurope"}, "x")[0]["properties"]["principalId"]
    again = model.put(rid, {"location": "westeurope", "tags": {"a": "b"}}, "x")[0]["properties"]["principalId"]
    assert first == again
    model.delete(rid)
    assert model.put(rid, {"location": "westeurope"}, "x")[0]["properties"]["principalId"] != first


def test_role_assignment_name_must_be_a_guid(model: ResourceModel) -> None:
    rid = f"/subscriptions/{SUB1}/resourceGroups/rg/providers/Microsoft.Authorization/roleAssignments/not-a-guid"
    body = {"properties": {"principalId": "x", "roleDefinitionId": "y"}}
    assert _code(model.put, rid, body, "x") == "InvalidRoleAssignmentId"
