"""Rule fixtures: ``<RULE>-good*.json`` and ``<RULE>-bad*.json`` (with paired parameter files).

Expected findings are written into the bad fixtures as comments (ARM accepts comments) on the
line the finding must point at: ``// expect AG7001: text the message contains`` (optionally
``AG3001@17`` for the column; several on one line for several findings).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from armgen.rulebase.evaluation import SpecTargets
from armgen.rules import select_rules
from armgen.spec import load_spec
from armgen.validate.discovery import is_parameter_file, pair
from armgen.validate.findings import Finding
from armgen.validate.runner import validate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "validate" / "rules"
EXPECT = re.compile(r"//\s*expect\s+(AG\d{4})(?:@(\d+))?:\s*(.*?)\s*(?=//\s*expect|$)")


@dataclass(frozen=True)
class Expected:
    file: str
    line: int
    rule_id: str
    column: int | None
    text: str


def fixture_templates(rule_id: str, kind: str) -> list[Path]:
    return sorted(p for p in FIXTURES.glob(f"{rule_id}-{kind}*.json") if not is_parameter_file(p))


def expectations(paths: list[Path], rule_id: str) -> list[Expected]:
    out = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in EXPECT.finditer(line):
                if m.group(1) == rule_id:
                        out.append(Expected(str(path), n, m.group(1), int(m.group(2)) if m.group(2) else None,
                                        m.group(3)))
    return out


@functools.cache
def fixture_spec() -> SpecTargets:
    """The spec the fixtures' parameter files are for (its environments' network modes), as --spec gives it."""
    return SpecTargets(load_spec(FIXTURES.parent / "mlenv.yaml"))


def run_rule(rule_id: str, template: Path) -> tuple[list[Finding], list[Path]]:
    """Findings of one rule on a fixture template and the parameter files paired with it."""
    params = [p for p in FIXTURES.glob(f"{template.stem}*.json") if is_parameter_file(p)]
    pairings, _ = pair([template], params)
    report = validate(pairings, select_rules([rule_id]), spec=fixture_spec())
    return [f for f in report.findings if f.rule_id == rule_id], [template, *params]
