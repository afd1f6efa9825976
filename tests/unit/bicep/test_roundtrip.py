"""Equivalence: every template armgen renders, translated to Bicep, parsed by tree-sitter-bicep and compiled
back, is the same deployment as the ARM JSON; every parameter file comes back from its .bicepparam."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from armgen.bicep.bicepparam import read_bicepparam, to_bicepparam
from armgen.bicep.compare import differences, normalize
from armgen.bicep.emit import scope_kind, translate
from armgen.bicep.reader import read_module
from armgen.render.files import render_all, render_template, template_names
from armgen.spec import load_spec

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "bicep"


def _scopes() -> dict[str, str]:
    """The scope each template is rendered for (subscription-scope templates carry their own $schema)."""
    scopes = {}
    for path in sorted((ROOT / "templates").glob("*.json")):
        scopes[path.stem] = scope_kind(json.loads(path.read_text("utf-8")))
    return scopes


def _write(folder: Path, kind: str, template: dict) -> Path:
    out = translate(kind, template)
    (folder / f"{kind}.bicep").write_text(out.main, encoding="utf-8")
    for rel, content in out.modules.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return folder / f"{kind}.bicep"


@pytest.mark.parametrize("kind", template_names())
def test_every_template_round_trips_through_bicep(kind: str, tmp_path: Path) -> None:
    scope = _scopes().get(kind, "resourceGroup")
    template = render_template(kind, "subscription" if scope == "subscription" else "resourceGroup")
    back = read_module(_write(tmp_path, kind, template))
    assert differences(normalize(template), normalize(back)) == []


def test_every_parameter_file_round_trips_through_bicepparam(tmp_path: Path) -> None:
    files = render_all(load_spec(ROOT / "mlenv.yaml"), formats=("arm",))
    params = {p: json.loads(t) for p, t in files.items() if p.startswith("parameters/")}
    assert len(params) >= 60
    for rel, document in params.items():
        path = tmp_path / (Path(rel).stem + ".bicepparam")
        kind = Path(rel).name.split(".")[0].split("-")[0]
        path.write_text(to_bicepparam(document, f"./{kind}.bicep", rel), encoding="utf-8")
        using, back = read_bicepparam(path)
        assert using == f"./{kind}.bicep"
        assert back == document, rel
        declared = json.loads(files[f"templates/{kind}.json"])["parameters"]
        assert set(back["parameters"]) <= set(declared), rel  # the module declares every parameter given


def test_key_vault_references_become_get_secret_and_back(tmp_path: Path) -> None:
    vault = "/subscriptions/0000/resourceGroups/rg-mlp-shared-dev/providers/Microsoft.KeyVault/vaults/kv-mlp"
    document = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {"name": {"value": "sql-mlp"},
                               "adminPassword": {"reference": {"keyVault": {"id": vault}, "secretName": "sql-admin"}}}}
    text = to_bicepparam(document, "./sql.bicep", "parameters/sql.parameters.dev.json")
    assert "param adminPassword = getSecret('0000', 'rg-mlp-shared-dev', 'kv-mlp', 'sql-admin')" in text
    path = tmp_path / "sql.dev.bicepparam"
    path.write_text(text, encoding="utf-8")
    assert read_bicepparam(path)[1] == document


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("days: 7", "days: 8", "properties.deleteRetentionPolicy.days: expected 7, got 8"),
    ("'TLS1_2'", "'TLS1_0'", 'properties.minimumTlsVersion: expected "TLS1_2", got "TLS1_0"'),
    ("parent: blobService\n", "parent: storageAccount\n", ".name: expected"),
    ("@2025-08-01' = {\n  parent", "@2024-01-01' = {\n  parent", 'apiVersion: expected "2025-08-01", got "2024-01-01"'),
    ("@maxLength(24)", "@maxLength(23)", "parameters.storageAccountName.maxLength: expected 24, got 23"),
    ("output blobEndpoint", "output blobEndpoint2", "outputs.blobEndpoint: missing"),
])
def test_the_comparison_sees_a_changed_module(old: str, new: str, expected: str, tmp_path: Path) -> None:
    template = json.loads((FIXTURES / "storageaccount.json").read_text("utf-8"))
    path = _write(tmp_path, "storageaccount", template)
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = differences(normalize(template), normalize(read_module(path)))
    assert any(expected in line for line in found), found


def test_constructs_beyond_todays_templates_round_trip(tmp_path: Path) -> None:
    """Secure parameters, parent/child names, conditions, serial loops, an extension scope, dependencies implied by
    a parent and a reference, a cross-group existing resource, a nested deployment as a Bicep module, loop outputs."""
    template = json.loads((FIXTURES / "constructs.json").read_text("utf-8"))
    path = _write(tmp_path, "constructs", template)
    text = path.read_text("utf-8")
    for idiom in ("@secure()\nparam adminPassword string", "@batchSize(2)", "parent: privateDnsZone",
                  "scope: vault", "serverFqdn: server.properties.fullyQualifiedDomainName",
                  "scope: resourceGroup(vnetResourceGroup)", "module vnetDeployment 'modules/constructs-subnets.bicep'",
                  "[for i in range(0, length(databases)): dbs[i].id]", "= if (enableZone) {"):
        assert idiom in text, idiom
    assert "dependsOn" not in text  # the parent and the reference imply both dependencies
    assert differences(normalize(template), normalize(read_module(path))) == []


def test_loops_lambdas_and_instance_parents_round_trip(tmp_path: Path) -> None:
    """The loop forms of the network templates: lambdas, a loop instance as parent and dependency, a dependency
    on a whole loop, and the expressions tree-sitter-bicep 1.1 reads wrongly unless the reader corrects it
    (``c ? a : b.x``, ``!a.b``, ``a[0]`` as an item of a multi-line array)."""
    template = json.loads((FIXTURES / "loops.json").read_text("utf-8"))
    path = _write(tmp_path, "loops", template)
    text = path.read_text("utf-8")
    for idiom in ("mapValues(zoneNames, zone => resourceId('Microsoft.Network/privateDnsZones', zone))",
                  "map(subnets, s => {", "parent: zones[i]", "dependsOn: [\n    networkSecurityGroups\n  ]",
                  "empty(settings) ? 'none' : settings.label", "!settings.disabled", "      extraGroups[0]\n",
                  "[for i in range(0, length(zoneKeys)): zones[i].id]",
                  # the links do not depend on the network in the ARM, so no symbol adds that dependency:
                  "id: resourceId('Microsoft.Network/virtualNetworks', 'vnet')",
                  "var literal = '[not an expression]'",
                  # the records wait for every zone, as the ARM says, not only for their own parent:
                  "parent: zones[i]\n  name: 'api'\n  properties: {\n    ttl: 300\n    aRecords: [\n      {\n"
                  "        ipv4Address: '10.0.0.4'\n      }\n    ]\n  }\n  dependsOn: [\n    zones\n  ]"):
        assert idiom in text, idiom
    assert differences(normalize(template), normalize(read_module(path))) == []
