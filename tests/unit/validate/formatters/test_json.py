from __future__ import annotations

import json

from armgen.validate.findings import Report
from armgen.validate.formatters import JsonFormatter


def test_one_object_per_finding(report: Report) -> None:
    data = json.loads(JsonFormatter().format(report))
    assert [d["rule_id"] for d in data] == ["AG1002", "AG2006", "AG7010"]
    assert data[2] == {
        "file": "parameters/st-data.parameters.dev.json", "line": 5, "column": 7, "rule_id": "AG7010",
        "severity": "error", "message": "'pw' looks like a secret", "path": "parameters.pw.value",
        "template": "templates/st.json", "parameters": "parameters/st-data.parameters.dev.json", "env": "dev",
    }
