"""Whatever a JSON template looks like, validate reports findings; no rule crashes on it."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armgen.rules import all_rules
from armgen.validate.discovery import Pairing, ParameterFile
from armgen.validate.runner import INTERNAL_ERROR_ID, validate

KEYS = ["$schema", "contentVersion", "parameters", "variables", "resources", "outputs", "functions", "type",
        "apiVersion", "name", "properties", "dependsOn", "copy", "count", "condition", "metadata", "armgen",
        "suppress", "rule", "reason", "template", "defaultValue", "allowedValues", "value", "minLength",
        "permissions", "actions", "minimumTlsVersion", "principalId", "existing", "languageVersion", "scope"]
STRINGS = st.sampled_from([
    "Microsoft.Storage/storageAccounts", "Microsoft.KeyVault/vaults", "Microsoft.Resources/deployments",
    "Microsoft.Authorization/roleAssignments", "2025-06-01", "[parameters('a')]", "[variables('v')]",
    "[concat('a', ", "[guid(resourceGroup().id)]", "[reference('x').y]", "[copyIndex()]", "*", "TLS1_0", "a",
    "[[escaped]", "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "2.0",
])
values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 900) | STRINGS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4),
    max_leaves=25)
resources = st.fixed_dictionaries({}, optional={
    "type": STRINGS, "apiVersion": STRINGS, "name": STRINGS | values, "location": STRINGS, "dependsOn": values,
    "copy": st.fixed_dictionaries({"name": STRINGS, "count": st.integers(-1, 3) | STRINGS}) | values,
    "condition": st.booleans() | STRINGS, "properties": st.dictionaries(st.sampled_from(KEYS), values, max_size=4),
    "metadata": values, "existing": st.booleans(), "resources": values, "scope": STRINGS,
})
templates = st.fixed_dictionaries(
    {"$schema": STRINGS, "resources": st.lists(resources, max_size=4) | st.dictionaries(STRINGS, resources, max_size=3)},
    optional={"contentVersion": STRINGS, "languageVersion": STRINGS,
              "parameters": st.dictionaries(STRINGS, st.dictionaries(st.sampled_from(KEYS), values, max_size=3)),
              "variables": st.dictionaries(STRINGS, values, max_size=3),
              "outputs": st.dictionaries(STRINGS, st.dictionaries(st.sampled_from(KEYS), values, max_size=3)),
              "functions": values}) | st.dictionaries(st.sampled_from(KEYS), values, max_size=7)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=templates)
def test_no_rule_crashes_on_any_template_shape(tmp_path: Path, template: dict) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template))
    report = validate([Pairing(path)], all_rules())
    crashes = [f.message for f in report.findings if f.rule_id == INTERNAL_ERROR_ID]
    assert crashes == []
    assert all(f.line >= 1 and f.column >= 1 for f in report.findings)


parameter_files = st.fixed_dictionaries(
    {"$schema": STRINGS},
    optional={"contentVersion": STRINGS, "parameters": st.dictionaries(STRINGS, values, max_size=4) | values,
              "extra": values}) | values


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=templates, parameters=parameter_files)
def test_no_rule_crashes_on_any_parameter_file_shape(tmp_path: Path, template: dict, parameters: object) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template))
    params = tmp_path / "t.parameters.dev.json"
    params.write_text(json.dumps(parameters))
    report = validate([Pairing(path, [ParameterFile(params, "dev", None)])], all_rules())
    assert [f.message for f in report.findings if f.rule_id == INTERNAL_ERROR_ID] == []
