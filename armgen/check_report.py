"""Check results and their text, JSON and JUnit renderings (shared by verify, roles test and drift)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Check:
    """One functional check: a group (e.g. ``storage``), what was checked, the outcome and why."""

    group: str
    name: str
    ok: bool
    message: str = ""


@dataclass
class CheckReport:
    title: str  # e.g. "armgen verify int"
    checks: list[Check] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)  # steps left to a person (not ARM's): printed, never failed

    def add(self, group: str, name: str, ok: bool, message: str = "") -> Check:
        check = Check(group, name, ok, message)
        self.checks.append(check)
        return check

    @property
    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]

    def summary(self) -> str:
        return f"{len(self.checks) - len(self.failed)} passed, {len(self.failed)} failed"


def to_text(report: CheckReport, verbose: bool = False) -> str:
    """Failed checks always, passed ones with ``verbose``, then a one-line summary."""
    lines = []
    for c in report.checks:
        if c.ok and not verbose:
            continue
        detail = f": {c.message}" if c.message else ""
        lines.append(f"{'PASS' if c.ok else 'FAIL'}  [{c.group}] {c.name}{detail}")
    lines += [f"TODO  {step}" for step in report.todo]
    lines.append(f"{report.title}: {report.summary()}")
    return "\n".join(lines) + "\n"


def to_json(report: CheckReport) -> str:
    body = {"title": report.title, "passed": len(report.checks) - len(report.failed),
            "failed": len(report.failed), "checks": [asdict(c) for c in report.checks], "todo": report.todo}
    return json.dumps(body, indent=2) + "\n"


def to_junit(report: CheckReport) -> str:
    """JUnit XML for PublishTestResults@2: one suite per check group, one case per check."""
    root = ET.Element("testsuites", name=report.title, tests=str(len(report.checks)),
                      failures=str(len(report.failed)))
    groups: dict[str, list[Check]] = {}
    for c in report.checks:
        groups.setdefault(c.group, []).append(c)
    for group, checks in groups.items():
        failures = [c for c in checks if not c.ok]
        suite = ET.SubElement(root, "testsuite", name=f"{report.title} {group}", tests=str(len(checks)),
                              failures=str(len(failures)), errors="0", skipped="0")
        for c in checks:
            case = ET.SubElement(suite, "testcase", classname=f"{report.title}.{group}", name=c.name)
            if not c.ok:
                ET.SubElement(case, "failure", message=c.message or "failed").text = c.message
            elif c.message:
                ET.SubElement(case, "system-out").text = c.message
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATS = {"text": to_text, "json": to_json, "junit": to_junit}


def render(report: CheckReport, fmt: str, verbose: bool = False) -> str:
    return to_text(report, verbose) if fmt == "text" else FORMATS[fmt](report)
