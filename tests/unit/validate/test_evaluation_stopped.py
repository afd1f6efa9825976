"""An error that stops evaluation says which checks did not run, instead of hiding them silently."""

import json
from pathlib import Path

from click.testing import CliRunner

from armgen.cli.main import cli

TEMPLATE = {
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "resources": [{"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2024-11-30",
                   "name": "[foo(1)]", "location": "westeurope", "properties": {}},
                  {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2024-11-30",
                   "name": "id2", "location": "westeurope", "dependsOn": ["nothere"], "properties": {}}],
}


def test_a_stopped_evaluation_is_reported_as_info(tmp_path: Path) -> None:
    path = tmp_path / "azuredeploy.json"
    path.write_text(json.dumps(TEMPLATE, indent=2))
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    findings = {f["rule_id"]: f for f in json.loads(result.stdout)}
    assert findings["AG3002"]["severity"] == "error"
    assert findings["AG3007"]["severity"] == "info"
    assert "did not run" in findings["AG3007"]["message"]


def test_an_unknown_dependency_is_reported_next_to_an_expression_error(tmp_path: Path) -> None:
    template = {**TEMPLATE, "resources": [
        {**TEMPLATE["resources"][1]},
        {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2024-11-30", "name": "id3",
         "location": "westeurope", "properties": {}}],
        "outputs": {"x": {"type": "string", "value": "[foo(1)]"}}}
    path = tmp_path / "azuredeploy.json"
    path.write_text(json.dumps(template, indent=2))
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    rules = {f["rule_id"] for f in json.loads(result.stdout)}
    assert {"AG3002", "AG4001"} <= rules


def test_a_rendered_template_named_alone_pairs_with_the_parameters_folder_beside_it() -> None:
    root = Path(__file__).resolve().parents[3]
    result = CliRunner().invoke(cli, ["validate", str(root / "templates" / "keyvault.json")])
    assert result.exit_code == 0, result.output
    assert "1 template(s), 3 parameter file(s)" in result.output
