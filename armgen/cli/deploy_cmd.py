"""``armgen deploy``: incremental, ordered, parallel, resumable deploys of one environment."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

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
from armgen.errors import ArmgenError, InputError
from armgen.exitcodes import INTERRUPTED

if TYPE_CHECKING:
    from rich.console import Console

    from armgen.deploy.runner import Runner


@click.command(epilog=examples(
    "armgen deploy --env int",
    "armgen deploy --env dev --unit mlworkspace-vision --unit computecluster-vision",
    "armgen deploy --env pro --yes --approved-what-if what-if-pro.json",
    "armgen deploy --env int --yes --format json -o deploy-int.json --out build"))
@spec_option
@out_option
@env_option(required=True)
@unit_option
@target_option
@click.option("--what-if-first", is_flag=True, help="Show what would change and ask before deploying.")
@click.option("--yes", "-y", is_flag=True,
              help="Do not ask for confirmation. A production environment accepts it only with --approved-what-if.")
@parallel_option
@click.option("--prune", is_flag=True,
              help="Delete what armgen manages that the spec no longer has (removed resources, units, workspaces).")
@click.option("--recover-soft-deleted", "soft_deleted", flag_value="recover",
              help="Recover a soft-deleted Key Vault of the same name.")
@click.option("--purge-soft-deleted", "soft_deleted", flag_value="purge",
              help="Purge soft-deleted Key Vaults and ML workspaces of the same names first.")
@click.option("--no-skip", is_flag=True,
              help="Deploy every unit even when unchanged (after resources were deleted outside armgen; "
                   "'armgen verify' finds those).")
@click.option("--recreate", "recreate", multiple=True, metavar="UNIT",
              help="Delete and re-create this unit's resources whose create-only properties changed (repeatable; "
                   "asks first unless --yes).")
@click.option("--recreate-compute", is_flag=True,
              help="--recreate for every compute cluster unit whose vmSize, priority or subnet changed.")
@click.option("--approved-what-if", "approved", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The change set an approver saw ('armgen what-if --save FILE'): refuse when the live what-if "
                   "differs, then deploy without asking.")
@click.option("--on-interrupt", type=click.Choice(["cancel", "leave"]), default="cancel", show_default=True,
              help="On Ctrl-C: cancel the running ARM deployments (and wait for that), or leave them running in "
                   "Azure and exit at once (130); a re-run resumes.")
@click.option("--wait", "wait_for_release", is_flag=True,
              help="When another release is deploying this environment, wait for it instead of exiting 1.")
@format_option("text", "json")
@output_option
def deploy(spec_path: Path, out_dir: Path | None, env: str, units: tuple[str, ...], target_kind: str | None, what_if_first: bool,
           yes: bool, parallel: int, prune: bool, soft_deleted: str | None, no_skip: bool, recreate: tuple[str, ...],
           recreate_compute: bool, approved: Path | None, on_interrupt: str, wait_for_release: bool,
           fmt: str, output: Path | None) -> None:
    """Deploy an environment: shared infrastructure first, then every workspace in parallel.

    \b
    Units whose template and parameters are unchanged since their last
    successful deployment are skipped (no PUT is sent). Re-run after any
    failure: finished units are skipped and the rest converge.
    Exit codes: 0 all units deployed or unchanged, 1 a unit failed or was
    blocked, or the rendered files drifted from the spec (run 'armgen render'),
    or the live what-if differs from --approved-what-if, 2 bad input or refused
    confirmation (production with --yes but no --approved-what-if), 130
    interrupted.

    \b
    Production (production: true): deploy shows the what-if and asks, or
    applies exactly an approved what-if (--approved-what-if FILE, written by
    'armgen what-if --save FILE' and shown to the approver); --yes alone is
    refused before anything is contacted.
    """
    from rich.console import Console

    from armgen.cli.deploy_common import load_plan
    from armgen.cli.deploy_lifecycle import apply_recreates, apply_removals, check_recreates, check_removals
    from armgen.cli.deploy_view import Progress, summary_table, table_text
    from armgen.cli.whatif_cmd import print_foreign, print_what_if
    from armgen.deploy import removals
    from armgen.deploy.failures import hints
    from armgen.deploy.plan import Plan
    from armgen.deploy.preflight import preflight
    from armgen.deploy.runner import OK, Runner
    from armgen.deploy.stacks import deny_settings
    from armgen.deploy.target import connect
    from armgen.deploy.whatif import what_if
    from armgen.deploy.whatif_format import has_changes
    from armgen.render.units import units_for

    spec, plan = load_plan(spec_path, env, units, out_dir=out_dir)
    if plan.env.production and yes and approved is None:  # never a bare --yes in production
        raise InputError(f"{env} is a production environment: --yes needs --approved-what-if FILE, the change set "
                         f"the approver saw ('armgen what-if --env {env} --save FILE'); without --yes, deploy shows "
                         "the what-if and asks")
    for name in recreate:
        plan.step(name)
    target = connect(plan.env, target_kind)
    console = Console(stderr=fmt == "json")
    runner = Runner(target, plan, parallel=parallel, skip_unchanged=not no_skip)
    runner.deny = deny_settings(plan.env.lifecycle)
    _one_release_at_a_time(runner, env, wait_for_release, console)  # before anything is sent or deleted
    runner.wait_for_release = wait_for_release
    confirm = what_if_first or (plan.env.production and not yes and not approved)
    changed = runner.changed_steps()
    whole = confirm or approved is not None
    results = what_if(target, plan if whole else Plan(plan.env, changed), "Incremental", parallel)
    found = removals.survey(target, plan, runner.listed, results, {u.name for u in units_for(plan.env)})
    results = removals.with_deletes(results, found, plan)
    if approved:
        from armgen.deploy.whatif_hash import refuse_if_different

        digest, approved_units = refuse_if_different(approved, env, results)
        runner.force |= approved_units
        console.print(f"the live what-if matches the approved one ({approved}, {digest[:12]})", markup=False,
                      highlight=False, soft_wrap=True)
    elif confirm:
        print_what_if(results, console, color=console.is_terminal)
        print_foreign(found, console)
        if not any(has_changes(r.changes) for r in results if not r.error) and not any(r.error for r in results):
            console.print("nothing to change")
        if not yes:
            if not sys.stdin.isatty():
                raise InputError(f"{env} needs confirmation: run interactively or pass --yes")
            if not click.confirm(f"Deploy these changes to {env} ({target.description})?", err=True):
                raise InputError("deploy cancelled; nothing was changed")
    chosen = check_recreates(results, changed, plan, recreate, recreate_compute, yes)
    action = check_removals(found, plan, prune, yes, (confirm and not yes) or approved is not None, console)
    for line in preflight(target, plan, soft_deleted):
        console.print(line)
    for line in apply_removals(target, runner, found, action) + apply_recreates(target, plan, runner, chosen):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    left: list[str] | None = None
    with Progress(plan, console, live=console.is_terminal and fmt == "text") as progress:
        runner.on_event = progress.event
        try:
            started = time.monotonic()
            results = runner.run(cancel_on_interrupt=on_interrupt == "cancel")
        except KeyboardInterrupt:
            if on_interrupt == "cancel":
                raise ArmgenError("interrupted: running deployments were cancelled; re-run 'armgen deploy' to "
                                  "converge", exit_code=INTERRUPTED) from None
            left = runner.left
    if left is not None:  # after the live display is closed
        _leave(env, left)
    pacing = target.pacer.verdict(started, time.monotonic()) if target.pacer and runner.puts else None
    for note in [*runner.notes, *([pacing] if pacing else [])]:
        console.print(note, markup=False, highlight=False, soft_wrap=True)
    if fmt == "json":
        text = json.dumps({"environment": env, "target": target.kind, "puts": runner.puts, "pacing": pacing,
                           "units": [r.as_dict() for r in results]}, indent=2) + "\n"
    else:
        text = table_text(summary_table(results, env)) if output is not None else ""
        if output is None:
            console.print(summary_table(results, env))
    if output is not None:
        write_output(output, text)
        done = sum(r.status in OK for r in results)
        click.echo(f"deploy of {env}: {done} of {len(results)} units deployed or unchanged, written to {output}",
                   err=True)
    elif fmt == "json":
        click.echo(text, nl=False)
    failed = [r for r in results if r.status not in OK]
    for r in failed:
        if r.error:
            console.print(f"[red]{r.name}[/] failed:", highlight=False)
            for line in r.error.lines(2):
                console.print(line, highlight=False, markup=False, soft_wrap=True)
            for hint in hints(r.error):
                console.print(f"  hint: {hint}", highlight=False, markup=False, soft_wrap=True)
        else:
            console.print(f"[yellow]{r.name}[/] {r.status}: a unit it depends on did not deploy")
    if failed:
        raise ArmgenError(f"{len(failed)} of {len(results)} units did not deploy; fix the cause and re-run "
                          f"'armgen deploy --env {env}'")


RELEASE_POLL_SECONDS = 5.0


def _leave(env: str, left: list[str]) -> NoReturn:
    """Ctrl-C with ``--on-interrupt leave``: say what keeps deploying and how to resume, then end the process at
    once. The workers still polling those deployments are abandoned, not joined (``os._exit``): waiting for
    them is what leaving is for not doing."""
    import os

    shown = ", ".join(left[:5]) + (f" and {len(left) - 5} more" if len(left) > 5 else "")
    what = f"{len(left)} unit(s) keep deploying in Azure ({shown})" if left else "no unit was deploying"
    click.echo(f"Error: interrupted: {what}; armgen did not wait for them. Re-run the same 'armgen deploy --env "
               f"{env}' to resume: it waits for units still deploying, skips what finished and deploys the rest",
               err=True)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(INTERRUPTED)


def _one_release_at_a_time(runner: Runner, env: str, wait: bool, console: Console) -> None:
    """Another release deploying this environment (seen in Azure's running stacks): wait or exit 1.

    Having waited, armgen goes on only after two quiet polls in a row: between one unit of the other
    release finishing and the next starting, no stack is running for an instant."""
    import os
    import time

    interval = float(os.environ.get("ARMGEN_RELEASE_POLL_SECONDS") or RELEASE_POLL_SECONDS)
    announced = False
    quiet = 0
    while quiet < (2 if announced else 1):
        holders = runner.running_releases()
        if not holders:
            quiet += 1
            if announced and quiet < 2:
                time.sleep(interval)
            continue
        quiet = 0
        name, state, release = holders[0]
        more = f" and {len(holders) - 1} more" if len(holders) > 1 else ""
        if not wait:
            raise ArmgenError(f"another release is deploying {env}: {release} ({name} is {state}{more}); wait for "
                              "it to finish, or re-run with --wait")
        if not announced:
            console.print(f"waiting for another release deploying {env}: {release} ({name} is {state}{more})",
                          markup=False, highlight=False, soft_wrap=True)
            announced = True
        time.sleep(interval)
