"""ARM answers lists in pages, the rest behind ``nextLink``: the SDK's pagers and armgen's own list reader
(stacks, locks, role assignments) follow every page."""

from __future__ import annotations

import pytest
from azure.core.exceptions import HttpResponseError
from azure.core.rest import HttpRequest

from armgen.deploy.arm_list import list_all
from armgen.deploy.stacks import list_scope
from armgen.deploy.target import Target

pytestmark = pytest.mark.integration

GROUP = "rg-pages"
TEMPLATE = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0", "resources": []}


def _identities(emulator, sub: str, count: int) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update(GROUP, {"location": "westeurope"})
    for i in range(count):
        rc.resources.begin_create_or_update_by_id(
            f"/subscriptions/{sub}/resourceGroups/{GROUP}/providers/Microsoft.ManagedIdentity/"
            f"userAssignedIdentities/id-{i}", {"location": "westeurope"}, api_version="2023-01-31").result()


def test_a_list_longer_than_a_page_comes_in_pages_that_every_reader_follows(emulator) -> None:
    emulator.configure(list_page_size=2)
    sub = emulator.endpoint.subscription_id
    _identities(emulator, sub, 5)
    rc, stacks = emulator.resources(), emulator.stacks()
    for i in range(3):
        stacks.deployment_stacks.begin_create_or_update_at_resource_group(
            GROUP, f"stack-{i}", {"properties": {"template": TEMPLATE, "actionOnUnmanage": {"resources": "detach"},
                                                 "denySettings": {"mode": "none"}}}).result()
    url = f"/subscriptions/{sub}/resourceGroups/{GROUP}/resources?api-version=2025-04-01"
    first = rc.send_request(HttpRequest("GET", url)).json()
    assert len(first["value"]) == 2 and first["nextLink"].endswith("skiptoken=2")

    names = [f"id-{i}" for i in range(5)]
    assert sorted(r.name for r in rc.resources.list_by_resource_group(GROUP)) == names  # the SDK's pager
    assert sorted(d["name"] for d in list_all(rc, url)) == names  # armgen's reader
    target = Target("emulator", sub, rc, emulator.deployments(), "test", stacks=stacks)
    assert sorted(s.name for s in list_scope(target, GROUP)) == ["stack-0", "stack-1", "stack-2"]


def test_a_short_list_is_one_page_and_a_bad_skip_token_is_refused(emulator) -> None:
    sub = emulator.endpoint.subscription_id
    _identities(emulator, sub, 3)
    rc = emulator.resources()
    url = f"/subscriptions/{sub}/resourceGroups/{GROUP}/resources?api-version=2025-04-01"
    page = rc.send_request(HttpRequest("GET", url)).json()
    assert len(page["value"]) == 3 and "nextLink" not in page
    with pytest.raises(HttpResponseError) as err:
        list_all(rc, url + "&$skiptoken=abc")
    assert err.value.status_code == 400 and "InvalidSkipToken" in str(err.value)
