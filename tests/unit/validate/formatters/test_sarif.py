"""SARIF 2.1.0: the structure code-scanning consumers require."""

from __future__ import annotations

import json

import jsonschema

from armgen.validate.findings import Report
from armgen.validate.formatters import SarifFormatter
from armgen.validate.formatters.sarif import artifact_uri

# The essentials of the OASIS SARIF 2.1.0 schema (required members, enums, minimums) that
# GitHub code scanning and the Azure DevOps SARIF viewer rely on.
MESSAGE = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string", "minLength": 1}}}
ESSENTIALS = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"], "properties": {"driver": {
                    "type": "object", "required": ["name"],
                    "properties": {
                        "name": {"type": "string"},
                        "rules": {"type": "array", "items": {
                            "type": "object", "required": ["id"],
                            "properties": {
                                "id": {"type": "string"},
                                "shortDescription": MESSAGE, "fullDescription": MESSAGE,
                                "helpUri": {"type": "string", "pattern": "^https://"},
                                "defaultConfiguration": {"type": "object", "properties": {
                                    "level": {"enum": ["none", "note", "warning", "error"]}}},
                            }}},
                    }}}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "results": {"type": "array", "items": {
                    "type": "object", "required": ["message"],
                    "properties": {
                        "ruleId": {"type": "string"},
                        "ruleIndex": {"type": "integer", "minimum": -1},
                        "level": {"enum": ["none", "note", "warning", "error"]},
                        "message": MESSAGE,
                        "locations": {"type": "array", "items": {"type": "object", "properties": {
                            "physicalLocation": {"type": "object", "required": ["artifactLocation"], "properties": {
                                "artifactLocation": {"type": "object", "required": ["uri"],
                                                     "properties": {"uri": {"type": "string"}}},
                                "region": {"type": "object", "required": ["startLine"], "properties": {
                                    "startLine": {"type": "integer", "minimum": 1},
                                    "startColumn": {"type": "integer", "minimum": 1}}}}}}}},
                    }}},
            }}},
    },
}


def test_sarif_has_the_2_1_0_essentials(report: Report) -> None:
    sarif = json.loads(SarifFormatter().format(report))
    jsonschema.validate(sarif, ESSENTIALS)


def test_results_point_at_rules_and_locations(report: Report) -> None:
    run = json.loads(SarifFormatter().format(report))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["AG1002", "AG2006", "AG7001", "AG7010"]
    levels = [(r["ruleId"], r["level"]) for r in run["results"]]
    assert levels == [("AG1002", "error"), ("AG2006", "warning"), ("AG7010", "error")]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    last = run["results"][2]
    assert last["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "parameters/st-data.parameters.dev.json"},
        "region": {"startLine": 5, "startColumn": 7}}
    assert last["properties"]["environment"] == "dev"


def test_artifact_uris_are_relative_posix_or_file_uris() -> None:
    assert artifact_uri("templates/a b.json") == "templates/a%20b.json"
    assert artifact_uri("/abs/t.json") == "file:///abs/t.json"
