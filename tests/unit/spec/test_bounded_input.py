"""YAML implicit types in the spec: dates and timestamps stay the strings they were written as."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.spec.project import SAMPLE_SPEC, edited, render, write_project


def test_unquoted_dates_and_timestamps_render_as_written(tmp_path: Path) -> None:
    spec = write_project(tmp_path, edited(SAMPLE_SPEC, (("  managedBy: armgen\n",
                                                         "  managedBy: armgen\n  createdOn: 2024-05-01\n"
                                                         "  reviewedAt: 2024-05-01T10:00:00Z\n"),)))
    result = render(spec)
    assert result.exit_code == 0, result.output
    tags = json.loads((tmp_path / "parameters" / "keyvault.parameters.dev.json").read_text())["parameters"]["tags"]
    assert tags["value"]["createdOn"] == "2024-05-01"
    assert tags["value"]["reviewedAt"] == "2024-05-01T10:00:00Z"
