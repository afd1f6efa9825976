"""Finding the spec upward from a subfolder (git-style), the rendered folder, and did-you-mean for names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from armgen.cli.options import find_spec
from armgen.suggest import closest


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample spec, rendered beside it."""
    monkeypatch.delenv("ARMGEN_SPEC", raising=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path / "platform")]).exit_code == 0
    result = runner.invoke(cli, ["render", "--spec", str(tmp_path / "platform" / "mlenv.yaml")])
    assert result.exit_code == 0, result.output
    return tmp_path / "platform"


def test_commands_find_the_spec_in_a_parent_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = CliRunner().invoke(cli, ["plan", "--env", "int", "--format", "json", "--spec",
                                        str(project / "mlenv.yaml")])
    assert expected.exit_code == 0, expected.output
    (project / "templates" / "deeper").mkdir()
    for folder in (project, project / "templates", project / "templates" / "deeper"):
        monkeypatch.chdir(folder)
        found = CliRunner().invoke(cli, ["plan", "--env", "int", "--format", "json"])
        assert found.exit_code == 0, found.output
        assert found.stdout == expected.stdout  # templates/ and parameters/ of the spec's folder, not of here
    assert find_spec() == Path("../../mlenv.yaml")
    assert CliRunner().invoke(cli, ["render", "--check"]).exit_code == 0
    validated = CliRunner().invoke(cli, ["validate"])
    assert validated.exit_code == 0 and "19 template(s), 96 parameter file(s)" in validated.stdout


def test_the_search_stops_at_the_filesystem_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARMGEN_SPEC", raising=False)
    monkeypatch.chdir(tmp_path)
    assert find_spec() is None
    result = CliRunner().invoke(cli, ["plan", "--env", "int"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["Error: mlenv.yaml: file not found; run 'armgen init' there, or pass "
                                          "--spec (or ARMGEN_SPEC) with the right path"]


def test_an_explicit_spec_wins_over_the_search(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project / "templates")
    result = CliRunner().invoke(cli, ["plan", "--env", "int", "--spec", str(tmp_path / "other.yaml")])
    assert result.exit_code == 2 and result.stderr == f"Error: {tmp_path}/other.yaml: file not found; check the path given with --spec\n"


@pytest.mark.parametrize("command", [["plan", "--env", "int"], ["validate"]])
def test_a_command_without_rendered_files_names_out(project: Path, tmp_path: Path, command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--spec", str(project / "mlenv.yaml"), "--out", str(tmp_path / "build")])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path}/build/templates: nothing rendered yet; run 'armgen render --out "
                             f"{tmp_path}/build' first\n")  # the one message, naming the folder in use


@pytest.mark.parametrize(("args", "line"), [
    (["--env", "Int"], "Error: mlenv.yaml: no environment 'Int' (did you mean 'int'?); the spec has: dev, int, pro"),
    (["--env", "prd"], "Error: mlenv.yaml: no environment 'prd' (did you mean 'pro'?); the spec has: dev, int, pro"),
    (["--env", "staging"], "Error: mlenv.yaml: no environment 'staging'; the spec has: dev, int, pro"),
    (["--env", "int", "--unit", "mlworkspace-visoin"],
     "Error: no unit 'mlworkspace-visoin' in the plan for int (did you mean 'mlworkspace-vision'?); 'armgen plan "
     "--env int' lists them"),
    (["--env", "int", "--unit", "KeyVault"],
     "Error: no unit 'KeyVault' in the plan for int (did you mean 'keyvault'?); 'armgen plan --env int' lists them"),
])
@pytest.mark.parametrize("command", ["plan", "what-if", "deploy"])
def test_did_you_mean_for_environments_and_units(project: Path, command: str, args: list[str], line: str) -> None:
    result = CliRunner().invoke(cli, [command, *args, "--spec", str(project / "mlenv.yaml")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [line]


def test_a_name_equal_but_for_case_comes_first() -> None:
    assert closest("PRO", ["prod", "pro"]) == "pro"
    assert closest("Pro", ["prod", "PRO"]) == "PRO"
    assert closest("mlworkspace-visoin", ["mlworkspace-nlp", "mlworkspace-vision"]) == "mlworkspace-vision"
    assert closest("zzz", ["dev", "int"]) is None


def test_plan_writes_its_report_with_o(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "plan.json"
    result = CliRunner().invoke(cli, ["plan", "--env", "int", "--format", "json", "-o", str(out), "--spec",
                                      str(project / "mlenv.yaml")])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"plan of int: 39 units, written to {out}\n"
    assert json.loads(out.read_text())["environment"] == "int"


def test_a_missing_rendered_file_names_the_folder_in_use(project: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    assert CliRunner().invoke(cli, ["render", "--spec", str(project / "mlenv.yaml"), "--out", str(build)]).exit_code == 0
    (build / "parameters" / "keyvault.parameters.int.json").unlink()
    result = CliRunner().invoke(cli, ["plan", "--env", "int", "--spec", str(project / "mlenv.yaml"), "--out", str(build)])
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {build}/parameters/keyvault.parameters.int.json: not found; run 'armgen render "
                             f"--out {build}' first\n")
