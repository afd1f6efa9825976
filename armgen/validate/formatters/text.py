"""Human-readable findings, coloured unless NO_COLOR is set or the output is not a terminal."""

from __future__ import annotations

import os

from armgen.validate.findings import Finding, Report
from armgen.validate.formatters.base import Formatter

_COLOURS = {"E": "\033[31m", "W": "\033[33m", "I": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def colour_default() -> bool:
    """Colour by default only where it helps: NO_COLOR (any value) turns it off."""
    return "NO_COLOR" not in os.environ


class TextFormatter(Formatter):
    """``file:line:col: error AG7001 message [env]`` lines and a summary."""

    name = "text"

    def __init__(self, colour: bool | None = None) -> None:
        self.colour = colour_default() if colour is None else colour

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self.colour else text

    def line(self, f: Finding) -> str:
        where = self._paint(_BOLD, f"{f.file}:{f.line}:{f.column}:")
        severity = self._paint(_COLOURS[f.severity], f"{f.severity_name} {f.rule_id}")
        env = self._paint(_DIM, f" [{f.env}]") if f.env else ""
        return f"{where} {severity} {f.message}{env}"

    def format(self, report: Report) -> str:
        lines = [self.line(f) for f in report.findings]
        errors, warnings, infos = report.count("E"), report.count("W"), report.count("I")
        templates = sum(1 for u in report.units if u.kind == "template")
        pairs = sum(1 for u in report.units if u.kind == "pairing")
        summary = (f"{templates} template(s), {pairs} parameter file(s): {errors} error(s), "
                   f"{warnings} warning(s), {infos} info")
        if not report.findings:
            summary = self._paint("\033[32m", summary)
        lines.append(summary)
        return "\n".join(lines) + "\n"
