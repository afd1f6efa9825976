"""JUnit XML for the Azure DevOps test tab: well formed, one suite per unit, one case per rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from armgen.validate.findings import Report
from armgen.validate.formatters import JUnitFormatter


def parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    return ET.fromstring(text.split("\n", 1)[1])


def test_suites_cases_and_failures(report: Report) -> None:
    root = parse(JUnitFormatter().format(report))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "templates/st.json", "templates/st.json + parameters/st-data.parameters.dev.json"]
    template_cases = {c.get("name"): c for c in suites[0].findall("testcase")}
    assert set(template_cases) == {"AG1002 Template contentVersion", "AG2006 Unused parameter"}
    failure = template_cases["AG1002 Template contentVersion"].find("failure")
    assert failure is not None and failure.get("type") == "error"
    assert failure.text == "templates/st.json:3:3: contentVersion '1' must have four numbers"
    # a warning is reported but does not fail the case
    assert template_cases["AG2006 Unused parameter"].find("failure") is None
    assert "never used <&>" in template_cases["AG2006 Unused parameter"].find("system-out").text
    pairing_cases = {c.get("name"): c for c in suites[1].findall("testcase")}
    assert pairing_cases["AG7010 Plaintext secrets in parameter files"].find("failure") is not None
    assert pairing_cases["AG7001 Storage TLS version"].find("failure") is None
    assert (root.get("tests"), root.get("failures")) == ("4", "2")
    assert all(s.get("tests") == str(len(s.findall("testcase"))) for s in suites)


def test_strict_turns_warnings_into_failures(report: Report) -> None:
    root = parse(JUnitFormatter(strict=True).format(report))
    assert root.get("failures") == "3"
