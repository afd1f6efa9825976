"""``armgen validate``: offline checks of ARM templates and their parameter files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click.core import ParameterSource

from armgen.cli.options import (
    examples,
    find_spec,
    format_option,
    out_option,
    output_option,
    spec_option,
    write_output,
)
from armgen.errors import InputError

if TYPE_CHECKING:
    from armgen.rulebase.evaluation import SpecTargets
    from armgen.validate.discovery import Pairing


def _list_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from armgen.rules import all_rules

    for rule in all_rules():
        click.echo(f"{rule.id}  {rule.severity}  {rule.shortdesc}: {rule.description}")
    ctx.exit(0)


@click.command(epilog=examples("armgen validate",
                               "armgen validate --format sarif -o reports/armgen.sarif",
                               "armgen validate --spec platform/mlenv.yaml --out build --strict",
                               "armgen validate azuredeploy.json -p azuredeploy.parameters.json --rule AG7"))
@click.argument("templates", nargs=-1, metavar="[TEMPLATE]...")
@spec_option
@out_option
@click.option("--parameters", "-p", "parameters", multiple=True, metavar="FILE",
              help="Parameter file for the single TEMPLATE (repeatable). Default: pair by name.")
@format_option("text", "json", "sarif", "junit")
@output_option
@click.option("--strict", is_flag=True, help="Warnings fail the run too (exit 1).")
@click.option("--rule", "only", multiple=True, metavar="ID", help="Run only these rules (id or prefix, e.g. AG7).")
@click.option("--ignore", multiple=True, metavar="ID", help="Skip these rules (id or prefix).")
@click.option("--templates-dir", default=None, metavar="DIR",
              help="Templates folder when no TEMPLATE is given (default: templates/ of the rendered folder).")
@click.option("--parameters-dir", default=None, metavar="DIR",
              help="Parameter files folder (default: parameters/ of the rendered folder).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour text output (auto: on a terminal unless NO_COLOR is set).")
@click.option("--bicep", "bicep", is_flag=True,
              help="Also check bicep/ against the ARM: each module and .bicepparam parsed and compiled back "
                   "(and built with the bicep CLI when it is on PATH).")
@click.option("--bicep-dir", default=None, metavar="DIR",
              help="The Bicep folder for --bicep (default: bicep/ beside the templates folder).")
@click.option("--list-rules", is_flag=True, expose_value=False, is_eager=True, callback=_list_rules,
              help="List every rule and exit.")
def validate(templates: tuple[str, ...], spec_path: Path, out_dir: Path | None, parameters: tuple[str, ...],
             fmt: str, output: Path | None, strict: bool, only: tuple[str, ...], ignore: tuple[str, ...],
             templates_dir: str | None, parameters_dir: str | None, color: str, bicep: bool,
             bicep_dir: str | None) -> None:
    """Check ARM templates offline: structure, parameters, expressions, resources, names, limits, security.

    \b
    Without TEMPLATE: every template in --templates-dir with every parameter file in
    --parameters-dir named <template-stem>[-<instance>].parameters.<env>.json.
    With TEMPLATE (file or folder): pairs parameter files the same way from its folder.
    A parameter file of a unit of the spec (--spec, else mlenv.yaml here or in a
    parent folder) is evaluated in its environment's subscription, location and
    resource group; without a spec, with placeholders (a note on stderr says so).
    Exit codes: 0 no error finding, 1 error findings (or warnings with --strict), 2 unusable input.
    """
    from armgen.rules import select_rules
    from armgen.validate.discovery import discover
    from armgen.validate.formatters import FORMATTERS, JUnitFormatter, TextFormatter
    from armgen.validate.formatters.text import colour_default
    from armgen.validate.runner import validate as run_validation

    rules = select_rules(only, ignore)
    spec_path = _spec_above(spec_path, templates, templates_dir, out_dir)
    spec = _spec(spec_path)
    root = out_dir if out_dir is not None else (spec_path.parent if spec else Path("."))
    try:
        if not templates and templates_dir is None and not (root / "templates").is_dir():
            from armgen.render.hints import nothing_rendered

            raise InputError(nothing_rendered(root / "templates", out_dir))
        pairings, orphans = discover(templates, parameters, templates_dir or str(root / "templates"),
                                     parameters_dir or str(root / "parameters"))
    except InputError:
        if spec is not None:
            spec.load()  # a spec that does not load is the first problem to report
        raise
    if spec is None and any(pf.env for p in pairings for pf in p.parameters):
        click.echo(f"note: no {spec_path.name} found here, above the validated files or in a parent folder: "
                   "parameter files are evaluated with "
                   "a placeholder subscription and resource group; pass --spec FILE for the environments' real ones",
                   err=True)
    report = run_validation(pairings, rules, orphans, spec, parallel=True)
    if bicep:
        _check_bicep(report, pairings, bicep_dir, out_dir)
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
        write_output(output, text)
        click.echo(TextFormatter(colour=False).format(report).splitlines()[-1], err=True)
    else:
        click.echo(text, nl=False)
    if report.failed(strict):
        sys.exit(1)


def _spec_above(spec_path: Path, templates: tuple[str, ...], templates_dir: str | None,
                out_dir: Path | None) -> Path:
    """With no spec named and none here: the spec found upward from the files validated (the first TEMPLATE,
    else --templates-dir, else --out), as ``expand`` does; else ``spec_path`` unchanged."""
    source = click.get_current_context().get_parameter_source("spec_path")
    if source is not ParameterSource.DEFAULT or spec_path.is_file():
        return spec_path
    first = Path(templates[0]) if templates else Path(templates_dir) if templates_dir else out_dir
    if first is None:
        return spec_path
    return find_spec(first if first.is_dir() else first.parent) or spec_path


def _spec(spec_path: Path) -> SpecTargets | None:
    """The spec the files were rendered from: one named with --spec (or ARMGEN_SPEC) or found must load (exit 2
    otherwise, before any file is checked); None when there is none. Loaded by the validation, which on two cores
    loads it in both processes at once."""
    source = click.get_current_context().get_parameter_source("spec_path")
    if source is ParameterSource.DEFAULT and not spec_path.is_file():
        return None
    from armgen.rulebase.evaluation import SpecTargets

    return SpecTargets.at(spec_path)


def _check_bicep(report, pairings: list[Pairing], bicep_dir: str | None,  # report: Report
                 out_dir: Path | None) -> None:
    """Add the Bicep equivalence findings to ``report`` and say on stderr what was compared, and how."""
    from armgen.render.hints import render_command
    from armgen.validate.bicep_check import BicepEquivalence, check_bicep

    if not pairings:
        return
    folder = Path(bicep_dir) if bicep_dir else pairings[0].template.parent.parent / "bicep"
    if not folder.is_dir():
        raise InputError(f"{folder}/ does not exist: run '{render_command(out_dir)} --format bicep' or name it "
                         "with --bicep-dir")
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
