"""The one JUnit writer (armgen.junit) and the three reports that use it: validate, verify/roles, drift."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from armgen.check_report import CheckReport, to_junit
from armgen.deploy.drift_report import to_junit_report
from armgen.junit import Case, Suite
from armgen.junit import to_junit as write
from armgen.validate.findings import Report
from armgen.validate.formatters import JUnitFormatter
from tests.unit.validate.formatters.conftest import report  # noqa: F401 - the fixture


def _parse(text: str) -> ET.Element:
    head, body = text.split("\n", 1)
    assert head == '<?xml version="1.0" encoding="utf-8"?>'
    return ET.fromstring(body)


def _shape(root: ET.Element) -> None:
    """What every armgen JUnit document looks like, whoever wrote it."""
    assert root.tag == "testsuites" and set(root.attrib) == {"name", "tests", "failures", "errors"}
    suites = root.findall("testsuite")
    for suite in suites:
        assert set(suite.attrib) == {"name", "tests", "failures", "errors", "skipped"}
        cases = suite.findall("testcase")
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
        assert all(set(c.attrib) == {"classname", "name"} for c in cases)
    assert root.get("tests") == str(sum(int(s.get("tests")) for s in suites))
    assert root.get("failures") == str(sum(int(s.get("failures")) for s in suites))


def test_the_writer() -> None:
    root = _parse(write("armgen x", [Suite("a", [Case("a", "passes"), Case("a", "says", details="note <&>"),
                                                 Case("a", "fails", "why", "error", "line 1\nline 2")]),
                                     Suite("b")]))
    _shape(root)
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert list(cases["passes"]) == []
    assert cases["says"].find("system-out").text == "note <&>"
    failure = cases["fails"].find("failure")
    assert failure.attrib == {"type": "error", "message": "why"} and failure.text == "line 1\nline 2"
    assert (root.get("tests"), root.get("failures")) == ("3", "1")


def test_any_text_comes_back_as_written_and_the_layout_is_elementtrees() -> None:
    tricky = ['a "quoted" <tag> & amp;', "tab\there\r\nnew line", "&amp; already", "]]> é € \x7f", "", " "]
    suites = [Suite(t or "empty", [Case(t, t + "!", t or None, t or None, t), Case(t, "ok", details=t)])
              for t in tricky] + [Suite("none")]
    text = write("names & <more>", suites)
    root = _parse(text)
    _shape(root)
    assert root.get("name") == "names & <more>"
    for suite, t in zip(root.findall("testsuite"), tricky, strict=False):
        first, second = suite.findall("testcase")
        assert (first.get("classname"), first.get("name")) == (t, t + "!")
        failure = first.find("failure")
        body = t.replace("\r\n", "\n")  # XML parsers read a CR LF in text as LF (attributes keep &#13;)
        if t:
            assert failure.get("message") == t and failure.get("type") == t and (failure.text or "") == body
        else:
            assert failure is None  # no failure message: the case passed
        assert second.find("system-out") is None if not t else second.find("system-out").text == body
    # the layout ElementTree's indent() gives: two spaces a level, empty elements closed with " />"
    expected = ET.Element("testsuites", name="x", tests="3", failures="1", errors="0")
    suite = ET.SubElement(expected, "testsuite", name="s", tests="3", failures="1", errors="0", skipped="0")
    ET.SubElement(suite, "testcase", classname="c", name="n")
    failed = ET.SubElement(ET.SubElement(suite, "testcase", classname="c", name="f"), "failure", type="error")
    failed.set("message", 'w"hy\n')
    failed.text = "l1 <\nl2 &"
    ET.SubElement(ET.SubElement(suite, "testcase", classname="c", name="o"), "system-out").text = "note"
    ET.SubElement(expected, "testsuite", name="empty", tests="0", failures="0", errors="0", skipped="0")
    ET.indent(expected)
    cases = [Case("c", "n"), Case("c", "f", 'w"hy\n', "error", "l1 <\nl2 &"), Case("c", "o", details="note")]
    assert write("x", [Suite("s", cases), Suite("empty")]) == (
        '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(expected, encoding="unicode") + "\n")
    assert write("x", []) == '<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="x" tests="0" failures="0" errors="0" />\n'


def test_validate_verify_and_drift_write_the_same_shape(report: Report) -> None:  # noqa: F811
    checks = CheckReport("armgen verify int")
    checks.add("storage", "account exists", True)
    checks.add("storage", "tls", False, "TLS 1.0")
    from armgen.deploy.drift import UNMANAGED, Drift

    drift = [Drift(UNMANAGED, "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/x")]
    for text in (JUnitFormatter().format(report), to_junit(checks), to_junit_report("int", drift)):
        _shape(_parse(text))
    failure = _parse(to_junit(checks)).find(".//failure")
    assert failure.attrib == {"message": "TLS 1.0"} and failure.text == "TLS 1.0"
