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


def test_usage_errors_are_one_line_with_where_to_look() -> None:
    result = CliRunner().invoke(cli, ["render", "--no-such-flag"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["Error: No such option '--no-such-flag'. (see 'cli render --help')"]


def test_an_unreadable_rendered_file_is_one_line(tmp_path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli, ["render", "--spec", str(tmp_path / "mlenv.yaml")]).exit_code == 0
    (tmp_path / "parameters" / "keyvault.parameters.int.json").write_bytes(b"\xff\xfe")
    result = runner.invoke(cli, ["plan", "--env", "int", "--spec", str(tmp_path / "mlenv.yaml")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path}/parameters/keyvault.parameters.int.json: not UTF-8 text; run 'armgen render' to "
        "regenerate it"]


def test_azure_without_sign_in_is_one_line(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("AZURE_TOKEN_CREDENTIALS", "EnvironmentCredential")
    for var in ("AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET"):
        monkeypatch.delenv(var, raising=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli, ["render", "--spec", str(tmp_path / "mlenv.yaml")]).exit_code == 0
    result = runner.invoke(cli, ["what-if", "--env", "int", "--target", "azure", "--spec", str(tmp_path / "mlenv.yaml")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: cannot sign in to Azure: run 'az login', or set AZURE_TENANT_ID, AZURE_CLIENT_ID and "
        "AZURE_CLIENT_SECRET (or workload identity: AZURE_FEDERATED_TOKEN_FILE)"]
