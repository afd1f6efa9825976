"""``armgen validate``: offline checks of ARM templates and their parameter files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from armgen.errors import InputError


def _list_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from armgen.rules import all_rules

    for rule in all_rules():
        click.echo(f"{rule.id}  {rule.severity}  {rule.shortdesc}: {rule.description}")
    ctx.exit(0)


@click.command()
@click.argument("templates", nargs=-1, metavar="[TEMPLATE]...")
@click.option("--parameters", "-p", "parameters", multiple=True, metavar="FILE",
              help="Parameter file for the single TEMPLATE (repeatable). Default: pair by name.")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "json", "sarif", "junit"]), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the report to FILE, creating its folder (a summary still goes to stderr).")
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@click.option("--rule", "only", multiple=True, metavar="ID", help="Run only these rules (id or prefix, e.g. AG7).")
@click.option("--ignore", multiple=True, metavar="ID", help="Skip these rules (id or prefix).")
@click.option("--templates-dir", default="templates", show_default=True, help="Templates folder (no TEMPLATE given).")
@click.option("--parameters-dir", default="parameters", show_default=True, help="Parameter files folder.")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour text output (auto: on a terminal unless NO_COLOR is set).")
@click.option("--bicep", "bicep", is_flag=True,
              help="Also check bicep/ against the ARM: each module and .bicepparam parsed and compiled back "
                   "(and built with the bicep CLI when it is on PATH).")
@click.option("--bicep-dir", default=None, metavar="DIR",
              help="The Bicep folder for --bicep (default: bicep/ beside the templates folder).")
@click.option("--list-rules", is_flag=True, expose_value=False, is_eager=True, callback=_list_rules,
              help="List every rule and exit.")
def validate(templates: tuple[str, ...], parameters: tuple[str, ...], fmt: str, output: str | None, strict: bool,
             only: tuple[str, ...], ignore: tuple[str, ...], templates_dir: str, parameters_dir: str,
             color: str, bicep: bool, bicep_dir: str | None) -> None:
    """Check ARM templates offline: structure, parameters, expressions, resources, names, limits, security.

    \b
    Without TEMPLATE: every template in --templates-dir with every parameter file in
    --parameters-dir named <template-stem>[-<instance>].parameters.<env>.json.
    With TEMPLATE (file or folder): pairs parameter files the same way from its folder.
    Exit codes: 0 no error finding, 1 error findings (or warnings with --strict), 2 unusable input.
    """
    from armgen.rules import select_rules
    from armgen.validate.discovery import discover
    from armgen.validate.formatters import FORMATTERS, JUnitFormatter, TextFormatter
    from armgen.validate.formatters.text import colour_default
    from armgen.validate.runner import validate as run_validation

    rules = select_rules(only, ignore)
    pairings, orphans = discover(templates, parameters, templates_dir, parameters_dir)
    report = run_validation(pairings, rules, orphans)
    if bicep:
        _check_bicep(report, pairings, bicep_dir)
    if fmt == "text":
        stream_tty = output is None and sys.stdout.isatty()
        colour = {"always": True, "never": False}.get(color, stream_tty and colour_default())
        formatter = TextFormatter(colour=colour)
    elif fmt == "junit":
        formatter = JUnitFormatter(strict=strict)
    else:
        formatter = FORMATTERS[fmt]()
    text = formatter.format(report)
    if output:
        try:
            Path(output).parent.mkdir(parents=True, exist_ok=True)
            Path(output).write_text(text, encoding="utf-8")
        except OSError as e:
            raise InputError(f"{output}: cannot write: {e.strerror}") from None
        click.echo(TextFormatter(colour=False).format(report).splitlines()[-1], err=True)
    else:
        click.echo(text, nl=False)
    if report.failed(strict):
        sys.exit(1)


def _check_bicep(report, pairings, bicep_dir: str | None) -> None:  # noqa: ANN001 - Report, list[Pairing]
    """Add the Bicep equivalence findings to ``report`` and say on stderr what was compared, and how."""
    from armgen.validate.bicep_check import BicepEquivalence, check_bicep

    if not pairings:
        return
    folder = Path(bicep_dir) if bicep_dir else pairings[0].template.parent.parent / "bicep"
    if not folder.is_dir():
        raise InputError(f"{folder}/ does not exist: run 'armgen render --format bicep' or name it with --bicep-dir")
    templates = [p.template for p in pairings]
    parameter_files = [pf.path for p in pairings for pf in p.parameters]
    result = check_bicep(folder, templates, parameter_files)
    report.rules.append(BicepEquivalence())
    report.findings = sorted(report.findings + result.findings)
    report.units += result.units
    how = (f"also built with {result.cli}" if result.cli
           else "bicep CLI not on PATH, so not built with it")
    click.echo(f"bicep: {result.modules} module(s), {result.params} .bicepparam file(s) in {folder} parsed with "
               f"tree-sitter-bicep and compared with the ARM; {how}", err=True)
