"""``armgen what-if``: what a deploy would change, in the format of ``az deployment group what-if``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from armgen.cli.options import (
    env_option,
    examples,
    format_option,
    out_option,
    output_option,
    parallel_option,
    spec_option,
    target_option,
    unit_option,
    write_output,
)
from armgen.deploy.whatif_format import CHANGE_TYPES  # stdlib only: cheap enough for --help
from armgen.exitcodes import CHANGES

if TYPE_CHECKING:
    from rich.console import Console

    from armgen.deploy import removals
    from armgen.deploy.whatif import UnitWhatIf


def recreate_notes(results: list[UnitWhatIf]) -> dict[str, list[str]]:
    """Per unit: the changes deploy refuses unless told to re-create."""
    notes: dict[str, list[str]] = {}
    for r in results:
        for c in r.changes:
            if c.recreate:
                notes.setdefault(r.step.name, []).append(
                    f"{c.resource_id.rsplit('/', 1)[-1]}: {', '.join(c.recreate)} cannot change after creation; "
                    f"deploy refuses it unless 'armgen deploy --recreate {r.step.name}' deletes and re-creates it")
    return notes


def print_what_if(results: list[UnitWhatIf], console: Console, color: bool,
                  exclude: frozenset[str] = frozenset()) -> None:
    """The environment's report: rich colours on a terminal, plain unwrapped lines in a log."""
    from armgen.deploy.whatif_report import report_text

    text = report_text(results, color=color, exclude=exclude, notes=recreate_notes(results))
    if color:
        console.print(text, highlight=False, end="", soft_wrap=True)
    else:
        click.echo(text, nl=False, err=console.stderr)


def print_foreign(found: removals.Survey, console: Console) -> None:
    """Resources in armgen's groups that armgen did not create: reported, never deleted."""
    for rid in found.foreign:
        console.print(f"Not managed by armgen (created outside it; kept, never deleted): {rid}", markup=False,
                      highlight=False, soft_wrap=True)
    for unit in found.undetermined:
        console.print(f"Removals of {unit} cannot be determined: what-if could not evaluate all of its resources; "
                      "anything it no longer declares is detached, never deleted", markup=False, highlight=False,
                      soft_wrap=True)
    if found.removals:
        units = sorted({r.unit for r in found.removals})
        console.print(f"Removals ({len(found.removals)}, from {', '.join(units)}): 'armgen deploy --prune' deletes "
                      "them; lifecycle.removals: detach keeps them unmanaged", markup=False, highlight=False,
                      soft_wrap=True)


@click.command(name="what-if", epilog=examples(
    "armgen what-if --env int",
    "armgen what-if --env pro --save what-if-pro.json   # the change set for 'deploy --approved-what-if'",
    "armgen what-if --env int -x NoChange --fail-on-change",
    "armgen what-if --env int --format markdown -o what-if.md --out build"))
@spec_option
@out_option
@env_option(required=True)
@unit_option
@target_option
@click.option("-x", "--exclude-change-types", "exclude", multiple=True,
              type=click.Choice(list(CHANGE_TYPES), case_sensitive=False),
              help="Hide these change types (repeatable), like az's --exclude-change-types.")
@click.option("--mode", type=click.Choice(["Incremental", "Complete"]), default="Incremental", show_default=True,
              help="ARM deployment mode to predict: Complete also lists, as deletes, the resources of a unit's "
                   "resource group that its template does not declare.")
@click.option("--fail-on-change", is_flag=True, help="Exit 3 (changes found) when anything would change (for pipelines).")
@parallel_option
@format_option("text", "json", "markdown",
               help="Output format: text (az-style), json, markdown (a pipeline's run summary).")
@output_option
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the change set (a hash per unit) for 'armgen deploy --approved-what-if FILE'.")
def what_if_cmd(spec_path: Path, out_dir: Path | None, env: str, units: tuple[str, ...], target_kind: str | None,
                exclude: tuple[str, ...], mode: str, fail_on_change: bool, parallel: int, fmt: str,
                output: Path | None, save: Path | None) -> None:
    """Show what deploying an environment would create, modify or delete.

    \b
    Symbols: + Create, - Delete, ~ Modify, ! Deploy, = NoChange, * Ignore, x Unsupported.
    Units without changes are listed on one line; the totals count each change type.
    Exit codes: 0 done (changes or not), 1 a what-if call failed, 2 unusable
    input, 3 changes found with --fail-on-change.
    """
    from concurrent.futures import ThreadPoolExecutor

    from rich.console import Console

    from armgen.cli.deploy_common import load_plan
    from armgen.deploy import removals
    from armgen.deploy.recreate import found_in
    from armgen.deploy.target import connect
    from armgen.deploy.whatif import what_if
    from armgen.deploy.whatif_format import has_changes, to_json
    from armgen.deploy.whatif_hash import change_set
    from armgen.deploy.whatif_report import report_markdown, report_text
    from armgen.render.units import units_for

    _, plan = load_plan(spec_path, env, units, out_dir=out_dir)
    target = connect(plan.env, target_kind)
    results = what_if(target, plan, mode, parallel)
    with ThreadPoolExecutor(max_workers=8) as pool:
        listed = removals.list_scopes(target, plan, pool)
    found = removals.survey(target, plan, listed, results, {u.name for u in units_for(plan.env)})
    results = removals.with_deletes(results, found, plan)
    warnings = [f"{r.describe()} cannot change after creation (deploy refuses it unless 'armgen deploy "
                f"--recreate {r.unit}')" for r in found_in(results)]
    skip = frozenset(next(t for t in CHANGE_TYPES if t.lower() == x.lower()) for x in exclude)
    approved = change_set(env, results)
    if save:
        write_output(save, json.dumps(approved, indent=2) + "\n")
    if fmt == "json":
        text = json.dumps({"environment": env, "hash": approved["hash"], "blockers": warnings,
                           "unmanaged": found.foreign, "units": [{
            "unit": r.step.name, "deployment": r.step.deployment, "predicted": r.predicted,
            "hash": approved["units"].get(r.step.name, {}).get("hash"),
            "error": r.error.as_dict() if r.error else None,
            "changes": [c for c in to_json(r.changes) if c["changeType"] not in skip]} for r in results]},
            indent=2) + "\n"
    elif fmt == "markdown":
        text = report_markdown(env, results, approved["hash"], skip)
    else:
        console = Console()
        color = console.is_terminal and not _no_color() and output is None
        text = report_text(results, color=False, exclude=skip, notes=recreate_notes(results))
        if output is None:
            print_what_if(results, console, color, skip)
            print_foreign(found, console)
            text = ""
    if output is not None:
        write_output(output, text)
        click.echo(f"what-if of {env} written to {output}", err=True)
    elif text:
        click.echo(text, nl=False)
    if any(r.error for r in results):
        raise SystemExit(1)
    if fail_on_change and any(has_changes(r.changes) for r in results):
        raise SystemExit(CHANGES)


def _no_color() -> bool:
    import os

    return bool(os.environ.get("NO_COLOR"))
