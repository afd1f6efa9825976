"""Azure RBAC evaluation: wildcards at every segment, notActions precedence, case, data actions."""

import pytest

from armgen.rbac.operations import is_data_operation
from armgen.roles import Permission, evaluate, matches


@pytest.mark.parametrize(("permission", "operation", "expected"), [
    ("*", "Microsoft.Storage/storageAccounts/delete", True),
    ("*/read", "Microsoft.Storage/storageAccounts/read", True),
    ("*/read", "Microsoft.Storage/storageAccounts/write", False),
    ("Microsoft.Storage/*", "Microsoft.Storage/storageAccounts/blobServices/containers/write", True),
    ("Microsoft.Storage/*", "Microsoft.StorageSync/storageSyncServices/read", False),
    ("Microsoft.Storage/*/read", "Microsoft.Storage/storageAccounts/read", True),
    ("Microsoft.Storage/*/read", "Microsoft.Storage/storageAccounts/blobServices/containers/read", True),
    ("Microsoft.Storage/storageAccounts/*/read", "Microsoft.Storage/storageAccounts/read", False),
    ("Microsoft.MachineLearningServices/workspaces/*/write",
     "Microsoft.MachineLearningServices/workspaces/jobs/write", True),
    ("Microsoft.MachineLearningServices/workspaces/*/write",
     "Microsoft.MachineLearningServices/workspaces/write", False),
    ("Microsoft.MachineLearningServices/*/jobs/write", "Microsoft.MachineLearningServices/workspaces/jobs/write", True),
    ("Microsoft.MachineLearningServices/workspaces/jobs/*", "Microsoft.MachineLearningServices/workspaces/jobs/read",
     True),
    ("Microsoft.Storage/storageAccounts/list*", "Microsoft.Storage/storageAccounts/listKeys/action", True),
    ("Microsoft.Storage/storageAccounts/list*", "Microsoft.Storage/storageAccounts/read", False),
    ("*/storageAccounts/*", "Microsoft.Storage/storageAccounts/read", True),
    ("Microsoft.Authorization/*/write", "Microsoft.Authorization/roleAssignments/write", True),
    ("Microsoft.Authorization/*/write", "Microsoft.Authorization/roleAssignments/read", False),
    ("Microsoft.Storage/storageAccounts/read", "Microsoft.Storage/storageAccounts/read/extra", False),
    ("Microsoft.Storage/storageAccounts/read", "x.Microsoft.Storage/storageAccounts/read", False),
    ("Microsoft.Sto.age/*", "Microsoft.Storage/storageAccounts/read", False),  # '.' is literal, not a regex
])
def test_wildcards_match_at_every_segment(permission, operation, expected):
    assert matches(permission, operation) is expected


@pytest.mark.parametrize(("permission", "operation"), [
    ("microsoft.storage/STORAGEACCOUNTS/read", "Microsoft.Storage/storageAccounts/read"),
    ("MICROSOFT.AUTHORIZATION/*/WRITE", "microsoft.authorization/roleassignments/write"),
    ("Microsoft.Storage/storageAccounts/read", "MICROSOFT.STORAGE/STORAGEACCOUNTS/READ"),
])
def test_matching_ignores_case(permission, operation):
    assert matches(permission, operation)


def test_not_actions_take_precedence_over_actions():
    role = Permission.of(["Microsoft.MachineLearningServices/*"],
                         ["Microsoft.MachineLearningServices/workspaces/delete",
                          "Microsoft.MachineLearningServices/workspaces/computes/*/write"])
    assert evaluate(role, "Microsoft.MachineLearningServices/workspaces/read").allowed
    deleted = evaluate(role, "Microsoft.MachineLearningServices/workspaces/delete")
    assert not deleted.allowed
    assert deleted.granted_by == ["Microsoft.MachineLearningServices/*"]
    assert deleted.excluded_by == ["Microsoft.MachineLearningServices/workspaces/delete"]
    assert "removed by notActions" in deleted.explain()
    assert not evaluate(role, "Microsoft.MachineLearningServices/workspaces/computes/gpu/write").allowed
    assert evaluate(role, "Microsoft.MachineLearningServices/workspaces/computes/write").allowed


def test_not_actions_alone_grant_nothing():
    role = Permission.of([], ["Microsoft.Storage/storageAccounts/delete"])
    assert not evaluate(role, "Microsoft.Storage/storageAccounts/read").allowed
    assert evaluate(role, "Microsoft.Storage/storageAccounts/read").explain() == "no actions entry matches"


def test_not_actions_ignore_case():
    role = Permission.of(["*"], ["microsoft.authorization/*/WRITE"])
    assert not evaluate(role, "Microsoft.Authorization/roleAssignments/write").allowed
    assert evaluate(role, "Microsoft.Authorization/roleAssignments/read").allowed


def test_data_actions_are_separate_from_control_actions():
    blob_read = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"
    control_everything = Permission.of(["*"])
    assert evaluate(control_everything, blob_read, data=False).allowed  # as a (non-existent) control op
    assert not evaluate(control_everything, blob_read, data=True).allowed
    data_only = Permission.of([], [], ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*"],
                              ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete"])
    assert evaluate(data_only, blob_read, data=True).allowed
    assert not evaluate(data_only, blob_read, data=False).allowed
    d = evaluate(data_only, "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete", data=True)
    assert not d.allowed and "notDataActions" in d.explain()
    # notActions do not remove data actions, and notDataActions do not remove control actions
    mixed = Permission.of(["Microsoft.Storage/*"], ["Microsoft.Storage/*/blobs/*"], [blob_read])
    assert evaluate(mixed, blob_read, data=True).allowed


def test_several_permission_entries_are_a_union():
    a = Permission.of(["Microsoft.Storage/*"], ["Microsoft.Storage/storageAccounts/delete"])
    b = Permission.of(["Microsoft.Storage/storageAccounts/delete"])
    assert evaluate([a, b], "Microsoft.Storage/storageAccounts/delete").allowed
    assert not evaluate([a], "Microsoft.Storage/storageAccounts/delete").allowed


def test_from_arm_reads_the_role_definition_shape():
    p = Permission.from_arm({"actions": ["*/read"], "notActions": None, "dataActions": ["x/*"]})
    assert p == Permission(("*/read",), (), ("x/*",), ())


@pytest.mark.parametrize(("operation", "data"), [
    ("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read", True),
    ("microsoft.storage/storageaccounts/blobservices/containers/BLOBS/write", True),
    ("Microsoft.KeyVault/vaults/secrets/getSecret/action", True),
    ("Microsoft.ContainerRegistry/registries/repositories/content/read", True),
    ("Microsoft.Storage/storageAccounts/blobServices/containers/read", False),
    ("Microsoft.KeyVault/vaults/secrets/read", False),
    ("Microsoft.MachineLearningServices/workspaces/jobs/write", False),
])
def test_data_operations_are_recognised(operation, data):
    assert is_data_operation(operation) is data
