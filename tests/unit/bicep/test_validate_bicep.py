"""``armgen validate --bicep``: bicep/ checked against templates/ and parameters/ (and built when a bicep CLI
is on PATH)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from tests.unit.spec.project import armgen

ROOT = Path(__file__).resolve().parents[3]


def _copy(tmp_path: Path) -> Path:
    for name in ("templates", "parameters", "bicep"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def _validate(folder: Path, *extra: str):  # click Result
    return armgen("validate", "--templates-dir", str(folder / "templates"),
                  "--parameters-dir", str(folder / "parameters"), "--bicep", *extra)


def test_the_sample_bicep_is_equivalent(tmp_path: Path) -> None:
    result = _validate(_copy(tmp_path))
    assert result.exit_code == 0, result.output
    assert "19 module(s), 96 .bicepparam file(s)" in result.stderr
    if shutil.which("bicep") is None:
        assert "bicep CLI not on PATH, so not built with it" in result.stderr


def test_a_changed_module_or_bicepparam_is_an_error_naming_file_and_difference(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    module = folder / "bicep" / "keyvault.bicep"
    module.write_text(module.read_text().replace("enablePurgeProtection: true", "enablePurgeProtection: false"))
    params = folder / "bicep" / "computecluster-nlp.pro.bicepparam"
    params.write_text(params.read_text().replace("param maxNodeCount = 4", "param maxNodeCount = 40"))
    other = folder / "bicep" / "keyvault.dev.bicepparam"
    other.write_text(other.read_text().replace("using './keyvault.bicep'", "using './appinsights.bicep'"))
    result = _validate(folder)
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "AG1901" in line]
    assert len(lines) == 3, result.stdout
    assert any("keyvault.bicep:1:1: error AG1901" in line and "enablePurgeProtection: expected true, got false" in line
               for line in lines)
    assert any("computecluster-nlp.pro.bicepparam" in line and "maxNodeCount.value: expected 4, got 40" in line
               for line in lines)
    assert any("keyvault.dev.bicepparam" in line and "expected './keyvault.bicep'" in line for line in lines)


def test_a_missing_module_and_a_syntax_error_are_findings(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "bicep" / "loganalytics.bicep").unlink()
    broken = folder / "bicep" / "appinsights.bicep"
    broken.write_text(broken.read_text().replace("kind: 'web'", "kind: 'web"))
    result = _validate(folder)
    assert result.exit_code == 1
    assert "no Bicep module for " in result.stdout and "loganalytics.json; run 'armgen render --format bicep'" in result.stdout
    assert "appinsights.bicep:" in result.stdout and "the Bicep parser cannot read this" in result.stdout


def test_no_bicep_folder_is_one_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    shutil.rmtree(folder / "bicep")
    result = _validate(folder)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "bicep/ does not exist: run 'armgen render --format bicep'" in result.stderr


@pytest.mark.skipif(shutil.which("bicep") is None, reason="bicep CLI not on PATH: validate --bicep's build with the "
                    "real compiler is not exercised on this machine (it is on a user's machine with the CLI)")
def test_the_real_bicep_cli_builds_every_module_to_the_same_deployment(tmp_path: Path) -> None:
    result = _validate(_copy(tmp_path))
    assert result.exit_code == 0, result.output
    assert "also built with" in result.stderr


def _stand_in(tmp_path: Path, body: str) -> dict:
    """A ``bicep`` executable on PATH that answers like the CLI's build commands (the plumbing, not Bicep)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    tool = bin_dir / "bicep"
    tool.write_text(f"#!{sys.executable}\n{body}")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


BUILD_FROM_ARM = """import json, pathlib, sys
verb, path = sys.argv[1], pathlib.Path(sys.argv[2])
root = path.parent.parent
if verb == "build":
    print((root / "templates" / (path.stem + ".json")).read_text())
else:
    unit, env = path.name.removesuffix(".bicepparam").rsplit(".", 1)
    text = (root / "parameters" / f"{unit}.parameters.{env}.json").read_text()
    print(json.dumps({"parametersJson": text}))
"""


def test_a_bicep_cli_on_path_is_used_and_its_output_compared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy(tmp_path / "project")
    for k, v in _stand_in(tmp_path, BUILD_FROM_ARM).items():
        monkeypatch.setenv(k, v)
    result = _validate(folder)
    assert result.exit_code == 0, result.output
    assert "also built with" in result.stderr
    template = folder / "templates" / "keyvault.json"
    doc = json.loads(template.read_text())
    doc["resources"][0]["properties"]["enablePurgeProtection"] = False
    template.write_text(json.dumps(doc))
    result = _validate(folder)
    assert result.exit_code == 1
    assert "bicep build, differs from" not in result.stdout  # the stand-in builds what the template says
    assert "read back, differs from" in result.stdout and "enablePurgeProtection" in result.stdout


def test_a_failing_bicep_build_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _copy(tmp_path / "project")
    body = "import sys\nprint('Error BCP018: Expected the \\\"}\\\" character at this location.', file=sys.stderr)\n" \
           "sys.exit(1)\n"
    for k, v in _stand_in(tmp_path, body).items():
        monkeypatch.setenv(k, v)
    result = _validate(folder)
    assert result.exit_code == 1
    assert "bicep build failed: Error BCP018" in result.stdout


def test_no_bicep_folder_under_out_names_the_render_that_writes_it(tmp_path: Path) -> None:
    folder = _copy(tmp_path / "build")
    shutil.rmtree(folder / "bicep")
    result = armgen("validate", "--out", str(folder), "--bicep")
    assert result.exit_code == 2
    assert f"run 'armgen render --out {folder} --format bicep'" in result.stderr
