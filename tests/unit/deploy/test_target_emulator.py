"""The SDK wiring for the emulator: credential, client keyword arguments, proxy bypass."""

from __future__ import annotations

import os

from armgen.deploy.target_emulator import ARM_SCOPE, EmulatorCredential, client_kwargs
from armgen.emulator.endpoint import EndpointInfo

EP = EndpointInfo("https://127.0.0.1:1234", "/state/ca.pem", "tok", "sub", "/state")


def test_credential_hands_out_the_emulator_token() -> None:
    token = EmulatorCredential("tok").get_token(ARM_SCOPE)
    assert token.token == "tok" and token.expires_on > 0


def test_client_kwargs_verify_with_the_emulator_ca(monkeypatch) -> None:
    monkeypatch.setenv("NO_PROXY", "corp.example")
    monkeypatch.delenv("no_proxy", raising=False)
    kwargs = client_kwargs(EP)
    assert kwargs["base_url"] == EP.url and kwargs["connection_verify"] == EP.ca_file
    assert kwargs["credential_scopes"] == [ARM_SCOPE] and "polling_interval" not in kwargs
    assert kwargs["credential"].get_token(ARM_SCOPE).token == "tok"
    assert client_kwargs(EP, 0.5)["polling_interval"] == 0.5
    assert os.environ["NO_PROXY"] == "corp.example,127.0.0.1,localhost"
    assert "127.0.0.1" in os.environ["no_proxy"]
