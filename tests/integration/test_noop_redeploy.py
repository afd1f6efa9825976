"""A no-op re-deploy sends no deployment PUT, and its requests do not grow with the number of units:
one stack list per scope (as the emulator's request log counts them), not a GET per unit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli

pytestmark = pytest.mark.integration


def spec_text(workspaces: int, shared_group: bool) -> str:
    group = "\n    resourceGroups: {workspaces: rg-mlp-work-int}" if shared_group else ""
    lines = ["project: mlp", "environments:", "  int:", "    subscriptionId: 00000000-0000-0000-0000-000000000001",
             "    location: westeurope" + group, "workspaces:"]
    lines += [f"  - {{name: ws{i:03d}, compute: {{vmSize: Standard_DS3_v2, maxNodes: 2}}}}" for i in range(workspaces)]
    return "\n".join(lines) + "\n"


FIRST_DEPLOY: dict[tuple[int, bool], dict] = {}  # requests of the first deploy, by route


def noop_requests(folder: Path, emulator, workspaces: int, shared_group: bool) -> tuple[int, dict]:
    """(units, requests of the second deploy by route) for a platform of ``workspaces``."""
    emulator.server.app.reset()
    folder.mkdir()
    (folder / "mlenv.yaml").write_text(spec_text(workspaces, shared_group))
    (folder / "datastore_config.json").write_text('{"datastores": []}\n')
    spec = ["--spec", str(folder / "mlenv.yaml")]
    assert CliRunner().invoke(cli, ["render", *spec]).exit_code == 0
    emulator.server.app.requests.reset()
    first = CliRunner().invoke(cli, ["deploy", "--env", "int", *spec])
    assert first.exit_code == 0, first.output
    before = emulator.server.app.requests.snapshot()["byRoute"]
    FIRST_DEPLOY[(workspaces, shared_group)] = dict(before)
    again = CliRunner().invoke(cli, ["deploy", "--env", "int", "--format", "json", *spec])
    assert again.exit_code == 0, again.output
    after = emulator.server.app.requests.snapshot()["byRoute"]
    report = json.loads(again.stdout)
    assert report["puts"] == 0 and {u["result"] for u in report["units"]} == {"skipped"}
    assert not any(route.startswith(("PUT", "POST", "DELETE", "PATCH")) for route in after if
                   after[route] != before.get(route, 0))
    return len(report["units"]), {r: n - before.get(r, 0) for r, n in after.items() if n != before.get(r, 0)}


def test_a_noop_redeploy_costs_the_same_requests_at_2_and_6_workspaces(
        tmp_path: Path, emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(emulator.state_dir))
    small_units, small = noop_requests(tmp_path / "two", emulator, 2, shared_group=True)
    large_units, large = noop_requests(tmp_path / "six", emulator, 6, shared_group=True)
    assert large_units > small_units + 10
    assert small == large and sum(large.values()) < small_units
    assert large["GET list_stacks"] == 3  # the subscription, the shared group, the workspaces' group


def test_with_a_group_per_workspace_it_is_one_list_more_per_group(
        tmp_path: Path, emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(emulator.state_dir))
    _, small = noop_requests(tmp_path / "two", emulator, 2, shared_group=False)
    _, large = noop_requests(tmp_path / "six", emulator, 6, shared_group=False)
    assert large.pop("GET list_stacks") - small.pop("GET list_stacks") == 4
    assert small == large


def test_a_first_deploy_lists_the_groups_once_not_each_group(
        tmp_path: Path, emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMGEN_EMULATOR_STATE", str(emulator.state_dir))
    noop_requests(tmp_path / "six", emulator, 6, shared_group=False)
    first = FIRST_DEPLOY[(6, False)]
    assert first["GET list_groups"] >= 1 and first["GET list_stacks"] == 1  # the subscription's stacks only
