"""Output formats of ``armgen validate``: small classes that turn a Report into a string."""

from __future__ import annotations

from armgen.formatters.base import Formatter
from armgen.formatters.json_format import JsonFormatter
from armgen.formatters.junit import JUnitFormatter
from armgen.formatters.sarif import SarifFormatter
from armgen.formatters.text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "sarif": SarifFormatter,
    "junit": JUnitFormatter,
}

__all__ = ["FORMATTERS", "Formatter", "JUnitFormatter", "JsonFormatter", "SarifFormatter", "TextFormatter"]
