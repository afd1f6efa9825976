"""A bad emulator config or state folder is one line and exit 2, before any process is started."""

from pathlib import Path

from click.testing import CliRunner

from armgen.cli.main import cli


def test_invalid_json_in_config_is_named(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{bad")
    result = CliRunner().invoke(cli, ["emulator", "start", "--state", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / 'config.json'}:1:2: invalid JSON: Expecting property name enclosed in double quotes; "
        "fix or delete the file"]


def test_wrong_types_in_config_are_named(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text('{"seed": "x"}')
    result = CliRunner().invoke(cli, ["emulator", "start", "--state", str(tmp_path)])
    assert result.exit_code == 2
    assert "'seed' must be int, not str" in result.stderr


def test_a_state_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    result = CliRunner().invoke(cli, ["emulator", "start", "--state", str(tmp_path / "file" / "state")])
    assert result.exit_code == 2
    assert "cannot use as the emulator's state folder" in result.stderr
