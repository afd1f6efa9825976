"""SARIF 2.1.0, the format code-scanning views (GitHub, Azure DevOps SARIF viewer) read."""

from __future__ import annotations

import json
from pathlib import PurePath
from urllib.parse import quote

from armgen import __version__
from armgen.validate.findings import Report
from armgen.validate.formatters.base import Formatter

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"E": "error", "W": "warning", "I": "note"}


def artifact_uri(file: str) -> str:
    """A relative (or file:) URI with forward slashes, as SARIF viewers expect."""
    path = PurePath(file)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


class SarifFormatter(Formatter):
    """One run, the rules that ran as ``tool.driver.rules``, one result per finding."""

    name = "sarif"

    def format(self, report: Report) -> str:
        rules = sorted(report.rules, key=lambda r: r.id)
        index = {r.id: i for i, r in enumerate(rules)}
        results = []
        for f in report.findings:
            result: dict = {
                "ruleId": f.rule_id,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(f.file)},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    },
                    **({"logicalLocations": [{"fullyQualifiedName": f.path}]} if f.path else {}),
                }],
            }
            if f.rule_id in index:
                result["ruleIndex"] = index[f.rule_id]
            if f.env:
                result["properties"] = {"environment": f.env, "parameterFile": f.parameters}
            results.append(result)
        driver = {
            "name": "armgen",
            "version": __version__,
            "informationUri": "https://learn.microsoft.com/azure/azure-resource-manager/templates/",
            "rules": [{
                "id": r.id,
                "name": "".join(w[:1].upper() + w[1:] for w in r.shortdesc.replace("$", "").split()),
                "shortDescription": {"text": r.shortdesc},
                "fullDescription": {"text": r.description},
                **({"helpUri": r.source_url} if r.source_url else {}),
                "defaultConfiguration": {"level": LEVELS[r.severity]},
                "properties": {"tags": list(r.tags)},
            } for r in rules],
        }
        sarif = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
        }
        return json.dumps(sarif, indent=2) + "\n"
