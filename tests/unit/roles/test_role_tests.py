"""The model-developer role against its expectations and armgen's guardrails (offline)."""

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from armgen.roles.expectations import offline_report
from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def role():
    return load_spec(ROOT / "mlenv.yaml").env("int").shared.model_developer


def test_sample_role_meets_its_expectations(role):
    report = offline_report("int", role)
    assert report.failed == []
    names = [c.name for c in report.checks]
    for op in role.expect_allowed + role.expect_denied:
        assert any(op in n for n in names)
    blob = next(c for c in report.checks if "containers/blobs/read" in c.name)
    assert "(data plane)" in blob.name and "dataActions" in blob.message


@pytest.mark.parametrize("too_much", ["*", "Microsoft.Authorization/*/write", "*/write", "Microsoft.Storage/*",
                                      "Microsoft.Authorization/roleAssignments/*"])
def test_a_role_that_grants_too_much_is_caught(role, too_much):
    kept = [n for n in role.not_actions if not n.startswith("Microsoft.Authorization")]
    broad = dataclasses.replace(role, actions=[*role.actions, too_much], not_actions=kept, expect_denied=[])
    report = offline_report("int", broad)
    failed = [c for c in report.failed if c.group == "role-guardrails"]
    assert failed, f"{too_much} was not caught"
    assert all("grants too much" in c.message and repr(too_much) in c.message for c in failed)


def test_data_wildcard_is_caught(role):
    broad = dataclasses.replace(role, data_actions=["*"])
    report = offline_report("int", broad)
    assert any("setSecret" in c.name for c in report.failed)


def test_an_expected_allowed_operation_that_is_removed_fails(role):
    narrowed = dataclasses.replace(role, not_actions=[*role.not_actions, "Microsoft.MachineLearningServices/*/jobs/*"])
    failed = offline_report("int", narrowed).failed
    assert len(failed) == 1
    assert "workspaces/jobs/write is allowed" in failed[0].name
    assert "expected allowed, but granted by actions" in failed[0].message


def test_cli_offline_passes_and_formats(tmp_path):
    runner = CliRunner()
    spec = str(ROOT / "mlenv.yaml")
    text = runner.invoke(cli, ["roles", "test", "--spec", spec, "--env", "int", "--offline"])
    assert text.exit_code == 0, text.output
    assert text.output.strip().endswith("0 failed")
    out = tmp_path / "roles.json"
    js = runner.invoke(cli, ["roles", "test", "--spec", spec, "--env", "pro", "--offline", "--format", "json",
                             "-o", str(out)])
    assert js.exit_code == 0
    body = json.loads(out.read_text())
    assert body["failed"] == 0 and body["passed"] == len(body["checks"]) > 0


def test_cli_offline_fails_with_exit_1_listing_checks(tmp_path):
    doc = (ROOT / "mlenv.yaml").read_text().replace(
        "      assignTo:\n", "      actions: ['*/write']\n      notActions: []\n      assignTo:\n", 1)
    (tmp_path / "mlenv.yaml").write_text(doc)
    (tmp_path / "datastore_config.json").write_text((ROOT / "datastore_config.json").read_text())
    result = CliRunner().invoke(cli, ["roles", "test", "--spec", str(tmp_path / "mlenv.yaml"), "--env", "int",
                                      "--offline", "--format", "junit"])
    assert result.exit_code == 1
    assert "<failure" in result.output and "grants too much" in result.output
    assert "check(s) failed" in result.output


def test_a_data_action_listed_under_actions_gets_a_hint(role):
    misplaced = dataclasses.replace(role, actions=[*role.actions, "Microsoft.Storage/*/blobs/read"], data_actions=[])
    failed = offline_report("int", misplaced).failed
    assert len(failed) == 1
    assert "containers/blobs/read is allowed (data plane)" in failed[0].name
    assert failed[0].message == ("expected allowed, but no dataActions entry matches (it is a data action: list it "
                                 "under dataActions, actions grant no data access)")
