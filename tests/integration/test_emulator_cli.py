"""``armgen emulator start|status|stop|reset`` as a user runs them: a real background process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

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
        assert set(info) == {"url", "ca_file", "token_file", "subscription_id", "state_dir"}
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


def test_busy_port_is_one_line_and_no_traceback(tmp_path) -> None:
    state = tmp_path / "emu"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["emulator", "start", "--state", str(state), "--port", str(port)])
    assert result.exit_code == 2, result.output
    assert result.stderr == (f"Error: port {port} on 127.0.0.1 is already in use by another program; "
                             "choose another with --port N, or --port 0 for any free port\n")
    log = (state / "emulator.log").read_text()
    assert "Traceback" not in log and "Address already in use" in log


def test_port_of_a_running_emulator_is_not_ignored(tmp_path) -> None:
    state = str(tmp_path / "emu")
    runner = CliRunner()
    try:
        started = runner.invoke(cli, ["emulator", "start", "--state", state, "--port", "0"])
        assert started.exit_code == 0 and "emulator started at" in started.output, started.output
        url = json.loads(runner.invoke(cli, ["emulator", "status", "--format", "json", "--state", state]).output)["url"]
        port = int(url.rsplit(":", 1)[1])
        again = runner.invoke(cli, ["emulator", "start", "--state", state])
        assert again.exit_code == 0 and f"emulator already running at {url}" in again.output
        assert "armgen emulator stop" in again.output
        other = port + 1 if port < 65535 else port - 1
        moved = runner.invoke(cli, ["emulator", "start", "--state", state, "--port", str(other)])
        assert moved.exit_code == 2
        assert moved.stderr == (f"Error: the emulator of {Path(state).resolve()} already runs at {url}, not on port "
                                f"{other}; stop it first ('armgen emulator stop --state {state}') to start it on "
                                f"port {other}, or leave out --port to use it\n")
    finally:
        runner.invoke(cli, ["emulator", "stop", "--state", state])


def test_status_hides_the_token_unless_asked(emulator) -> None:
    runner = CliRunner()
    state = str(emulator.state_dir)
    token = emulator.endpoint.token
    for fmt in ("text", "json"):
        shown = runner.invoke(cli, ["emulator", "status", "--format", fmt, "--state", state])
        assert shown.exit_code == 0 and token not in shown.output
        assert str(Path(state).resolve() / "token") in shown.output
    revealed = runner.invoke(cli, ["emulator", "status", "--format", "json", "--show-token", "--state", state])
    assert json.loads(revealed.output)["token"] == token


def test_what_if_says_it_starts_and_reuses_a_background_emulator(tmp_path) -> None:
    assert CliRunner().invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    state = tmp_path / "emu"
    env = {**os.environ, "ARMGEN_EMULATOR_STATE": str(state)}
    cmd = [sys.executable, "-m", "armgen.cli.main", "what-if", "--spec", str(tmp_path / "mlenv.yaml"),
           "--env", "dev", "--unit", "resourcegroups"]
    try:
        assert subprocess.run([*cmd[:3], "render", "--spec", str(tmp_path / "mlenv.yaml")], env=env).returncode == 0
        first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        assert first.returncode == 0, first.stderr
        url = json.loads((state / "endpoint.json").read_text())["url"]
        assert (f"started the local emulator at {url} in the background (state {state.resolve()}); it keeps running "
                "after this command: stop it with 'armgen emulator stop'") in first.stderr
        second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
        assert second.returncode == 0, second.stderr
        assert (f"using the local emulator already running at {url} (state {state.resolve()}; "
                "stop it with 'armgen emulator stop')") in second.stderr
        assert "started the local emulator" not in second.stderr
    finally:
        subprocess.run([*cmd[:3], "emulator", "stop"], env=env, timeout=60)
