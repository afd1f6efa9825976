"""Options shared by several commands, as decorators (pip-tools style): one definition each.

Stdlib and click only: every command's ``--help`` imports this module.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from click.core import ParameterSource

from armgen.defaults import DEFAULT_SPEC, TARGETS

F = Callable[..., Any]


def examples(*lines: str) -> str:
    """A command's epilog: ``Examples:`` and one command line per entry, shown as written."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


class SuggestingGroup(click.Group):
    """A command group whose unknown subcommand is refused with armgen's one did-you-mean (armgen/suggest.py)."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                            list[str]]:
        name = args[0]
        if not ctx.resilient_parsing and not name.startswith("-") and self.get_command(ctx, name) is None:
            from armgen.suggest import did_you_mean

            raise click.UsageError(f"No such command '{name}'{did_you_mean(name, self.list_commands(ctx))}.", ctx)
        return super().resolve_command(ctx, args)


def find_spec(start: Path | None = None) -> Path | None:
    """``mlenv.yaml`` in ``start`` (default: the current folder) or the nearest parent folder, git-style
    (the search stops at the filesystem root); relative to the current folder, None when there is none."""
    here = Path.cwd()
    folder = (start or here).absolute()
    for candidate in (folder, *folder.parents):
        spec = candidate / DEFAULT_SPEC
        if spec.is_file():
            return Path(os.path.relpath(spec, here))
    return None


def _spec_default(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path:
    """The spec named (a missing one is refused here: check the path), else the one found by the search."""
    if ctx.resilient_parsing:
        return value  # type: ignore[return-value]
    if value is not None:
        if not value.is_file():
            from armgen.errors import InputError

            given = "ARMGEN_SPEC" if ctx.get_parameter_source(param.name or "") is ParameterSource.ENVIRONMENT \
                else "--spec"
            raise InputError(f"{value}: file not found; check the path given with {given}")
        return value
    return find_spec() or Path(DEFAULT_SPEC)  # none anywhere: the loader says so and how to fix it


def spec_option(f: F) -> F:
    return click.option(
        "--spec", "spec_path", type=click.Path(path_type=Path, dir_okay=False), default=None, metavar="FILE",
        envvar="ARMGEN_SPEC", callback=_spec_default,
        help=f"The environment spec (env: ARMGEN_SPEC; default: {DEFAULT_SPEC} here or in the nearest parent "
             "folder).",
    )(f)


def out_option(f: F) -> F:
    return click.option(
        "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None, metavar="DIR",
        help="The rendered folder, holding templates/, parameters/ and the pipeline files (default: the spec's "
             "folder).",
    )(f)


def env_option(required: bool = False, multiple: bool = False) -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option(
            "--env", "env" if not multiple else "envs", required=required, multiple=multiple,
            metavar="NAME", help="Environment of the spec" + (" (repeatable; default: all)." if multiple else "."),
        )(f)
    return deco


def unit_option(f: F) -> F:
    return click.option("--unit", "units", multiple=True, metavar="NAME",
                        help="Only this deployment unit, e.g. keyvault or mlworkspace-vision (repeatable); the "
                             "units it depends on are not included.")(f)


def target_option(f: F) -> F:
    return click.option("--target", "target_kind", type=click.Choice(TARGETS), default=None,
                        help="Override the environment's target from the spec.")(f)


def parallel_option(f: F) -> F:
    return click.option("--parallel", type=click.IntRange(1, 256), default=16, show_default=True,
                        help="How many units to work on at the same time.")(f)


def format_option(*choices: str, default: str = "text", help: str = "Output format.") -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option("--format", "-f", "fmt", type=click.Choice(list(choices)), default=default,
                            show_default=True, help=help)(f)
    return deco


def output_option(f: F) -> F:
    return click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                        help="Write the report to FILE instead of standard output, creating its folder (a one-line "
                             "summary goes to stderr).")(f)


def write_output(path: Path, text: str) -> None:
    """Write a report file atomically (folders created); a path that cannot be written is unusable input."""
    from armgen.errors import InputError
    from armgen.render.writer import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next((p for p in (path.parent, *path.parent.parents) if p.exists() and not p.is_dir()), None)
        why = f"{blocker} is a file, not a folder" if blocker else exc.strerror or str(exc)
        raise InputError(f"{path}: cannot create its folder {path.parent}: {why}") from None
    try:
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
