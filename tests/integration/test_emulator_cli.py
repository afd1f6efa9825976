"""``armgen emulator start|status|stop|reset`` as a user runs them: a real background process."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from armgen.deploy.target_emulator import resource_client
from armgen.emulator import ensure_running

pytestmark = pytest.mark.integration


def test_start_status_reset_stop(tmp_path) -> None:
    state = str(tmp_path / "emu")
    runner = CliRunner()
    try:
        started = runner.invoke(cli, ["emulator", "start", "--state", state, "--port", "0"])
        assert started.exit_code == 0, started.output
        status = runner.invoke(cli, ["emulator", "status", "--format", "json", "--state", state])
        assert status.exit_code == 0, status.output
        info = json.loads(status.output)
        assert set(info) == {"url", "ca_file", "token", "subscription_id", "state_dir"}
        assert info["url"].startswith("https://127.0.0.1:")
        endpoint = ensure_running(state)  # already running: same endpoint, no second process
        assert endpoint.url == info["url"]
        rc = resource_client(endpoint, polling_interval=0.01)
        rc.resource_groups.create_or_update("rg-cli", {"location": "westeurope"})
        assert runner.invoke(cli, ["emulator", "reset", "--state", state]).exit_code == 0
        assert rc.resource_groups.check_existence("rg-cli") is False
    finally:
        stopped = runner.invoke(cli, ["emulator", "stop", "--state", state])
    assert stopped.exit_code == 0 and "stopped" in stopped.output
    after = runner.invoke(cli, ["emulator", "status", "--state", state])
    assert after.exit_code == 1 and "not running" in after.output


def test_state_dir_from_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(tmp_path / "env-state"))
    result = CliRunner().invoke(cli, ["emulator", "status"])
    assert result.exit_code == 1
    assert str(tmp_path / "env-state") in result.output


def test_in_process_fixture_is_found_by_ensure_running(emulator) -> None:
    found = ensure_running(emulator.state_dir)  # no second server: the fixture announced itself
    assert found.url == emulator.endpoint.url and found.token == emulator.endpoint.token
