"""``armgen render --format bicep`` and ``render.formats``: layout, determinism, format-scoped stale files,
--check, and one clear line for each bad combination."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armgen.bicep.bicepparam import read_bicepparam
from armgen.bicep.emit import translate
from armgen.bicep.syntax import Unsupported
from armgen.render.writer import MANIFEST
from tests.unit.spec.project import SAMPLE_SPEC, edited, render, tree, write_project

FORMATS_LINE = "render:\n  formats: [arm, bicep]"
ARM_ONLY = edited(SAMPLE_SPEC, ((FORMATS_LINE, "render:\n  formats: [arm]"),))


def test_format_bicep_alone_writes_only_bicep(tmp_path: Path) -> None:
    spec = write_project(tmp_path, ARM_ONLY)
    result = render(spec, "--format", "bicep")
    assert result.exit_code == 0, result.output
    written = [p for p in tree(tmp_path) if p not in ("mlenv.yaml", "datastore_config.json", MANIFEST)]
    assert written and all(p.startswith("bicep/") for p in written)
    assert len([p for p in written if p.endswith(".bicep") and "/modules/" not in p]) == 19  # one module per kind, the network ones included
    assert len([p for p in written if p.endswith(".bicepparam")]) == 22 + 39 + 35
    assert "bicep/modules/roleassignments-grants.json" in written


def test_rendering_one_format_leaves_the_others_files_alone(tmp_path: Path) -> None:
    spec = write_project(tmp_path, ARM_ONLY)
    assert render(spec, "--format", "bicep").exit_code == 0
    bicep_before = {p: b for p, b in tree(tmp_path).items() if p.startswith("bicep/")}
    result = render(spec)  # the spec says arm only
    assert result.exit_code == 0, result.output
    assert "removed" not in result.stdout.replace("0 removed", "")
    after = tree(tmp_path)
    assert {p: b for p, b in after.items() if p.startswith("bicep/")} == bicep_before
    assert "templates/keyvault.json" in after
    manifest = json.loads(after[MANIFEST])["files"]
    assert "bicep/keyvault.bicep" in manifest and "templates/keyvault.json" in manifest
    assert render(spec, "--check").exit_code == 0
    assert render(spec, "--format", "bicep", "--check").exit_code == 0


def test_spec_formats_are_the_default_and_output_is_deterministic(tmp_path: Path) -> None:
    first, second = write_project(tmp_path / "a"), write_project(tmp_path / "b")
    assert render(first).exit_code == 0 and render(second).exit_code == 0
    a, b = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert a == b
    assert "bicep/mlworkspace.bicep" in a and "templates/mlworkspace.json" in a
    again = render(first)
    assert again.stdout.startswith("0 written"), again.output


def test_check_lists_a_drifted_bicep_file(tmp_path: Path) -> None:
    spec = write_project(tmp_path)
    assert render(spec).exit_code == 0
    module = tmp_path / "bicep" / "keyvault.bicep"
    module.write_text(module.read_text().replace("enablePurgeProtection: true", "enablePurgeProtection: false"))
    result = render(spec, "--check")
    assert result.exit_code == 3  # changes found
    assert "changed: bicep/keyvault.bicep" in result.stdout
    assert "-    enablePurgeProtection: false" in result.stdout
    assert render(spec, "--check", "--format", "arm").exit_code == 0


def test_format_bicep_with_an_unknown_env_is_one_line(tmp_path: Path) -> None:
    spec = write_project(tmp_path)
    result = render(spec, "--format", "bicep", "--env", "prod")
    assert result.exit_code == 2
    assert result.stderr == "Error: mlenv.yaml: no environment 'prod' (did you mean 'pro'?); the spec has: dev, int, pro\n"
    assert not (tmp_path / "bicep").exists()


def test_an_unknown_format_in_the_spec_is_one_line(tmp_path: Path) -> None:
    spec = write_project(tmp_path, edited(SAMPLE_SPEC, ((FORMATS_LINE, "render:\n  formats: [arm, terraform]"),)))
    result = render(spec)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: mlenv.yaml:") and "render.formats[1]" in lines[0]


@pytest.mark.parametrize(("change", "construct"), [
    ({"functions": []}, "the template property 'functions'"),
    ({"parameters": {"if": {"type": "string"}}}, "'if' is not a valid Bicep identifier"),
    ({"resources": [{"type": "Microsoft.Web/sites", "apiVersion": "2024-04-01", "name": "[parameters('x')]",
                     "properties": {"siteConfig": "[listKeys(resourceId('Microsoft.Web/sites', 'a'), '2024-04-01')]"}}],
      "parameters": {"x": {"type": "string"}}}, "the function listKeys()"),
])
def test_an_unsupported_construct_is_one_line_naming_template_and_construct(change: dict, construct: str) -> None:
    template = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "resources": [], **change}
    with pytest.raises(Unsupported) as err:
        translate("sample", template)
    message = err.value.message
    assert message.startswith("templates/sample.json: ") and construct in message and "\n" not in message


def test_a_workspace_named_after_a_bicep_keyword_is_only_a_value(tmp_path: Path) -> None:
    """Symbols come from template parameter names and resource types, never from the spec's names."""
    spec = write_project(tmp_path, edited(SAMPLE_SPEC, (("- name: nlp", "- name: resource"),)),
                         '{"datastores": []}\n')
    result = render(spec, "--format", "bicep")
    assert result.exit_code == 0, result.output
    params = (tmp_path / "bicep" / "mlworkspace-resource.dev.bicepparam").read_text()
    assert "param workspaceName = 'mlw-mlp-resource-dev'" in params
    assert read_bicepparam(tmp_path / "bicep" / "mlworkspace-resource.dev.bicepparam")[1]["parameters"][
        "workspaceName"] == {"value": "mlw-mlp-resource-dev"}
