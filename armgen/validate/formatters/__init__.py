"""Output formats of ``armgen validate``: small classes that turn a Report into a string."""

from __future__ import annotations

from armgen.validate.formatters.base import Formatter
from armgen.validate.formatters.json_format import JsonFormatter
from armgen.validate.formatters.junit import JUnitFormatter
from armgen.validate.formatters.sarif import SarifFormatter
from armgen.validate.formatters.text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "sarif": SarifFormatter,
    "junit": JUnitFormatter,
}

__all__ = ["FORMATTERS", "Formatter", "JUnitFormatter", "JsonFormatter", "SarifFormatter", "TextFormatter"]
