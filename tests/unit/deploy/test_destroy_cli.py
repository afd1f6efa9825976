"""``armgen destroy -o FILE``: the report goes to the file, a one-line summary to stderr."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from armgen.deploy.destroy import Removal
from tests.unit.spec.project import armgen, render, write_project


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write_project(tmp_path_factory.mktemp("destroy"))
    assert render(path).exit_code == 0
    return path


def test_destroy_writes_its_report_to_output(spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    removals = [Removal("stack armgen-int-keyvault", "deleted"), Removal("group rg-x", "failed", "409 ScopeLocked")]
    monkeypatch.setattr("armgen.deploy.target.connect", lambda env, kind: SimpleNamespace(description="here"))
    monkeypatch.setattr("armgen.deploy.destroy.destroy", lambda target, plan, parallel, locks: removals)
    report = tmp_path / "reports" / "destroy.json"
    result = armgen("destroy", "--spec", str(spec), "--env", "int", "--yes", "--format", "json", "-o", str(report))
    assert result.exit_code == 1  # one item could not be removed; the report is written all the same
    assert result.stdout == ""
    assert json.loads(report.read_text())["removed"][1] == {"what": "group rg-x", "result": "failed",
                                                            "detail": "409 ScopeLocked"}
    assert result.stderr.splitlines()[0] == f"destroy of int: 2 item(s), 1 not removed, written to {report}"
    text = armgen("destroy", "--spec", str(spec), "--env", "int", "--yes")
    assert text.stdout == "deleted  stack armgen-int-keyvault\nfailed   group rg-x (409 ScopeLocked)\n"
