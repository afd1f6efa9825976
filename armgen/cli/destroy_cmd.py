"""``armgen destroy``: delete an environment (the integration environment after its checks)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from armgen.cli.deploy_common import load_plan
from armgen.cli.options import (
    env_option,
    examples,
    format_option,
    out_option,
    output_option,
    parallel_option,
    spec_option,
    target_option,
    write_output,
)
from armgen.errors import ArmgenError, InputError


@click.command(epilog=examples("armgen destroy --env int --yes",
                               "armgen destroy --env dev --remove-locks --format json -o reports/destroy.json"))
@spec_option
@out_option
@env_option(required=True)
@target_option
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@click.option("--allow-production", is_flag=True, help="Required to destroy an environment marked production.")
@click.option("--remove-locks", is_flag=True, help="Remove the management locks on the environment's groups first.")
@parallel_option
@format_option("text", "json")
@output_option
def destroy(spec_path: Path, out_dir: Path | None, env: str, target_kind: str | None, yes: bool, allow_production: bool,
            remove_locks: bool, parallel: int, fmt: str, output: Path | None) -> None:
    """Delete everything armgen manages in an environment (groups the spec no longer names too).

    \b
    Every unit's deployment stack with what it manages, workspaces purged, the
    resource groups, the custom role (refused while still assigned, as Azure does).
    Exit codes: 0 removed, 1 something could not be removed or the environment
    is locked (--remove-locks), 2 refused.
    """
    from armgen.deploy.destroy import destroy as destroy_env
    from armgen.deploy.target import connect

    _, plan = load_plan(spec_path, env, drift_check=False, out_dir=out_dir)
    if plan.env.production and not allow_production:
        raise InputError(f"{env} is a production environment; pass --allow-production to destroy it")
    target = connect(plan.env, target_kind)
    groups = ", ".join(plan.env.resource_groups)
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(f"destroying {env} needs confirmation: run interactively or pass --yes")
        if not click.confirm(f"Delete {groups} in {target.description}?", err=True):
            raise InputError("destroy cancelled; nothing was changed")
    removals = destroy_env(target, plan, parallel, remove_locks)
    if fmt == "json":
        text = json.dumps({"environment": env, "removed": [r.__dict__ for r in removals]}, indent=2) + "\n"
    else:
        text = "".join(f"{r.result:<8} {r.what}" + (f" ({r.detail})" if r.detail else "") + "\n" for r in removals)
    failed = [r for r in removals if r.result in ("failed", "refused")]
    if output is not None:
        write_output(output, text)
        click.echo(f"destroy of {env}: {len(removals)} item(s), {len(failed)} not removed, written to {output}",
                   err=True)
    else:
        click.echo(text, nl=False)
    if failed:
        raise ArmgenError(f"{len(failed)} item(s) could not be removed; re-run 'armgen destroy --env {env}'")
