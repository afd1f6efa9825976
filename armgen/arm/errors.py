"""The engine's only exception type."""

from __future__ import annotations


class ArmError(Exception):
    """An ARM-style failure: ``code`` (e.g. "InvalidTemplate"), ``message``, JSON ``path`` and
    the 1-based ``column`` inside an expression string (or None)."""

    def __init__(self, message: str, code: str = "InvalidTemplate", path: list | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path: list = list(path or [])
        self.column = column

    def at(self, path: list) -> ArmError:
        """Prefix the JSON path (used while unwinding from nested values); returns self."""
        self.path = list(path) + self.path
        return self

    def located(self) -> str:
        """``path: message`` as one line."""
        where = "/".join(str(p) for p in self.path)
        col = f" (column {self.column})" if self.column else ""
        return f"{where}{col}: {self.message}" if where else f"{self.message}{col}"

    def __str__(self) -> str:
        return self.message
