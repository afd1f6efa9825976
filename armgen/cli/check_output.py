"""Printing a check report from a command: stdout or a file, exit 1 when a check failed."""

from __future__ import annotations

from pathlib import Path

import click

from armgen.check_report import CheckReport, render
from armgen.errors import ArmgenError, InputError


def emit(report: CheckReport, fmt: str, output: Path | None, verbose: bool = False) -> None:
    """Print (or write) ``report``; raise ArmgenError (exit 1) naming the failed checks."""
    text = render(report, fmt, verbose)
    if output:
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{output}: cannot write: {exc.strerror}") from None
        click.echo(f"{report.title}: {report.summary()}", err=True)
    else:
        click.echo(text, nl=False)
    failed = report.failed
    if failed:
        names = "; ".join(f"[{c.group}] {c.name}" for c in failed[:5])
        more = f" and {len(failed) - 5} more" if len(failed) > 5 else ""
        raise ArmgenError(f"{len(failed)} check(s) failed: {names}{more}")
