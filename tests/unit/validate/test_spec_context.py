"""validate evaluates a rendered unit in its real target: the spec's subscription, location and group."""

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from armgen.rulebase.evaluation import VALIDATE_SUBSCRIPTION, SpecTargets, deployment_context
from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]
SPEC = SpecTargets(load_spec(ROOT / "mlenv.yaml"))


def test_a_rendered_parameter_file_gets_its_environment_and_group() -> None:
    template = json.loads((ROOT / "templates" / "computecluster.json").read_text())
    ctx = deployment_context(template, "pro", str(ROOT / "parameters" / "computecluster-vision.parameters.pro.json"),
                             SPEC)
    assert ctx.subscription_id == "00000000-0000-0000-0000-000000000002"
    assert ctx.resource_group == "rg-mlp-vision-pro"
    assert ctx.location == "northeurope"
    assert ctx.deployment_name == "armgen-pro-computecluster-vision"


def test_a_subscription_template_keeps_subscription_scope() -> None:
    template = json.loads((ROOT / "templates" / "resourcegroups.json").read_text())
    ctx = deployment_context(template, "dev", str(ROOT / "parameters" / "resourcegroups.parameters.dev.json"), SPEC)
    assert ctx.scope == "subscription" and ctx.resource_group is None
    assert ctx.subscription_id == "00000000-0000-0000-0000-000000000001"


def test_a_foreign_parameter_file_gets_the_placeholder(tmp_path: Path) -> None:
    template = json.loads((ROOT / "templates" / "keyvault.json").read_text())
    assert deployment_context(template, "dev", str(tmp_path / "vault.parameters.dev.json"), SPEC).subscription_id \
        == VALIDATE_SUBSCRIPTION
    assert deployment_context(template, "dev", str(ROOT / "parameters" / "keyvault.parameters.dev.json")) \
        .subscription_id == VALIDATE_SUBSCRIPTION  # no spec given: never guessed from the file's folder


@pytest.fixture
def rendered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample rendered into build/ beside its spec; the current folder is that spec's folder."""
    monkeypatch.delenv("ARMGEN_SPEC", raising=False)
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    result = runner.invoke(cli, ["render", "--spec", str(tmp_path / "mlenv.yaml"), "--out", str(tmp_path / "build")])
    assert result.exit_code == 0, result.output
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_validate_uses_the_spec_it_finds_and_says_when_there_is_none(rendered: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with_spec = CliRunner().invoke(cli, ["validate", "--out", "build"])
    assert with_spec.exit_code == 0, with_spec.output
    assert "note:" not in with_spec.stderr
    monkeypatch.chdir(rendered / "build")  # from a subfolder: the spec is found upward, --out is relative to here
    assert CliRunner().invoke(cli, ["validate", "--out", "."]).stderr == with_spec.stderr
    shutil.move(rendered / "mlenv.yaml", rendered / "platform.yaml")
    without = CliRunner().invoke(cli, ["validate", "--out", "."])
    assert without.exit_code == 0, without.output
    assert without.stderr.splitlines()[0] == (
        "note: no mlenv.yaml found here, above the validated files or in a parent folder: parameter files are "
        "evaluated with a placeholder subscription and resource group; pass --spec FILE for the environments' real "
        "ones")
    named = CliRunner().invoke(cli, ["validate", "--out", ".", "--spec", "../platform.yaml"])
    assert named.exit_code == 0 and "note:" not in named.stderr


@pytest.mark.parametrize("args", [["--out", "{build}"], ["{build}/templates"], ["{build}/templates/keyvault.json"],
                                  ["--templates-dir", "{build}/templates", "--parameters-dir", "{build}/parameters"]])
def test_without_a_spec_here_the_spec_above_the_validated_files_is_used(
        rendered: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
        args: list[str]) -> None:
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))  # no spec here or above: found from the files, as expand
    result = CliRunner().invoke(cli, ["validate", *(a.format(build=rendered / "build") for a in args)])
    assert result.exit_code == 0, result.output
    assert "note:" not in result.stderr and " 0 parameter file(s)" not in result.stdout


def test_a_named_spec_that_is_missing_or_broken_is_one_line(rendered: Path) -> None:
    missing = CliRunner().invoke(cli, ["validate", "--out", "build", "--spec", "nope.yaml"])
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Error: nope.yaml: file not found; check the path given with --spec") and missing.stderr.count("\n") == 1
    (rendered / "mlenv.yaml").write_text("project: [\n")
    broken = CliRunner().invoke(cli, ["validate", "--out", "build"])  # found, so it must load
    assert broken.exit_code == 2 and broken.stderr.startswith("Error: mlenv.yaml:") and "Traceback" not in broken.output
    # the spec is the first problem reported, before a templates folder that is not there
    nowhere = CliRunner().invoke(cli, ["validate", "--templates-dir", "nowhere"])
    assert nowhere.exit_code == 2 and nowhere.stderr.startswith("Error: mlenv.yaml:"), nowhere.stderr
