"""JUnit XML for the Azure DevOps test tab (PublishTestResults@2, testResultsFormat: JUnit).

One test suite per checked unit (a template alone, or a template with one parameter file),
one test case per rule that ran on it; a rule's findings become its failure.
"""

from __future__ import annotations

from armgen import junit
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
        suites = []
        paired = {u.template for u in report.units if u.kind == "pairing"}
        scoped = {kind: [r for r in report.rules if r.scope == kind] for kind in ("pairing", "orphan")}
        found = report.by_unit()
        for unit in report.units:
            findings = found.get((unit.template, unit.parameters), [])
            reported = {f.rule_id for f in findings}
            rules = scoped[unit.kind] if unit.kind in scoped else [
                r for r in report.rules if r.scope == unit.kind or (
                    unit.kind == "template" and r.scope == "pairing"
                    and (r.id in reported or unit.template not in paired))]
            suite = junit.Suite(unit.name)
            for rule in rules:
                name = f"{rule.id} {rule.shortdesc}"
                if rule.id not in reported:
                    suite.cases.append(junit.Case(unit.name, name))
                    continue
                own = [f for f in findings if f.rule_id == rule.id]
                failing = [f for f in own if self._fails(f.severity)]
                if failing:
                    suite.cases.append(junit.Case(
                        unit.name, name, f"{len(failing)} finding(s): {failing[0].message}", TYPES[rule.severity],
                        "\n".join(f"{f.file}:{f.line}:{f.column}: {f.message}" for f in failing)))
                else:
                    suite.cases.append(junit.Case(unit.name, name, details="\n".join(
                        f"{f.file}:{f.line}:{f.column}: {f.severity_name}: {f.message}" for f in own)))
            ran = {r.id for r in rules}
            suite.cases += [junit.Case(unit.name, f.rule_id, f.message, TYPES[f.severity],
                                       f"{f.file}:{f.line}:{f.column}: {f.message}")
                            for f in findings if f.rule_id not in ran]
            suites.append(suite)
        return junit.to_junit("armgen validate", suites)
