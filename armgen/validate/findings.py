"""What validation reports: located findings and the units that were checked."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from armgen.rulebase.rule import SEVERITY_NAMES, Rule


@dataclass(frozen=True, order=True)
class Finding:
    """One located problem: ``file:line:column: severity rule-id message``."""

    file: str
    line: int
    column: int
    rule_id: str
    severity: str  # "E", "W" or "I"
    message: str
    path: str = ""  # readable JSON path inside ``file``
    template: str = ""  # the template this finding belongs to (== file unless in a parameter file)
    parameters: str | None = None  # the parameter file of the pairing that produced it (pairing rules)
    env: str | None = None  # that parameter file's environment

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES[self.severity]

    def as_dict(self) -> dict:
        return {**asdict(self), "severity": self.severity_name}


@dataclass(frozen=True)
class Unit:
    """A template as checked, alone or with one parameter file (one JUnit test suite)."""

    template: str
    parameters: str | None = None
    env: str | None = None
    kind: str = "template"  # "template" (alone), "pairing" (with a parameter file) or "orphan"

    @property
    def name(self) -> str:
        return f"{self.template} + {self.parameters}" if self.kind == "pairing" else self.template


@dataclass
class Report:
    """Everything ``armgen validate`` found."""

    rules: list[Rule]
    findings: list[Finding] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    expressions: int = 0  # expression strings checked: statically per template, evaluated per parameter file

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail the run; with ``strict`` warnings do too."""
        return any(f.severity == "E" or (strict and f.severity == "W") for f in self.findings)

    def by_unit(self) -> dict[tuple[str, str | None], list[Finding]]:
        """Findings by the unit whose check produced them: (template, parameter file or None)."""
        out: dict[tuple[str, str | None], list[Finding]] = {}
        for f in self.findings:
            out.setdefault((f.template, f.parameters), []).append(f)
        return out
