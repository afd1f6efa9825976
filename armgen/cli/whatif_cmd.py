"""``armgen what-if``: what a deploy would change, in the format of ``az deployment group what-if``."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console

from armgen.cli.deploy_common import load_plan, target_option, unit_option
from armgen.cli.options import env_option, format_option, spec_option
from armgen.deploy.recreate import found_in
from armgen.deploy.target import connect
from armgen.deploy.whatif import UnitWhatIf, what_if
from armgen.deploy.whatif_format import CHANGE_TYPES, format_text, has_changes, summary, to_json
from armgen.exitcodes import CHANGES


def print_what_if(results: list[UnitWhatIf], console: Console, color: bool,
                  exclude: frozenset[str] = frozenset()) -> None:
    for r in results:
        console.rule(f"{r.step.name} ({r.step.deployment})", style="bright_black")
        if r.error:
            console.print("[red]what-if failed:[/]" if color else "what-if failed:")
            for line in r.error.lines(2):
                console.print(line, markup=False, highlight=False)
            continue
        if r.predicted:
            console.print(f"resource group {r.step.unit.resource_group} does not exist yet: every resource "
                          "is predicted offline as a Create", markup=False, highlight=False, soft_wrap=True)
        text = format_text(r.changes, color=color, exclude=exclude)
        for c in r.changes:
            if c.recreate:
                text += (f"Note: {c.resource_id.rsplit('/', 1)[-1]}: {', '.join(c.recreate)} cannot change after "
                         f"creation; deploy refuses it unless 'armgen deploy --recreate {r.step.name}' deletes "
                         "and re-creates it\n")
        if color:
            console.print(text, highlight=False, end="", soft_wrap=True)
        else:
            console.print(text, markup=False, highlight=False, end="", soft_wrap=True)
    everything = [c for r in results for c in r.changes if c.change_type not in exclude]
    total = summary(everything).removeprefix("Resource changes: ")
    failed = sum(1 for r in results if r.error)
    if failed:
        total = f"{failed} unit(s) could not be evaluated (see above); the others: {total}"
    console.print(f"Total over {len(results)} unit(s): {total}", markup=False, highlight=False, soft_wrap=True)


@click.command(name="what-if")
@spec_option
@env_option(required=True)
@unit_option
@target_option
@click.option("-x", "--exclude-change-types", "exclude", multiple=True,
              type=click.Choice(list(CHANGE_TYPES), case_sensitive=False),
              help="Hide these change types (repeatable), like az's --exclude-change-types.")
@click.option("--mode", type=click.Choice(["Incremental", "Complete"]), default="Incremental", show_default=True)
@click.option("--fail-on-change", is_flag=True, help="Exit 3 (changes found) when anything would change (for pipelines).")
@click.option("--parallel", type=click.IntRange(1, 256), default=16, show_default=True)
@format_option("text", "json")
def what_if_cmd(spec_path: Path, env: str, units: tuple[str, ...], target_kind: str | None,
                exclude: tuple[str, ...], mode: str, fail_on_change: bool, parallel: int, fmt: str) -> None:
    """Show what deploying an environment would create, modify or delete.

    \b
    Symbols: + Create, - Delete, ~ Modify, ! Deploy, = NoChange, * Ignore, x Unsupported.
    Exit codes: 0 done (changes or not), 1 a what-if call failed, 2 unusable
    input, 3 changes found with --fail-on-change.
    """
    _, plan = load_plan(spec_path, env, units)
    target = connect(plan.env, target_kind)
    results = what_if(target, plan, mode, parallel)
    warnings = [f"{r.describe()} cannot change after creation (deploy refuses it unless 'armgen deploy "
                f"--recreate {r.unit}')" for r in found_in(results)]
    skip = frozenset(next(t for t in CHANGE_TYPES if t.lower() == x.lower()) for x in exclude)
    if fmt == "json":
        click.echo(json.dumps({"environment": env, "blockers": warnings, "units": [{
            "unit": r.step.name, "deployment": r.step.deployment, "predicted": r.predicted,
            "error": r.error.as_dict() if r.error else None,
            "changes": [c for c in to_json(r.changes) if c["changeType"] not in skip]} for r in results]},
            indent=2))
    else:
        console = Console()
        print_what_if(results, console, color=console.is_terminal and not _no_color(), exclude=skip)
    if any(r.error for r in results):
        raise SystemExit(1)
    if fail_on_change and any(has_changes(r.changes) for r in results):
        raise SystemExit(CHANGES)


def _no_color() -> bool:
    import os

    return bool(os.environ.get("NO_COLOR"))

