"""Findings as a JSON array (one object per finding), for scripts."""

from __future__ import annotations

import json

from armgen.validate.findings import Report
from armgen.validate.formatters.base import Formatter


class JsonFormatter(Formatter):
    """``[{"file", "line", "column", "rule_id", "severity", "message", "path", ...}]``."""

    name = "json"

    def format(self, report: Report) -> str:
        return json.dumps([f.as_dict() for f in report.findings], indent=2) + "\n"
