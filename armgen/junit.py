"""The one JUnit XML writer: validate's findings, verify's and roles test's checks and drift all reach the
pipelines' test tabs (Azure DevOps PublishTestResults@2 with testResultsFormat JUnit, GitHub's test
reporters) in the same shape.

``testsuites`` (name, tests, failures, errors) > ``testsuite`` (name, tests, failures, errors, skipped)
> ``testcase`` (classname, name) with a ``failure`` (type, message; details as its text) or, for a case
that passed with something to say, ``system-out``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    """One test case; ``failure`` is the failure's message (None: the case passed)."""

    classname: str
    name: str
    failure: str | None = None
    failure_type: str | None = None  # e.g. error / warning; omitted when None
    details: str = ""  # the failure's text, or the system-out of a passing case


@dataclass
class Suite:
    name: str
    cases: list[Case] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return sum(1 for c in self.cases if c.failure is not None)


def to_junit(name: str, suites: list[Suite]) -> str:
    """The XML document (with its declaration) for ``suites`` under one ``testsuites`` called ``name``."""
    root = ET.Element("testsuites", name=name, tests=str(sum(len(s.cases) for s in suites)),
                      failures=str(sum(s.failures for s in suites)), errors="0")
    for suite in suites:
        element = ET.SubElement(root, "testsuite", name=suite.name, tests=str(len(suite.cases)),
                                failures=str(suite.failures), errors="0", skipped="0")
        for case in suite.cases:
            test = ET.SubElement(element, "testcase", classname=case.classname, name=case.name)
            if case.failure is not None:
                failure = ET.SubElement(test, "failure", **({"type": case.failure_type} if case.failure_type else {}))
                failure.set("message", case.failure)
                failure.text = case.details or None
            elif case.details:
                ET.SubElement(test, "system-out").text = case.details
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
