"""Snapshots of two translated modules, from fixed copies of their ARM templates (tests/fixtures/bicep/), so a
template change elsewhere does not move them. After an intended translator change:
``ARMGEN_UPDATE_SNAPSHOTS=1 python -m pytest tests/unit/bicep/test_snapshots.py`` and review the diff."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from armgen.bicep.emit import translate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "bicep"
UPDATE = os.environ.get("ARMGEN_UPDATE_SNAPSHOTS") == "1"


@pytest.mark.parametrize("kind", ["storageaccount", "roleassignments"])
def test_module_matches_its_snapshot(kind: str) -> None:
    out = translate(kind, json.loads((FIXTURES / f"{kind}.json").read_text("utf-8")))
    snapshot = FIXTURES / f"{kind}.bicep"
    if UPDATE:
        snapshot.write_text(out.main, encoding="utf-8")
    assert out.main == snapshot.read_text("utf-8")


def test_roleassignments_keeps_its_deploy_time_scopes_as_a_json_module() -> None:
    """Bicep's scope must name a resource symbol; grants whose scope string is data stay ARM JSON, as a module."""
    template = json.loads((FIXTURES / "roleassignments.json").read_text("utf-8"))
    out = translate("roleassignments", template)
    assert list(out.modules) == ["modules/roleassignments-grants.json"]
    assert out.modules["modules/roleassignments-grants.json"] == template["resources"][1]["properties"]["template"]
    assert out.main.count("module ") == 2 and "'modules/roleassignments-grants.json'" in out.main
