"""Bearer token, api-version and TLS as ARM enforces them."""

from __future__ import annotations

import json
import ssl
import urllib.error
import urllib.request

import pytest
from azure.core.exceptions import ClientAuthenticationError

from armgen.deploy.target_emulator import resource_client
from armgen.emulator.endpoint import EndpointInfo

pytestmark = pytest.mark.integration


def _call(endpoint: EndpointInfo, path: str, token: str | None, method: str = "GET") -> tuple[int, dict]:
    ctx = ssl.create_default_context(cafile=endpoint.ca_file)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx))
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    req = urllib.request.Request(endpoint.url + path, method=method, headers=headers)
    try:
        with opener.open(req, timeout=10) as resp:
            return resp.status, json.loads(resp.read() or b"{}")
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read() or b"{}")


def test_missing_token_is_401_with_arm_error_body(emulator) -> None:
    ep = emulator.endpoint
    status, body = _call(ep, f"/subscriptions/{ep.subscription_id}/resourcegroups?api-version=2025-04-01", None)
    assert status == 401
    assert body["error"]["code"] == "AuthenticationFailed"
    assert set(body["error"]) >= {"code", "message"}


def test_wrong_token_is_refused_by_the_sdk(emulator) -> None:
    ep = emulator.endpoint
    forged = EndpointInfo(ep.url, ep.ca_file, "not-the-token", ep.subscription_id, ep.state_dir)
    client = resource_client(forged, retry_total=0)
    with pytest.raises(ClientAuthenticationError) as err:
        list(client.resource_groups.list())
    assert err.value.status_code == 401
    assert err.value.error.code == "InvalidAuthenticationToken"


def test_missing_api_version(emulator) -> None:
    ep = emulator.endpoint
    status, body = _call(ep, f"/subscriptions/{ep.subscription_id}/resourcegroups", ep.token)
    assert status == 400
    assert body["error"]["code"] == "MissingApiVersionParameter"
    assert "api-version" in body["error"]["message"]


def test_invalid_api_version(emulator) -> None:
    ep = emulator.endpoint
    status, body = _call(ep, f"/subscriptions/{ep.subscription_id}/resourcegroups?api-version=latest", ep.token)
    assert status == 400
    assert body["error"]["code"] == "InvalidApiVersionParameter"


def test_certificate_is_not_trusted_without_the_emulator_ca(emulator) -> None:
    ep = emulator.endpoint
    ctx = ssl.create_default_context()  # system trust store only
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx))
    with pytest.raises(urllib.error.URLError) as err:
        opener.open(ep.url + "/_emulator/health", timeout=10)
    assert "CERTIFICATE_VERIFY_FAILED" in str(err.value)


def test_reset_endpoint_empties_state(emulator) -> None:
    rc = emulator.resources()
    rc.resource_groups.create_or_update("rg-reset", {"location": "westeurope"})
    status, _ = _call(emulator.endpoint, "/_emulator/reset", emulator.endpoint.token, method="POST")
    assert status == 204
    assert rc.resource_groups.check_existence("rg-reset") is False


def test_knobs_through_the_admin_endpoint(emulator) -> None:
    ep = emulator.endpoint
    ctx = ssl.create_default_context(cafile=ep.ca_file)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=ctx))
    knobs = {"seed": 5, "faults": [{"kind": "error", "status": 503, "method": "GET", "times": 1}]}
    req = urllib.request.Request(f"{ep.url}/_emulator/config?persist=false", method="PUT",
                                 data=json.dumps(knobs).encode(),
                                 headers={"Authorization": f"Bearer {ep.token}", "Content-Type": "application/json"})
    with opener.open(req, timeout=10) as resp:
        assert json.loads(resp.read())["seed"] == 5
    status, body = _call(ep, f"/subscriptions/{ep.subscription_id}/resourcegroups?api-version=2025-04-01", ep.token)
    assert (status, body["error"]["code"]) == (503, "ServiceUnavailable")
    status, _ = _call(ep, f"/subscriptions/{ep.subscription_id}/resourcegroups?api-version=2025-04-01", ep.token)
    assert status == 200
    bad = urllib.request.Request(f"{ep.url}/_emulator/config", method="PUT", data=b'{"nope": 1}',
                                 headers={"Authorization": f"Bearer {ep.token}"})
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(bad, timeout=10)
    assert err.value.code == 400


def test_cloud_metadata_names_the_emulator_as_resource_manager(emulator) -> None:
    ep = emulator.endpoint
    status, body = _call(ep, "/metadata/endpoints?api-version=2022-09-01", None)
    assert status == 200
    assert body[0]["resourceManager"] == ep.url + "/"


def test_request_log_counts_routes_and_reports_the_emulators_cpu(emulator) -> None:
    ep = emulator.endpoint
    emulator.server.app.requests.reset()
    status, first = _call(ep, "/_emulator/requests", ep.token)
    assert status == 200 and first["total"] == 0 and isinstance(first["cpuSeconds"], float)
    for _ in range(5):
        _call(ep, f"/subscriptions/{ep.subscription_id}/resourcegroups?api-version=2025-04-01", ep.token)
    _, after = _call(ep, "/_emulator/requests", ep.token)
    assert after["byRoute"] == {"GET list_groups": 5}  # the admin routes are not counted
    assert after["cpuSeconds"] > first["cpuSeconds"]
