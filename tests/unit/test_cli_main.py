"""The command group itself: help, version, unknown commands."""

import pytest
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


@pytest.mark.parametrize(("args", "line"), [
    (["plna"], "Error: No such command 'plna' (did you mean 'plan'?). (see 'cli --help')"),
    (["emulator", "strat"], "Error: No such command 'strat' (did you mean 'start'?). (see 'cli emulator --help')"),
    (["roles", "tset"], "Error: No such command 'tset' (did you mean 'test'?). (see 'cli roles --help')"),
    (["xyzzy"], "Error: No such command 'xyzzy'. (see 'cli --help')"),
])
def test_a_mistyped_command_gets_the_one_did_you_mean(args: list[str], line: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line]


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


def test_an_output_whose_folder_cannot_be_created_says_so(tmp_path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli, ["render", "--spec", str(tmp_path / "mlenv.yaml")]).exit_code == 0
    (tmp_path / "file").write_text("")
    result = runner.invoke(cli, ["plan", "--env", "int", "--spec", str(tmp_path / "mlenv.yaml"),
                                 "-o", str(tmp_path / "file" / "sub" / "plan.txt")])
    assert result.exit_code == 2  # not "cannot write: File exists"
    assert result.stderr.splitlines() == [f"Error: {tmp_path}/file/sub/plan.txt: cannot create its folder "
                                          f"{tmp_path}/file/sub: {tmp_path}/file is a file, not a folder"]


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
        "Error: cannot sign in to Azure (EnvironmentCredential: EnvironmentCredential authentication unavailable. "
        "Environment variables are not fully configured.): run 'az login', or set AZURE_TENANT_ID, AZURE_CLIENT_ID "
        "and AZURE_CLIENT_SECRET (or workload identity: AZURE_FEDERATED_TOKEN_FILE)"]


def test_a_sign_in_failure_names_its_cause(tmp_path, monkeypatch) -> None:
    """A service principal whose authority cannot be reached (every connection goes through a proxy that is not
    there): the line says so without ARMGEN_DEBUG (0 is off)."""
    monkeypatch.setenv("AZURE_TOKEN_CREDENTIALS", "EnvironmentCredential")
    monkeypatch.setenv("AZURE_TENANT_ID", "00000000-0000-0000-0000-00000000000a")
    monkeypatch.setenv("AZURE_CLIENT_ID", "00000000-0000-0000-0000-00000000000b")
    monkeypatch.setenv("AZURE_CLIENT_SECRET", "not-a-secret")
    monkeypatch.setenv("ARMGEN_DEBUG", "0")
    for var in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.setenv(var, "http://127.0.0.1:9")
    for var in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(var, raising=False)
    spec = str(tmp_path / "mlenv.yaml")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli, ["render", "--spec", spec]).exit_code == 0
    result = runner.invoke(cli, ["plan", "--env", "int", "--spec", spec])  # rendered and readable
    assert result.exit_code == 0
    result = runner.invoke(cli, ["what-if", "--env", "int", "--target", "azure", "--spec", spec])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: cannot sign in to Azure (EnvironmentCredential: Authentication failed: ")
    assert "Unable to connect to proxy" in line and line.endswith("): run 'az login', or set AZURE_TENANT_ID, "
                                                                  "AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or "
                                                                  "workload identity: AZURE_FEDERATED_TOKEN_FILE)")


@pytest.mark.parametrize(("value", "on"), [("1", True), ("true", True), ("yes", True), ("0", False),
                                           ("", False), ("false", False), ("No", False), ("off", False)])
def test_armgen_debug_values(tmp_path, monkeypatch, value: str, on: bool) -> None:
    """ARMGEN_DEBUG=0 (and empty, false, no, off) is off: one line for armgen's own bug; on, its traceback."""
    import armgen.deploy.plan

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug")

    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    assert runner.invoke(cli, ["render", "--spec", str(tmp_path / "mlenv.yaml")]).exit_code == 0
    monkeypatch.setattr(armgen.deploy.plan, "build_plan", broken)
    monkeypatch.setenv("ARMGEN_DEBUG", value)
    result = runner.invoke(cli, ["plan", "--env", "int", "--spec", str(tmp_path / "mlenv.yaml")])
    if on:
        assert isinstance(result.exception, RuntimeError)
    else:
        assert result.exit_code == 1 and result.stderr.splitlines() == [
            "Error: internal error (RuntimeError: a bug); re-run with ARMGEN_DEBUG=1 and report it"]
