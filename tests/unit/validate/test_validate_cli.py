"""``armgen validate`` end to end with CliRunner: selection, formats, exit codes 0/1/2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli

PROJECT = Path(__file__).resolve().parents[2] / "fixtures" / "validate" / "project"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(PROJECT, tmp_path / "project")
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path / "project"


def invoke(*args: str):
    return CliRunner().invoke(cli, ["validate", *args])


def edit(path: Path, fn) -> None:
    data = json.loads(path.read_text())
    fn(data)
    path.write_text(json.dumps(data, indent=2))


def test_clean_project_exits_0(project: Path) -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "1 template(s), 3 parameter file(s): 0 error(s), 0 warning(s), 0 info"
    assert result.stderr.startswith("note: no mlenv.yaml found here, above the validated files")  # not armgen's output


def test_error_finding_exits_1_with_location(project: Path) -> None:
    path = project / "templates/storageaccount.json"
    path.write_text(path.read_text().replace('"TLS1_2"', '"TLS1_1"'))
    result = invoke()
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if "AG7001" in ln]
    # seen identically with all three parameter files: reported once, for the template
    assert lines == ["templates/storageaccount.json:19:9: error AG7001 minimumTlsVersion is 'TLS1_1'; "
                     'set it to "TLS1_2"']


def test_warnings_fail_only_with_strict(project: Path) -> None:
    edit(project / "templates/storageaccount.json",
         lambda t: t["parameters"].update(unused={"type": "string", "defaultValue": "x"}))
    assert invoke().exit_code == 0
    result = invoke("--strict")
    assert result.exit_code == 1
    assert "warning AG2006 parameter 'unused' is never used" in result.output


def test_rule_and_ignore_select_rules(project: Path) -> None:
    edit(project / "templates/storageaccount.json", lambda t: t.update(contentVersion="1"))
    edit(project / "templates/storageaccount.json",
         lambda t: t["resources"][0]["properties"].update(allowBlobPublicAccess=True))
    only = invoke("--rule", "AG7")
    assert only.exit_code == 1 and "AG7003" in only.output and "AG1002" not in only.output
    ignored = invoke("--ignore", "AG7003", "--ignore", "AG1002")
    assert ignored.exit_code == 0, ignored.output


def test_named_template_with_parameters(project: Path) -> None:
    params = project / "custom.json"
    params.write_text(json.dumps({
        "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
        "contentVersion": "1.0.0.0", "parameters": {"name": {"value": "x"}, "colour": {"value": "red"}}}))
    result = invoke("templates/storageaccount.json", "--parameters", str(params), "--format", "json")
    assert result.exit_code == 1
    found = {(f["rule_id"], f["file"]) for f in json.loads(result.output)}
    assert ("AG2002", str(params)) in found  # unknown parameter 'colour'
    assert ("AG2005", str(params)) in found  # 'x' shorter than minLength 3


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit"])
def test_output_file_gets_the_report_and_stderr_the_summary(project: Path, fmt: str) -> None:
    result = CliRunner().invoke(cli, ["validate", "--format", fmt, "--output", "results/new/report.out"])
    assert result.exit_code == 0
    text = (project / "results/new/report.out").read_text()
    if fmt == "junit":
        assert text.startswith("<?xml")
    else:
        json.loads(text)
    assert "0 error(s)" in result.output  # CliRunner mixes stderr into output


@pytest.mark.parametrize(("args", "setup", "message"), [
    ((), lambda p: shutil.rmtree(p / "templates"), "templates: nothing rendered yet; run 'armgen render' first"),
    (("--templates-dir", "nope"), None, "nope/ does not exist: pass the templates folder with --templates-dir"),
    (("nope.json",), None, "nope.json: no such file or directory"),
    (("--rule", "AG9876"), None, "unknown rule id 'AG9876'"),
    ((), lambda p: (p / "templates/storageaccount.json").write_text('{"a": }'), "storageaccount.json:1:7: invalid JSON"),
    (("--format", "xml"), None, "Invalid value for '--format'"),
])
def test_unusable_input_exits_2_with_one_line(project: Path, args: tuple, setup, message: str) -> None:
    if setup:
        setup(project)
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_list_rules(project: Path) -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    assert any(line.startswith("AG7001  E  Storage TLS version") for line in result.output.splitlines())
