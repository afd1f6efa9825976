"""A deploy of 100+ units against small ARM rate-limit buckets: paced, never refused, nothing failed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli

pytestmark = pytest.mark.integration

WORKSPACES = 30  # 11 shared units + 3 per workspace = 101 units


def spec_text(workspaces: int) -> str:
    lines = ["project: mlp", "environments:",
             "  int: {subscriptionId: 00000000-0000-0000-0000-000000000001, location: westeurope}",
             "workspaces:"]
    lines += [f"  - {{name: ws{i:03d}, compute: {{vmSize: Standard_DS3_v2, maxNodes: 2}}}}"
              for i in range(workspaces)]
    return "\n".join(lines) + "\n"


def test_a_hundred_units_against_a_small_bucket_are_paced_without_429(
        tmp_path: Path, fresh_emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    # buckets of 5 writes and 20 reads: the deploy needs 20 times more tokens than the buckets hold, and
    # its 16 parallel units would empty them at once
    fresh_emulator.configure(throttling={"enabled": True, "writes": [5, 10], "reads": [20, 50],
                                         "deletes": [5, 10]})
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(fresh_emulator.state_dir))
    monkeypatch.setenv("ARMGEN_ARM_REFILL", "writes=10,reads=50,deletes=10")
    (tmp_path / "mlenv.yaml").write_text(spec_text(WORKSPACES))
    (tmp_path / "datastore_config.json").write_text('{"datastores": []}\n')
    spec = ["--spec", str(tmp_path / "mlenv.yaml")]
    assert CliRunner().invoke(cli, ["render", *spec]).exit_code == 0
    result = CliRunner().invoke(cli, ["deploy", "--env", "int", "--format", "json", *spec])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["units"]) > 100
    assert {u["result"] for u in report["units"]} == {"deployed"}
    assert report["puts"] == len(report["units"])
    assert fresh_emulator.server.app.throttle.refused == 0  # paced: no request was sent into an empty bucket
    assert "writes" in report["pacing"].partition("(")[2]  # it did wait for write tokens
    assert report["pacing"].endswith("0 answered 429") or ", 0 answered 429." in report["pacing"]
