"""The SDK clients' HTTP transport: one SSL context with the emulator's CA verifies every connection, and a
loopback session does not read the environment (requests would swap the bearer token for a .netrc login)."""

from __future__ import annotations

from pathlib import Path

import pytest
from azure.core.exceptions import ClientAuthenticationError, ServiceRequestError

from armgen.deploy.target_emulator import resource_client
from armgen.deploy.transport import pooled_transport
from armgen.errors import ArmgenError

pytestmark = pytest.mark.integration

def _groups(emulator, transport) -> list:
    client = resource_client(emulator.endpoint, transport=transport, retry_total=0)
    return list(client.resource_groups.list())


def test_the_emulator_ca_verifies_every_connection(emulator) -> None:
    transport = pooled_transport(emulator.endpoint.ca_file, loopback=True)
    for _ in range(3):  # the same pooled connection, then (after a close) a new one with the same context
        assert isinstance(_groups(emulator, transport), list)
        transport.session.close()


def test_a_server_the_bundle_does_not_sign_is_refused(emulator) -> None:
    import certifi  # the public CAs: a real bundle, but not the emulator's

    with pytest.raises(ServiceRequestError, match="CERTIFICATE_VERIFY_FAILED"):
        _groups(emulator, pooled_transport(certifi.where(), loopback=True))


def test_a_missing_bundle_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ArmgenError, match="cannot load the CA bundle .*nope.pem"):
        pooled_transport(str(tmp_path / "nope.pem"))


def test_loopback_does_not_read_netrc(emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """requests replaces the bearer token by a .netrc login for the host (a ``default`` entry matches any host)
    when the session trusts the environment: the emulator would then answer 401."""
    netrc = tmp_path / "netrc"
    netrc.write_text("default login someone password secret\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert isinstance(_groups(emulator, pooled_transport(emulator.endpoint.ca_file, loopback=True)), list)
    with pytest.raises(ClientAuthenticationError):  # what a session that trusts the environment does
        _groups(emulator, pooled_transport(emulator.endpoint.ca_file))
