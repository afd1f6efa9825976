"""The runner: suppression with reasons, pairing scope, generated limits, a failing rule."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from armgen.errors import SourceError
from armgen.rulebase.rule import Match, Rule
from armgen.rules import select_rules
from armgen.validate.discovery import Pairing, ParameterFile, discover
from armgen.validate.runner import Runner, validate

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
PSCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"


def vault(name: str, **extra: object) -> dict:
    return {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2025-05-01", "name": name,
            "location": "[resourceGroup().location]",
            "properties": {"tenantId": "[subscription().tenantId]", "enableRbacAuthorization": True}, **extra}


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, indent=2))
    return path


def template(path: Path, resources: list, **extra: object) -> Path:
    return write(path, {"$schema": SCHEMA, "contentVersion": "1.0.0.0", "resources": resources, **extra})


def test_suppression_needs_a_reason(tmp_path: Path) -> None:
    t = template(tmp_path / "kv.json", [
        vault("kv-a", metadata={"armgen": {"suppress": [{"rule": "AG7004", "reason": "int only"}]}}),
        vault("kv-b", metadata={"armgen": {"suppress": [{"rule": "AG7004"}]}}),
        vault("kv-c", metadata={"armgen": {"suppress": [{"rule": "ag7004", "reason": "lower-case id"}]}}),
    ])
    report = validate([Pairing(t)], select_rules(["AG7004", "AG1020"]))
    got = sorted((f.rule_id, f.path) for f in report.findings)
    assert got == [("AG1020", "resources[1].metadata.armgen.suppress[0]"), ("AG7004", "resources[1]")]


def test_suppression_applies_to_child_resources(tmp_path: Path) -> None:
    parent = {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "st",
              "properties": {"minimumTlsVersion": "TLS1_2"},
              "metadata": {"armgen": {"suppress": [{"rule": "AG7003", "reason": "public dataset"}]}},
              "resources": [{"type": "blobServices/containers", "apiVersion": "2025-06-01", "name": "default/c",
                             "properties": {"publicAccess": "Blob"}}]}
    t = template(tmp_path / "st.json", [parent])
    assert validate([Pairing(t)], select_rules(["AG7003"])).findings == []


def test_pairing_rules_run_once_per_parameter_file(tmp_path: Path) -> None:
    t = template(tmp_path / "id.json", [], parameters={"name": {"type": "string", "maxLength": 5}})
    dev = write(tmp_path / "id.parameters.dev.json",
                {"$schema": PSCHEMA, "contentVersion": "1.0.0.0", "parameters": {"name": {"value": "abcdefg"}}})
    pro = write(tmp_path / "id.parameters.pro.json",
                {"$schema": PSCHEMA, "contentVersion": "1.0.0.0", "parameters": {"name": {"value": "abc"}}})
    pairing = Pairing(t, [ParameterFile(dev, "dev", None), ParameterFile(pro, "pro", None)])
    report = validate([pairing], select_rules(["AG2005"]))
    assert [(Path(f.file).name, f.env, f.line) for f in report.findings] == [("id.parameters.dev.json", "dev", 6)]
    assert {u.kind for u in report.units} == {"template", "pairing"}
    assert len(report.units) == 3


def test_template_over_4_mb_once_expanded_is_reported(tmp_path: Path) -> None:
    tags = {"properties": {"tags": {f"t{i}": "x" * 250 for i in range(25)}}}
    copied = {"type": "Microsoft.Resources/tags", "apiVersion": "2025-04-01", "name": "[string(copyIndex())]",
              "copy": {"name": "c", "count": 700}, **tags}
    t = template(tmp_path / "big.json", [copied])
    assert t.stat().st_size < 10_000
    report = validate([Pairing(t)], select_rules(["AG6001"]))
    assert [(f.rule_id, f.path) for f in report.findings] == [("AG6001", "resources")]
    assert "once expanded, over ARM's 4 MB" in report.findings[0].message
    small = template(tmp_path / "small.json", [])
    assert validate([Pairing(small)], select_rules(["AG6001"])).findings == []


def test_a_template_file_over_4_mb_is_refused_when_read(tmp_path: Path) -> None:
    big = {"type": "Microsoft.Resources/tags", "apiVersion": "2025-04-01", "name": "default",
           "properties": {"tags": {f"t{i}": "x" * 1000 for i in range(4300)}}}
    t = template(tmp_path / "big.json", [big])
    with pytest.raises(SourceError, match="over the limit of 4,194,304"):
        validate([Pairing(t)], select_rules(["AG6001"]))


def test_orphan_parameter_file_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "parameters").mkdir()
    template(tmp_path / "templates" / "kv.json", [])
    write(tmp_path / "parameters" / "kv.parameters.dev.json", {"$schema": PSCHEMA, "contentVersion": "1.0.0.0",
                                                               "parameters": {}})
    write(tmp_path / "parameters" / "keyvault.parameters.dev.json", {})
    monkeypatch.chdir(tmp_path)
    pairings, orphans = discover((), (), "templates", "parameters")
    report = validate(pairings, select_rules(["AG1011"]), orphans)
    assert [(f.rule_id, f.severity, f.file) for f in report.findings] == [
        ("AG1011", "W", "parameters/keyvault.parameters.dev.json")]


class Broken(Rule):
    id = "AG9999"
    shortdesc = "always fails"

    def match(self, ctx) -> Iterator[Match]:
        raise KeyError("boom")
        yield  # pragma: no cover


def test_a_failing_rule_becomes_a_finding_and_others_still_run(tmp_path: Path) -> None:
    t = template(tmp_path / "t.json", [], contentVersion="1")
    report = Runner([Broken(), *select_rules(["AG1002"])]).run([Pairing(t)])
    assert sorted(f.rule_id for f in report.findings) == ["AG0001", "AG1002"]
    assert "rule AG9999 failed: KeyError" in report.findings[0].message


def test_same_template_finding_with_several_parameter_files_is_reported_once(tmp_path: Path) -> None:
    t = template(tmp_path / "st.json", [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01",
                                          "name": "st", "properties": {"minimumTlsVersion": "TLS1_0"}}])
    files = []
    for env in ("dev", "int", "pro"):
        p = write(tmp_path / f"st.parameters.{env}.json", {"$schema": PSCHEMA, "contentVersion": "1.0.0.0",
                                                           "parameters": {}})
        files.append(ParameterFile(p, env, None))
    report = validate([Pairing(t, files)], select_rules(["AG7001"]))
    assert [(f.rule_id, f.parameters, f.env) for f in report.findings] == [("AG7001", None, None)]
    report = validate([Pairing(t, files[:2])], select_rules(["AG7001", "AG2002"]))
    assert len(report.findings) == 1


def test_security_values_from_parameters_are_judged_per_environment(tmp_path: Path) -> None:
    storage = {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "stmlpdata",
               "location": "[resourceGroup().location]",
               "properties": {"minimumTlsVersion": "[parameters('tls')]"}}
    nested = {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "acr",
              "properties": {"mode": "Incremental", "template": {
                  "$schema": SCHEMA, "contentVersion": "1.0.0.0",
                  "resources": [{"type": "Microsoft.ContainerRegistry/registries", "apiVersion": "2025-04-01",
                                 "name": "crmlp", "location": "[resourceGroup().location]",
                                 "properties": {"adminUserEnabled": "[parameters('admin')]"}}]}}}
    t = template(tmp_path / "st.json", [storage, nested],
                 parameters={"tls": {"type": "string"}, "admin": {"type": "bool", "defaultValue": False}})
    files = []
    for env, values in (("dev", {"tls": "TLS1_2"}), ("pro", {"tls": "TLS1_0", "admin": True})):
        p = write(tmp_path / f"st.parameters.{env}.json", {
            "$schema": PSCHEMA, "contentVersion": "1.0.0.0",
            "parameters": {k: {"value": v} for k, v in values.items()}})
        files.append(ParameterFile(p, env, None))
    report = validate([Pairing(t, files)], select_rules(["AG7001", "AG7008"]))
    got = [(f.rule_id, f.env, f.path) for f in report.findings]
    assert got == [("AG7001", "pro", "resources[0].properties.minimumTlsVersion"),
                   ("AG7008", "pro", "resources[1].properties.template.resources[0].properties.adminUserEnabled")]


def test_a_finding_seen_in_some_environments_names_them(tmp_path: Path) -> None:
    storage = {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "stmlpdata",
               "properties": {"minimumTlsVersion": "[parameters('tls')]"}}
    t = template(tmp_path / "st.json", [storage], parameters={"tls": {"type": "string"}})
    files = []
    for env, tls in (("dev", "TLS1_0"), ("int", "TLS1_0"), ("pro", "TLS1_2")):
        p = write(tmp_path / f"st.parameters.{env}.json", {"$schema": PSCHEMA, "contentVersion": "1.0.0.0",
                                                           "parameters": {"tls": {"value": tls}}})
        files.append(ParameterFile(p, env, None))
    report = validate([Pairing(t, files)], select_rules(["AG7001"]))
    assert [(f.rule_id, f.env, f.parameters) for f in report.findings] == [("AG7001", "dev, int", None)]
