"""How verify compares a deployed value with the one armgen sent (no emulator needed)."""

import pytest

from armgen.verify.checks import property_problems
from armgen.verify.compare import is_missing, lookup, same
from armgen.verify.expected import Expected


@pytest.mark.parametrize(("expected", "actual", "equal"), [
    ("Standard_LRS", "standard_lrs", True),
    ("/subscriptions/S/resourceGroups/G/providers/Microsoft.Storage/storageAccounts/a",
     "/subscriptions/s/resourcegroups/g/providers/microsoft.storage/storageaccounts/A", True),
    ("PT120S", "PT2M", True),
    ("PT120S", "PT3M", False),
    ("P1DT1H", "PT25H", True),
    (True, True, True),
    (False, "false", True),
    (True, False, False),
    (2, 2.0, True),
    (2, "2", True),
    (1, 2, False),
    ("TLS1_2", "TLS1_0", False),
    ({"name": "Standard"}, {"name": "standard", "tier": "Standard"}, True),
    (["a", "b"], ["A", "B"], True),
    (["a"], ["a", "b"], False),
])
def test_same(expected, actual, equal):
    assert same(expected, actual) is equal


def test_lookup_is_case_insensitive_and_reports_missing():
    doc = {"properties": {"WorkspaceResourceId": "x", "sku": {"name": "PerGB2018"}}}
    assert lookup(doc, "properties.workspaceResourceId") == "x"
    assert lookup(doc, "properties.sku.name") == "PerGB2018"
    assert is_missing(lookup(doc, "properties.sku.tier"))
    assert is_missing(lookup(doc, "properties.sku.name.x"))


def test_property_problems_name_each_difference():
    sent = {"sku": {"name": "Standard_LRS"}, "properties": {"minimumTlsVersion": "TLS1_2", "allowSharedKeyAccess": False},
            "identity": {"userAssignedIdentities": {"/x/ID": {}}}}
    item = Expected("storageaccount-data", "/id", "Microsoft.Storage/storageAccounts", "st", sent)
    live = {"sku": {"name": "Standard_GRS"}, "properties": {"minimumTlsVersion": "TLS1_2"},
            "identity": {"userAssignedIdentities": {"/x/id": {"principalId": "p"}}}}
    paths = ("sku.name", "properties.minimumTlsVersion", "properties.allowSharedKeyAccess",
             "identity.userAssignedIdentities", "properties.notSent")
    assert property_problems(item, live, paths) == [
        "sku.name is 'Standard_GRS', expected 'Standard_LRS'",
        "properties.allowSharedKeyAccess is absent, expected False",
    ]
    live["identity"]["userAssignedIdentities"] = {}
    assert property_problems(item, live, ("identity.userAssignedIdentities",)) == [
        "identity.userAssignedIdentities lacks /x/ID"]
