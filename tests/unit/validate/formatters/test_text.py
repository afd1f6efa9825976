from __future__ import annotations

import pytest

from armgen.validate.findings import Report
from armgen.validate.formatters import TextFormatter


def test_plain_lines_and_summary(report: Report) -> None:
    out = TextFormatter(colour=False).format(report).splitlines()
    assert out[0] == "templates/st.json:3:3: error AG1002 contentVersion '1' must have four numbers"
    assert out[2] == "parameters/st-data.parameters.dev.json:5:7: error AG7010 'pw' looks like a secret [dev]"
    assert out[-1] == "1 template(s), 1 parameter file(s): 2 error(s), 1 warning(s), 0 info"
    assert "\033[" not in "\n".join(out)


def test_colour_uses_ansi_codes(report: Report) -> None:
    out = TextFormatter(colour=True).format(report)
    assert "\033[31merror AG1002\033[0m" in out
    assert "\033[33mwarning AG2006\033[0m" in out


def test_no_color_environment_turns_colour_off(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "")
    assert "\033[" not in TextFormatter().format(report)
    monkeypatch.delenv("NO_COLOR")
    assert "\033[" in TextFormatter().format(report)
