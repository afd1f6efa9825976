"""A provider ignores read-only properties in a PUT body (azure-rest-api-specs mark them "readOnly": true;
ARM's resource provider contract: "read-only properties ... sent by the client are ignored"). Editing a
resource the way the portal does (GET, change one property, PUT the whole body back) changes that one
property, and the next what-if shows exactly that change: no "- Delete" noise for the endpoints."""

from __future__ import annotations

import pytest

from tests.integration.support import deploy, load_fixture, what_if

pytestmark = pytest.mark.integration


def test_get_edit_put_round_trip_stores_only_the_declared_change(emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-ro", {"location": "westeurope"})
    template = load_fixture("quickstart-storage.json")
    template["resources"][0]["properties"] = {"minimumTlsVersion": "TLS1_2"}
    name = deploy(emulator, "rg-ro", "st", template).properties.outputs["storageAccountName"]["value"]
    account_id = f"/subscriptions/{emulator.endpoint.subscription_id}/resourceGroups/rg-ro/providers/" \
                 f"Microsoft.Storage/storageAccounts/{name}"

    got = rc.resources.get_by_id(account_id, api_version="2023-05-01").as_dict()
    assert got["properties"]["primaryEndpoints"]["blob"] == f"https://{name}.blob.core.windows.net/"
    edited = {k: got[k] for k in ("location", "sku", "kind", "tags", "properties") if k in got}
    edited["properties"] = dict(got["properties"], minimumTlsVersion="TLS1_1",
                                primaryLocation="eastus", statusOfPrimary="unavailable", provisioningState="Failed")
    rc.resources.begin_create_or_update_by_id(account_id, edited, api_version="2023-05-01").result()

    after = rc.resources.get_by_id(account_id, api_version="2023-05-01").as_dict()["properties"]
    assert after["minimumTlsVersion"] == "TLS1_1"
    assert (after["primaryLocation"], after["statusOfPrimary"], after["provisioningState"]) == \
        ("westeurope", "available", "Succeeded")

    result = what_if(emulator, "rg-ro", "st", template)
    (change,) = result.changes
    assert change.change_type == "Modify"
    assert [(d.path, d.property_change_type, d.before, d.after) for d in change.delta] == \
        [("properties.minimumTlsVersion", "Modify", "TLS1_1", "TLS1_2")]
