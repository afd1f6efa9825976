"""JUnit XML for the Azure DevOps test tab (PublishTestResults@2, testResultsFormat: JUnit).

One test suite per checked unit (a template alone, or a template with one parameter file),
one test case per rule that ran on it; a rule's findings become its failure.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from armgen.validate.findings import Report
from armgen.validate.formatters.base import Formatter

TYPES = {"E": "error", "W": "warning", "I": "info"}


class JUnitFormatter(Formatter):
    name = "junit"

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict  # warnings fail test cases too

    def _fails(self, severity: str) -> bool:
        return severity == "E" or (self.strict and severity == "W")

    def format(self, report: Report) -> str:
        root = ET.Element("testsuites", name="armgen validate")
        total = total_failures = 0
        for unit in report.units:
            findings = report.for_unit(unit)
            reported = {f.rule_id for f in findings}
            rules = [r for r in report.rules if r.scope == unit.kind or (
                unit.kind == "template" and r.scope == "pairing"
                and (r.id in reported or not _has_pairings(report, unit.template)))]
            suite = ET.SubElement(root, "testsuite", name=unit.name)
            failures = 0
            for rule in rules:
                case = ET.SubElement(suite, "testcase", classname=unit.name, name=f"{rule.id} {rule.shortdesc}")
                own = [f for f in findings if f.rule_id == rule.id]
                failing = [f for f in own if self._fails(f.severity)]
                if failing:
                    failures += 1
                    failure = ET.SubElement(case, "failure", type=TYPES[rule.severity],
                                            message=f"{len(failing)} finding(s): {failing[0].message}")
                    failure.text = "\n".join(f"{f.file}:{f.line}:{f.column}: {f.message}" for f in failing)
                elif own:
                    out = ET.SubElement(case, "system-out")
                    out.text = "\n".join(f"{f.file}:{f.line}:{f.column}: {f.severity_name}: {f.message}" for f in own)
            internal = [f for f in findings if f.rule_id not in {r.id for r in rules}]
            for f in internal:
                case = ET.SubElement(suite, "testcase", classname=unit.name, name=f.rule_id)
                ET.SubElement(case, "failure", type=TYPES[f.severity], message=f.message).text = (
                    f"{f.file}:{f.line}:{f.column}: {f.message}")
                failures += 1
            suite.set("tests", str(len(rules) + len(internal)))
            suite.set("failures", str(failures))
            suite.set("errors", "0")
            total += len(rules) + len(internal)
            total_failures += failures
        root.set("tests", str(total))
        root.set("failures", str(total_failures))
        root.set("errors", "0")
        ET.indent(root)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _has_pairings(report: Report, template: str) -> bool:
    return any(u.template == template and u.kind == "pairing" for u in report.units)
