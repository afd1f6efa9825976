"""'armgen render --out build', then plan, validate, what-if and deploy pointed at build: the real SDK, the emulator."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli

pytestmark = pytest.mark.integration
UNITS = 39  # the sample's int environment


def armgen(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, emulator, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A spec in the current folder, rendered into build/ only, armgen pointed at the in-process emulator."""
    state = Path(emulator.state_dir)
    (state / "endpoint.json").write_text(json.dumps({"pid": os.getpid(), "url": emulator.server.url}))
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(state))
    monkeypatch.delenv("ARMGEN_SPEC", raising=False)
    monkeypatch.chdir(tmp_path)
    assert armgen("init").exit_code == 0
    rendered = armgen("render", "--out", "build")
    assert rendered.exit_code == 0, rendered.output
    assert (tmp_path / "build" / "templates" / "keyvault.json").is_file() and not (tmp_path / "templates").exists()
    return tmp_path


def test_render_out_then_plan_validate_what_if_deploy(project: Path, emulator) -> None:
    nowhere = armgen("plan", "--env", "int")
    assert nowhere.exit_code == 2
    assert nowhere.stderr == ("Error: templates: nothing rendered yet; run 'armgen render' first (or pass --out DIR, "
                              "the folder 'armgen render --out DIR' wrote)\n")

    plan = armgen("plan", "--env", "int", "--out", "build", "--format", "json")
    assert plan.exit_code == 0, plan.output
    assert len(json.loads(plan.stdout)["units"]) == UNITS

    validated = armgen("validate", "--out", "build")
    assert validated.exit_code == 0, validated.output
    assert "19 template(s), 96 parameter file(s): 0 error(s)" in validated.stdout and "note:" not in validated.stderr

    what_if = armgen("what-if", "--env", "int", "--out", "build", "--format", "json", "-o", "build/what-if.json")
    assert what_if.exit_code == 0, what_if.output
    units = json.loads((project / "build" / "what-if.json").read_text())["units"]
    assert len(units) == UNITS and all(u["error"] is None for u in units)
    assert {c["changeType"] for u in units for c in u["changes"]} == {"Create"}

    deployed = armgen("deploy", "--env", "int", "--out", "build", "--format", "json", "-o", "build/deploy.json")
    assert deployed.exit_code == 0, deployed.output
    assert deployed.stdout == ""
    assert deployed.stderr.splitlines()[-1] == (f"deploy of int: {UNITS} of {UNITS} units deployed or unchanged, "
                                                "written to build/deploy.json")
    report = json.loads((project / "build" / "deploy.json").read_text())
    assert {u["result"] for u in report["units"]} == {"deployed"} and len(report["units"]) == UNITS
    assert emulator.resources().resource_groups.check_existence("rg-mlp-shared-int")

    again = armgen("what-if", "--env", "int", "--out", "build", "--fail-on-change", "-x", "NoChange", "-x", "Ignore")
    assert again.exit_code == 0, again.output  # deployed exactly what build/ holds
    table = armgen("deploy", "--env", "int", "--out", "build", "-o", "build/deploy.txt")  # text: the final table
    assert table.exit_code == 0, table.output
    text = (project / "build" / "deploy.txt").read_text()
    assert "deploy int" in text and text.count("skipped") == UNITS and "\x1b[" not in text

    spec = project / "mlenv.yaml"  # the spec changes, build/ does not: deploy refuses, naming --out
    spec.write_text(re.sub(r"maxNodes: [^\n]+", "maxNodes: 7", spec.read_text(), count=1))
    stale = armgen("deploy", "--env", "int", "--out", "build")
    assert stale.exit_code == 1
    assert "'armgen render --out build --check' shows the diff" in stale.stderr
