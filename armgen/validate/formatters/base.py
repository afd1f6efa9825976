"""The formatter interface."""

from __future__ import annotations

from armgen.validate.findings import Report


class Formatter:
    """Turns a validation Report into the text of one output format."""

    name = ""

    def format(self, report: Report) -> str:  # pragma: no cover - abstract
        raise NotImplementedError
