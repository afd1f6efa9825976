"""The emulator under hostile requests: ARM's limits checked before bodies are read, ARM-shaped errors
for everything, idle connections closed, faults off the admin routes, a private state directory."""

from __future__ import annotations

import json
import socket
import ssl
import stat
import time
from pathlib import Path

import pytest

from armgen.emulator.endpoint import EndpointInfo

pytestmark = pytest.mark.integration

SA = "/subscriptions/{sub}/resourceGroups/rg-hard/providers/Microsoft.Storage/storageAccounts/sthard01"


def _connect(ep: EndpointInfo) -> ssl.SSLSocket:
    ctx = ssl.create_default_context(cafile=ep.ca_file)
    host, port = ep.url.removeprefix("https://").split(":")
    sock = ctx.wrap_socket(socket.create_connection((host, int(port)), timeout=10), server_hostname=host)
    return sock


def _read_response(sock: ssl.SSLSocket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        rest += chunk
    return status, headers, rest


def _raw(ep: EndpointInfo, head: str, body: bytes = b"") -> tuple[int, dict[str, str], dict, float]:
    """Send ``head`` (request line and headers, no blank line) and ``body``; (status, headers, JSON, seconds)."""
    sock = _connect(ep)
    start = time.monotonic()
    try:
        sock.sendall(head.encode("latin-1") + b"\r\n\r\n" + body)
        status, headers, raw = _read_response(sock)
    finally:
        sock.close()
    return status, headers, json.loads(raw or b"{}"), time.monotonic() - start


def _head(ep: EndpointInfo, method: str, path: str, *extra: str, token: bool = True) -> str:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {ep.url.removeprefix('https://')}"]
    if token:
        lines.append(f"Authorization: Bearer {ep.token}")
    return "\r\n".join([*lines, *extra])


def _arm_error(body: dict) -> dict:
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and isinstance(body["error"]["message"], str)
    return body["error"]


def test_an_unauthenticated_100_mb_put_is_refused_before_its_body(emulator) -> None:
    ep = emulator.endpoint
    path = SA.format(sub=ep.subscription_id) + "?api-version=2023-05-01"
    for _ in range(3):  # the body is never sent: the answer must not wait for it
        status, headers, body, seconds = _raw(ep, _head(ep, "PUT", path, "Content-Type: application/json",
                                                        f"Content-Length: {100 * 1024 * 1024}", token=False))
        assert status == 401 and _arm_error(body)["code"] == "AuthenticationFailed"
        assert headers.get("connection") == "close"
        assert seconds < 5


def test_an_oversized_body_is_413_before_it_is_read(emulator) -> None:
    ep = emulator.endpoint
    path = SA.format(sub=ep.subscription_id) + "?api-version=2023-05-01"
    status, _, body, seconds = _raw(ep, _head(ep, "PUT", path, "Content-Type: application/json",
                                              f"Content-Length: {4 * 1024 * 1024 + 1}"))
    assert status == 413
    assert _arm_error(body) == {"code": "RequestContentTooLarge", "details": [],
                                "message": "The request content size exceeds the maximum size of 4 MB."}
    assert seconds < 5


@pytest.mark.parametrize("value", ["-1", "abc", "1e3", "99999999999999999999"])
def test_a_bad_content_length_is_400_at_once(emulator, value: str) -> None:
    ep = emulator.endpoint
    path = SA.format(sub=ep.subscription_id) + "?api-version=2023-05-01"
    status, _, body, seconds = _raw(ep, _head(ep, "PUT", path, "Content-Type: application/json",
                                              f"Content-Length: {value}"))
    assert status == 400 and _arm_error(body)["code"] == "InvalidContentLength"
    assert seconds < 5


def test_chunked_bodies_need_a_length(emulator) -> None:
    ep = emulator.endpoint
    path = SA.format(sub=ep.subscription_id) + "?api-version=2023-05-01"
    status, _, body, _ = _raw(ep, _head(ep, "PUT", path, "Content-Type: application/json",
                                        "Transfer-Encoding: chunked"), b"2\r\n{}\r\n0\r\n\r\n")
    assert status == 411 and _arm_error(body)["code"] == "LengthRequired"


def test_a_body_that_is_not_json_is_415(emulator) -> None:
    ep = emulator.endpoint
    path = f"/subscriptions/{ep.subscription_id}/resourcegroups/rg-hard?api-version=2025-04-01"
    data = b'{"location": "westeurope"}'
    status, _, body, _ = _raw(ep, _head(ep, "PUT", path, "Content-Type: text/plain", f"Content-Length: {len(data)}"),
                              data)
    assert status == 415
    assert _arm_error(body)["message"] == ("The content media type 'text/plain' is not supported. Only "
                                           "'application/json' is supported.")
    status, _, _, _ = _raw(ep, _head(ep, "PUT", path, "Content-Type: application/json; charset=utf-8",
                                     f"Content-Length: {len(data)}"), data)
    assert status in (200, 201)


@pytest.mark.parametrize("data", [b'{"location": "westeurope", "tags": {"a": NaN}}',
                                  b'{"location": "westeurope", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
                                  b'{"location": "westeurope", "x": ' + b"9" * 5000 + b"}",
                                  b'{"location": "westeurope", "location": "northeurope"}',
                                  b'{"location": "\xff"}'], ids=["nan", "deep", "huge-int", "duplicate", "not-utf8"])
def test_hostile_json_is_400_invalid_request_content_and_not_stored(emulator, data: bytes) -> None:
    ep = emulator.endpoint
    path = f"/subscriptions/{ep.subscription_id}/resourcegroups/rg-hostile?api-version=2025-04-01"
    status, _, body, _ = _raw(ep, _head(ep, "PUT", path, "Content-Type: application/json",
                                        f"Content-Length: {len(data)}"), data)
    assert status == 400, body
    assert _arm_error(body)["code"] == "InvalidRequestContent"
    assert len(body["error"]["message"]) < 600
    status, _, _, _ = _raw(ep, _head(ep, "GET", path))
    assert status == 404


def test_an_api_version_the_provider_does_not_offer_is_refused_with_arms_code(emulator) -> None:
    ep = emulator.endpoint
    path = SA.format(sub=ep.subscription_id) + "?api-version=2099-01-01"
    status, _, body, _ = _raw(ep, _head(ep, "GET", path))
    assert status == 400
    error = _arm_error(body)
    assert error["code"] == "NoRegisteredProviderFound"
    assert "API version '2099-01-01' for type 'storageAccounts'" in error["message"]
    assert "2023-05-01" in error["message"]
    deployment = (f"/subscriptions/{ep.subscription_id}/resourcegroups/rg/providers/Microsoft.Resources/"
                  "deployments/d?api-version=2001-01-01")
    status, _, body, _ = _raw(ep, _head(ep, "GET", deployment))
    assert status == 400 and _arm_error(body)["code"] == "NoRegisteredProviderFound"


def test_protocol_errors_are_arm_json(emulator) -> None:
    ep = emulator.endpoint
    long_path = "/subscriptions/" + "x" * 70_000
    status, headers, body, _ = _raw(ep, f"GET {long_path} HTTP/1.1\r\nHost: x")
    assert status == 414 and _arm_error(body)["code"] == "RequestUriTooLong"
    assert headers["content-type"].startswith("application/json")
    many = "\r\n".join(f"X-H{i}: v" for i in range(150))
    status, _, body, _ = _raw(ep, _head(ep, "GET", "/subscriptions?api-version=2025-04-01", many))
    assert status == 431 and _arm_error(body)["code"] == "RequestHeaderFieldsTooLarge"
    status, _, body, _ = _raw(ep, _head(ep, "OPTIONS", "/subscriptions?api-version=2025-04-01"))
    assert status == 501 and _arm_error(body)["code"] == "NotImplemented"
    status, _, body, _ = _raw(ep, _head(ep, "GET", "/subscriptions/x/nothing/here?api-version=2025-04-01"))
    assert status == 404 and _arm_error(body)


def test_an_idle_connection_is_closed(emulator) -> None:
    emulator.configure(idle_timeout_seconds=0.5)
    ep = emulator.endpoint
    idle = [_connect(ep) for _ in range(5)]
    try:
        for sock in idle:  # one request each, then silence on a kept-alive connection
            sock.sendall(_head(ep, "GET", f"/subscriptions/{ep.subscription_id}/resourcegroups?api-version="
                                          "2025-04-01").encode() + b"\r\n\r\n")
            assert _read_response(sock)[0] == 200
        time.sleep(1.5)
        for sock in idle:
            sock.settimeout(5)
            assert sock.recv(1) == b""  # closed by the server
    finally:
        for sock in idle:
            sock.close()


def test_faults_never_hit_the_admin_routes(emulator) -> None:
    ep = emulator.endpoint
    catch_all = json.dumps({"faults": [{"kind": "error", "status": 503}]}).encode()
    status, _, _, _ = _raw(ep, _head(ep, "PUT", "/_emulator/config?persist=false", "Content-Type: application/json",
                                     f"Content-Length: {len(catch_all)}"), catch_all)
    assert status == 200
    status, _, body, _ = _raw(ep, _head(ep, "GET", f"/subscriptions/{ep.subscription_id}/resourcegroups"
                                                   "?api-version=2025-04-01"))
    assert status == 503 and _arm_error(body)["code"] == "ServiceUnavailable"
    status, _, body, _ = _raw(ep, _head(ep, "GET", "/_emulator/config"))
    assert status == 200 and body["faults"]
    clear = b'{"faults": []}'
    status, _, _, _ = _raw(ep, _head(ep, "PUT", "/_emulator/config?persist=false", "Content-Type: application/json",
                                     f"Content-Length: {len(clear)}"), clear)
    assert status == 200
    status, _, _, _ = _raw(ep, _head(ep, "GET", f"/subscriptions/{ep.subscription_id}/resourcegroups"
                                                "?api-version=2025-04-01"))
    assert status == 200


SECRET = "Pl41ntext-S3cret-value-armgen"
VAULT_TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {"secretValue": {"type": "securestring"}},
    "resources": [
        {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2023-07-01", "name": "kv-hard-01",
         "location": "westeurope",
         "properties": {"tenantId": "00000000-0000-0000-0000-000000000000", "sku": {"family": "A", "name": "standard"},
                        "enableRbacAuthorization": True}},
        {"type": "Microsoft.KeyVault/vaults/secrets", "apiVersion": "2023-07-01", "name": "kv-hard-01/db-password",
         "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', 'kv-hard-01')]"],
         "properties": {"value": "[parameters('secretValue')]"}},
    ],
}


def _deploy_secret(emulator) -> None:
    rc, dc = emulator.resources(), emulator.deployments()
    rc.resource_groups.create_or_update("rg-secret", {"location": "westeurope"})
    body = {"properties": {"mode": "Incremental", "template": VAULT_TEMPLATE,
                           "parameters": {"secretValue": {"value": SECRET}}}}
    assert dc.deployments.begin_create_or_update("rg-secret", "secret", body).result().properties \
        .provisioning_state == "Succeeded"


def test_state_dir_is_private_and_secret_values_are_not_stored(fresh_emulator) -> None:
    emulator = fresh_emulator
    _deploy_secret(emulator)
    state = Path(emulator.state_dir)
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    files = [p for p in state.iterdir() if p.is_file()]
    assert {p.name for p in files} >= {"token", "state.sqlite3", "ca.pem", "server-key.pem"}
    assert {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in files} == {p.name: "0o600" for p in files}
    emulator.server.app.store._db.execute("PRAGMA wal_checkpoint(FULL)")
    for path in state.iterdir():
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path.name
    rc = emulator.resources()
    sub = emulator.endpoint.subscription_id
    secret_id = f"/subscriptions/{sub}/resourceGroups/rg-secret/providers/Microsoft.KeyVault/vaults/kv-hard-01/secrets/db-password"
    assert "value" not in rc.resources.get_by_id(secret_id, api_version="2023-07-01").properties
    what_if = emulator.deployments().deployments.begin_what_if("rg-secret", "secret", {"properties": {
        "mode": "Incremental", "template": VAULT_TEMPLATE, "parameters": {"secretValue": {"value": SECRET}}}}).result()
    kinds = {c.resource_id.rsplit("/", 1)[-1]: c.change_type for c in what_if.changes}
    assert kinds["db-password"] == "NoChange"
    changed = emulator.deployments().deployments.begin_what_if("rg-secret", "secret", {"properties": {
        "mode": "Incremental", "template": VAULT_TEMPLATE, "parameters": {"secretValue": {"value": "other"}}}}).result()
    assert {c.resource_id.rsplit("/", 1)[-1]: c.change_type for c in changed.changes}["db-password"] == "Modify"
