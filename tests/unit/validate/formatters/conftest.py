"""A small report with one finding of each severity, built from real rule classes."""

from __future__ import annotations

import pytest

from armgen.rules import select_rules
from armgen.validate.findings import Finding, Report, Unit


@pytest.fixture
def report() -> Report:
    rules = select_rules(["AG1002", "AG2006", "AG7001", "AG7010"])
    units = [Unit("templates/st.json"), Unit("templates/st.json", "parameters/st-data.parameters.dev.json", "dev",
                                              "pairing")]
    findings = [
        Finding("templates/st.json", 3, 3, "AG1002", "E", "contentVersion '1' must have four numbers",
                "contentVersion", "templates/st.json"),
        Finding("templates/st.json", 7, 5, "AG2006", "W", "parameter 'x' is never used <&>", "parameters.x",
                "templates/st.json"),
        Finding("parameters/st-data.parameters.dev.json", 5, 7, "AG7010", "E", "'pw' looks like a secret",
                "parameters.pw.value", "templates/st.json", "parameters/st-data.parameters.dev.json", "dev"),
    ]
    return Report(rules=rules, findings=findings, units=units)
