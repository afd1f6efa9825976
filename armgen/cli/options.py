"""Options shared by several commands, as decorators (pip-tools style)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from armgen.defaults import DEFAULT_SPEC

F = Callable[..., Any]


def spec_option(f: F) -> F:
    return click.option(
        "--spec", "spec_path", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_SPEC,
        show_default=True, envvar="ARMGEN_SPEC", help="The environment spec (env: ARMGEN_SPEC).",
    )(f)


def env_option(required: bool = False, multiple: bool = False) -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option(
            "--env", "env" if not multiple else "envs", required=required, multiple=multiple,
            metavar="NAME", help="Environment of the spec" + (" (repeatable; default: all)." if multiple else "."),
        )(f)
    return deco


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                            show_default=True, help="Output format.")(f)
    return deco


def write_output(path: Path, text: str) -> None:
    """Write a report file atomically (folders created); a path that cannot be written is unusable input."""
    from armgen.errors import InputError
    from armgen.render.writer import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
