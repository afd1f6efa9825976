"""The command group itself: help, version, unknown commands."""

from click.testing import CliRunner

from armgen import __version__
from armgen.cli.main import cli


def test_version_prints_package_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_unknown_command_exits_2_without_traceback() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
