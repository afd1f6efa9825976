"""Rendered output compared with stored snapshots.

The minimal spec (tests/fixtures/spec/minimal/) leans on every default of the schema; its rendered
parameter files are stored under tests/fixtures/spec/minimal/snapshot/. Templates do not depend on the
spec, so they are compared with the committed worked example (templates/ at the top level).
After an intended change: ``ARMGEN_UPDATE_SNAPSHOTS=1 python -m pytest tests/unit/render/test_snapshots.py``
and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.unit.spec.project import render, tree

ROOT = Path(__file__).resolve().parents[3]
MINIMAL = ROOT / "tests" / "fixtures" / "spec" / "minimal"
SNAPSHOT = MINIMAL / "snapshot"
UPDATE = os.environ.get("ARMGEN_UPDATE_SNAPSHOTS") == "1"


@pytest.fixture(scope="module")
def minimal_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("minimal")
    for name in ("mlenv.yaml", "datastore_config.json"):
        shutil.copy(MINIMAL / name, folder / name)
    result = render(folder / "mlenv.yaml")
    assert result.exit_code == 0, result.output
    return {p: b for p, b in tree(folder).items() if p.startswith(("templates/", "parameters/"))}


def test_minimal_spec_parameters_match_the_snapshot(minimal_output: dict[str, bytes]) -> None:
    rendered = {p: b for p, b in minimal_output.items() if p.startswith("parameters/")}
    if UPDATE:
        shutil.rmtree(SNAPSHOT, ignore_errors=True)
        for rel, data in rendered.items():
            (SNAPSHOT / rel).parent.mkdir(parents=True, exist_ok=True)
            (SNAPSHOT / rel).write_bytes(data)
    stored = tree(SNAPSHOT)
    assert sorted(rendered) == sorted(stored)
    for rel, data in rendered.items():
        assert data.decode() == stored[rel].decode(), rel


def test_minimal_spec_covers_two_environments_and_one_workspace(minimal_output: dict[str, bytes]) -> None:
    params = [p for p in minimal_output if p.startswith("parameters/")]
    assert {p.split(".")[-2] for p in params} == {"dev", "pro"}
    assert len(params) == 2 * (11 + 4)  # 11 shared units + forecast (no batch endpoint), per environment


def test_templates_are_the_committed_ones(minimal_output: dict[str, bytes]) -> None:
    rendered = {p: b for p, b in minimal_output.items() if p.startswith("templates/")}
    committed = {f"templates/{p}": b for p, b in tree(ROOT / "templates").items()}
    assert rendered == committed
