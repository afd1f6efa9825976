"""One error family: every user-facing failure prints ``Error: ...`` and exits non-zero."""

from __future__ import annotations

import os

import click

OFF = ("", "0", "false", "no", "off")


def debug_enabled() -> bool:
    """ARMGEN_DEBUG asks for tracebacks and the SDK's warnings; unset, empty, 0, false, no and off mean off."""
    return os.environ.get("ARMGEN_DEBUG", "").strip().lower() not in OFF


class ArmgenError(click.ClickException):
    """Base error: a one-line message and an exit code (1 by default)."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(ArmgenError):
    """Unusable input (bad spec, bad YAML/JSON, missing file): exit code 2."""

    exit_code = 2


class SourceError(InputError):
    """An input error located in a file: ``FILE:LINE:COL: PATH: message``."""

    def __init__(self, file: str, line: int, col: int, path: str, message: str) -> None:
        from armgen.limits import elide

        path, message = elide(path, 120), elide(message)
        self.file, self.line, self.col, self.path, self.detail = file, line, col, path, message
        where = f"{file}:{line}:{col}"
        super().__init__(f"{where}: {path}: {message}" if path else f"{where}: {message}")


class SourceErrors(InputError):
    """Several located errors reported together (one line each)."""

    def __init__(self, errors: list[SourceError]) -> None:
        self.errors = errors
        super().__init__("\n".join(e.message for e in errors))

    def show(self, file=None) -> None:  # click's signature
        for e in self.errors:
            click.echo(f"Error: {e.message}", err=True)
