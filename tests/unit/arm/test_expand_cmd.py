"""``armgen expand``: JSON output, contexts from flags, one-line errors with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from armgen.arm.hashing import unique_string
from armgen.cli.main import cli
from tests.unit.arm.fixtures import FIXTURES


def _run(*args: str):
    return CliRunner().invoke(cli, ["expand", *args])


def test_prints_sorted_json_with_ids_and_outputs() -> None:
    result = _run(str(FIXTURES / "user_functions.json"), "--subscription", "s1", "--resource-group", "rg9")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    name = f"mlpdata{unique_string('/subscriptions/s1/resourceGroups/rg9')}"
    assert data["resources"][0]["id"] == f"/subscriptions/s1/resourceGroups/rg9/providers/Microsoft.Storage/storageAccounts/{name}"
    assert data["outputs"] == {"name": {"type": "String", "value": name}}
    assert result.output == json.dumps(data, sort_keys=True, indent=2) + "\n"


def test_defaults_and_subscription_scope_from_the_schema() -> None:
    result = _run(str(FIXTURES / "subscription_rg.json"), "--location", "swedencentral")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["resources"][0]["id"] == "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mlp-vision-dev"
    assert data["outputs"]["deploymentLocation"]["value"] == "swedencentral"
    nested = [r for r in data["resources"] if "deployment" in r]
    assert nested and nested[0]["type"] == "Microsoft.Storage/storageAccounts"


def test_parameter_file_values_and_errors_point_into_it(tmp_path: Path) -> None:
    params = tmp_path / "p.json"
    params.write_text(json.dumps({"$schema": "x", "contentVersion": "1.0.0.0",
                                  "parameters": {"storageCount": {"value": 1}}}))
    ok = _run(str(FIXTURES / "storage_copy.json"), "--parameters", str(params))
    assert ok.exit_code == 0, ok.output
    assert len([r for r in json.loads(ok.output)["resources"] if r["type"].endswith("storageAccounts")]) == 1
    params.write_text('{\n  "parameters": {\n    "storageSKU": {"value": "Basic"}\n  }\n}\n')
    bad = _run(str(FIXTURES / "storage_copy.json"), "--parameters", str(params))
    assert bad.exit_code == 2
    assert bad.output.startswith(f"Error: {params}:3:")
    assert "not part of the allowed value(s)" in bad.output and "Traceback" not in bad.output
    assert len(bad.output.strip().splitlines()) == 1


def test_expression_errors_name_line_and_column(tmp_path: Path) -> None:
    template = tmp_path / "t.json"
    template.write_text('{\n  "resources": [],\n  "outputs": {"o": {"type": "string", "value": "[concat(\'a\' \'b\')]"}}\n}\n')
    result = _run(str(template))
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.startswith(f"Error: {template}:3:") and "outputs.o.value" in line
    column = int(line.split(":")[3])
    text = template.read_text().splitlines()[2]
    assert text[column - 1] == "'" and text[column - 2] == " "  # the unexpected second string literal


def test_unusable_input_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"resources": [,]}')
    result = _run(str(broken))
    assert result.exit_code == 2 and f"{broken}:1:" in result.output and "invalid JSON" in result.output
    missing = _run(str(tmp_path / "nope.json"))
    assert missing.exit_code == 2 and "not found" in missing.output
    cycle = _run(str(FIXTURES / "cycle.json"))
    assert cycle.exit_code == 2 and "DeploymentCycle" in cycle.output


ROOT = FIXTURES.parents[2]


def test_env_takes_subscription_location_and_the_units_group_from_the_spec() -> None:
    from armgen.spec import load_spec

    environment = load_spec(ROOT / "mlenv.yaml").env("dev")
    params = ROOT / "parameters" / "mlworkspace-vision.parameters.dev.json"
    result = _run(str(ROOT / "templates" / "mlworkspace.json"), "--env", "dev", "--spec", str(ROOT / "mlenv.yaml"),
                  "--parameters", str(params))
    assert result.exit_code == 0, result.output
    workspace = next(r for r in json.loads(result.output)["resources"]
                     if r["type"] == "Microsoft.MachineLearningServices/workspaces")
    group = next(ws.resource_group for ws in environment.workspaces if ws.key == "vision")
    assert workspace["id"].startswith(f"/subscriptions/{environment.subscription_id}/resourceGroups/{group}/")
    assert workspace["location"] == environment.location


def test_env_without_parameters_refuses_an_ambiguous_pairing() -> None:
    result = _run(str(ROOT / "templates" / "mlworkspace.json"), "--env", "dev", "--spec", str(ROOT / "mlenv.yaml"))
    assert result.exit_code == 2
    assert "several parameter files match environment 'dev'" in result.output and "--parameters" in result.output


def test_management_group_and_tenant_templates_are_expanded_at_their_scope() -> None:
    result = _run(str(FIXTURES / "management_group.json"), "--management-group", "mg-x")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["outputs"]["groupId"]["value"] == \
        "/providers/Microsoft.Management/managementGroups/mg-x"
    tenant = _run(str(FIXTURES / "tenant.json"))
    assert tenant.exit_code == 0, tenant.output
    assert json.loads(tenant.output)["outputs"]["nestedGroup"]["value"] == "mg-ml-platform"


def test_linked_templates_next_to_the_template_are_expanded() -> None:
    result = _run(str(FIXTURES / "linked" / "main.json"))
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["outputs"]["containerName"]["value"] == "datasets"


def test_env_finds_the_spec_above_the_template_when_none_is_here(tmp_path, monkeypatch) -> None:
    """Run from outside the project: the spec is looked up from the template's folder upwards."""
    from armgen.spec import load_spec

    monkeypatch.chdir(tmp_path)
    environment = load_spec(ROOT / "mlenv.yaml").env("pro")
    params = ROOT / "parameters" / "keyvault.parameters.pro.json"
    result = _run(str(ROOT / "templates" / "keyvault.json"), "--env", "pro", "--parameters", str(params))
    assert result.exit_code == 0, result.output
    vault = next(r for r in json.loads(result.output)["resources"] if r["type"] == "Microsoft.KeyVault/vaults")
    assert vault["id"].startswith(f"/subscriptions/{environment.subscription_id}/resourceGroups/")
    assert vault["location"] == environment.location
