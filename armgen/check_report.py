"""Check results and their text, JSON and JUnit renderings (shared by verify, roles test and drift)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from armgen import junit


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
    """JUnit XML (:mod:`armgen.junit`): one suite per check group, one case per check."""
    groups: dict[str, list[Check]] = {}
    for c in report.checks:
        groups.setdefault(c.group, []).append(c)
    return junit.to_junit(report.title, [
        junit.Suite(f"{report.title} {group}", [
            junit.Case(f"{report.title}.{group}", c.name, None if c.ok else (c.message or "failed"), details=c.message)
            for c in checks])
        for group, checks in groups.items()])


FORMATS = {"text": to_text, "json": to_json, "junit": to_junit}


def render(report: CheckReport, fmt: str, verbose: bool = False) -> str:
    return to_text(report, verbose) if fmt == "text" else FORMATS[fmt](report)
