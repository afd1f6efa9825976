"""validate's caches (evaluations per pairing, walks per template, reference() calls per expression)
change nothing: a multi-workspace platform, some parameter files broken, gives the same findings with
them off."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from armgen.arm import dependencies
from armgen.cli.main import cli
from armgen.rulebase.context import RuleContext
from armgen.rulebase.evaluation import SpecTargets
from armgen.rules import all_rules
from armgen.spec import load_spec
from armgen.validate.discovery import discover
from armgen.validate.runner import validate

ROOT = Path(__file__).resolve().parents[3]


def platform(folder: Path, workspaces: int) -> Path:
    """The sample spec with extra workspaces, rendered, with parameter files broken in three ways."""
    doc = yaml.safe_load((ROOT / "mlenv.yaml").read_text())
    for i in range(workspaces):
        ws = copy.deepcopy(doc["workspaces"][i % 2])
        ws["name"] = f"wp{i:03d}"
        doc["workspaces"].append(ws)
    (folder / "mlenv.yaml").write_text(yaml.safe_dump(doc, sort_keys=False))
    (folder / "datastore_config.json").write_text((ROOT / "datastore_config.json").read_text())
    result = CliRunner().invoke(cli, ["render", "--spec", str(folder / "mlenv.yaml")])
    assert result.exit_code == 0, result.output
    for i, path in enumerate(sorted((folder / "parameters").glob("*.json"))):
        data = json.loads(path.read_text())
        params = data.get("parameters") or {}
        if not params:
            continue
        name = sorted(params)[i % len(params)]
        if i % 5 == 0 and isinstance(params[name].get("value"), str):
            params[name]["value"] += "--BAD_" * 3
        elif i % 5 == 1:
            del params[name]
        elif i % 5 == 2:
            params["unknownParam"] = {"value": 1}
        path.write_text(json.dumps(data, indent=2))
    return folder


def findings(folder: Path) -> list:
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        pairings, orphans = discover((), (), "templates", "parameters")
        report = validate(pairings, all_rules(), orphans, SpecTargets(load_spec("mlenv.yaml")))  # as the CLI does
    finally:
        os.chdir(cwd)
    return [(f.file, f.line, f.column, f.rule_id, f.severity, f.message, f.env) for f in report.findings]


def test_findings_are_the_same_without_the_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = platform(tmp_path, 4)
    cached = findings(folder)
    assert any(f[4] == "E" for f in cached) and len({f[6] for f in cached}) > 1

    def uncached(self, key, compute, shared=True):
        return compute()

    monkeypatch.setattr(RuleContext, "memo", uncached)
    monkeypatch.setattr(dependencies, "_reference_args", dependencies._reference_args.__wrapped__)
    assert findings(folder) == cached
