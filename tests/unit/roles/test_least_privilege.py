"""The default model-developer role is least-privilege, and a role that reads secrets needs a reason."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from armgen.cli.main import cli
from armgen.exitcodes import INPUT
from armgen.rbac.operations import SECRET_READS
from armgen.rbac.permissions import evaluate
from armgen.roles.expectations import offline_report, permission_of
from armgen.spec import load_spec
from armgen.spec.role_guard import ungranted_secret_reads

ROOT = Path(__file__).resolve().parents[3]
MINIMAL = ROOT / "tests" / "fixtures" / "spec" / "minimal" / "mlenv.yaml"
# what the issue says the default role must deny
MUST_DENY = [
    "Microsoft.MachineLearningServices/workspaces/listKeys/action",
    "Microsoft.MachineLearningServices/workspaces/connections/listsecrets/action",
    "Microsoft.MachineLearningServices/workspaces/computes/write",
    "Microsoft.MachineLearningServices/workspaces/computes/delete",
    "Microsoft.MachineLearningServices/workspaces/computes/listKeys/action",
    "Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action",
    "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/regenerateKeys/action",
    "Microsoft.Storage/storageAccounts/listKeys/action",
    "Microsoft.Storage/storageAccounts/regenerateKey/action",
    "Microsoft.ContainerRegistry/registries/listCredentials/action",
    "Microsoft.ContainerRegistry/registries/regenerateCredential/action",
    "Microsoft.Authorization/roleAssignments/write",
    "Microsoft.Authorization/roleAssignments/read",
    "Microsoft.Authorization/locks/delete",
]


@pytest.fixture(scope="module")
def default_role():
    """The schema's default role: the minimal spec sets nothing of it."""
    return load_spec(MINIMAL).env("dev").shared.model_developer


def test_roles_test_offline_denies_each_operation_for_the_default_role(tmp_path):
    """The minimal spec leaves the role at its default; its expect.denied lists every operation above."""
    denied = "".join(f"        - {op}\n" for op in MUST_DENY)
    spec = _spec_with_role(tmp_path, f"      expect:\n        denied:\n{denied}")
    out = tmp_path / "roles.json"
    result = CliRunner().invoke(cli, ["roles", "test", "--spec", str(spec), "--env", "dev", "--offline",
                                      "--format", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    checks = {c["name"]: c for c in json.loads(out.read_text())["checks"]}
    for op in MUST_DENY:
        check = checks[f"spec: {op} is denied (control plane)"]
        assert check["ok"] and "actions" in check["message"], check


def test_the_default_role_still_lets_developers_work(default_role):
    for op in ("Microsoft.MachineLearningServices/workspaces/jobs/write",
               "Microsoft.MachineLearningServices/workspaces/computes/start/action",
               "Microsoft.MachineLearningServices/workspaces/models/write"):
        assert evaluate(permission_of(default_role), op).allowed, op


def test_every_secret_read_is_denied_by_the_default_role(default_role):
    assert ungranted_secret_reads(default_role) == []
    report = offline_report("dev", default_role)
    guarded = [c for c in report.checks if c.group == "role-guardrails"]
    assert len({c.name for c in guarded}) >= len(SECRET_READS)
    assert report.failed == []


def _spec_with_role(tmp_path: Path, role_yaml: str) -> Path:
    text = MINIMAL.read_text()
    assert "workspaces:" in text
    text = text.replace("workspaces:", f"shared:\n  roles:\n    modelDeveloper:\n{role_yaml}\nworkspaces:", 1) \
        if "\nshared:" not in text else text
    (tmp_path / "mlenv.yaml").write_text(text)
    return tmp_path / "mlenv.yaml"


LIST_KEYS = "      actions:\n        - Microsoft.MachineLearningServices/workspaces/*/read\n" \
            "        - Microsoft.MachineLearningServices/workspaces/listKeys/action\n      notActions: []\n"


def test_a_spec_granting_workspace_list_keys_without_a_reason_is_refused(tmp_path):
    spec = _spec_with_role(tmp_path, LIST_KEYS)
    result = CliRunner().invoke(cli, ["roles", "test", "--spec", str(spec), "--env", "dev", "--offline"])
    assert result.exit_code == INPUT
    line = next(i for i, text in enumerate(spec.read_text().splitlines(), 1) if "listKeys/action" in text)
    assert f"mlenv.yaml:{line}:" in result.output
    assert "shared.roles.modelDeveloper.actions[1]" in result.output
    assert "workspaces/listKeys/action" in result.output and "secretAccess" in result.output
    assert "Traceback" not in result.output


def test_a_reason_lets_the_role_grant_it_and_roles_test_shows_the_reason(tmp_path):
    spec = _spec_with_role(tmp_path, LIST_KEYS + "      secretAccess:\n"
                           "        - operation: Microsoft.MachineLearningServices/workspaces/listKeys/action\n"
                           "          reason: the legacy SDK v1 notebooks read the workspace keys (SEC-123)\n")
    result = CliRunner().invoke(cli, ["roles", "test", "--spec", str(spec), "--env", "dev", "--offline", "-v"])
    assert result.exit_code == 0, result.output
    assert "granted with a reason" in result.output and "SEC-123" in result.output


def test_an_empty_reason_is_refused(tmp_path):
    spec = _spec_with_role(tmp_path, LIST_KEYS + "      secretAccess:\n"
                           "        - operation: Microsoft.MachineLearningServices/workspaces/listKeys/action\n"
                           "          reason: ' '\n")
    result = CliRunner().invoke(cli, ["render", "--spec", str(spec), "--check"])
    assert result.exit_code == INPUT
    assert "secretAccess[0].reason" in result.output


APP_INSIGHTS = "      actions:\n        - Microsoft.MachineLearningServices/workspaces/*/read\n" \
               "        - Microsoft.Insights/components/read\n        - Microsoft.Insights/components/*/read\n" \
               "      notActions: []\n"


def test_application_insights_api_keys_are_secret_reads():
    """From Azure's Microsoft.Insights operations list: generating a key returns it, reading lists them."""
    ops = {op.lower() for op in SECRET_READS}
    assert {"microsoft.insights/components/apikeys/action", "microsoft.insights/components/apikeys/read"} <= ops
    assert "microsoft.insights/components/apikeys/delete" not in ops  # revokes a key, reads nothing


def test_a_role_reading_application_insights_api_keys_without_a_reason_is_refused(tmp_path):
    """``components/*/read`` grants ``Components/ApiKeys/Read`` (matching ignores case)."""
    spec = _spec_with_role(tmp_path, APP_INSIGHTS)
    result = CliRunner().invoke(cli, ["roles", "test", "--spec", str(spec), "--env", "dev", "--offline"])
    assert result.exit_code == INPUT, result.output
    assert "Microsoft.Insights/Components/ApiKeys/Read" in result.output
    assert "shared.roles.modelDeveloper.actions[2]" in result.output and "secretAccess" in result.output
    allowed = _spec_with_role(tmp_path, APP_INSIGHTS.replace(
        "      notActions: []\n", "      notActions:\n        - Microsoft.Insights/components/apiKeys/*\n"))
    result = CliRunner().invoke(cli, ["roles", "test", "--spec", str(allowed), "--env", "dev", "--offline"])
    assert result.exit_code == 0, result.output
