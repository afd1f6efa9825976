"""``armgen verify``: functional checks of a deployed environment through its target."""

from __future__ import annotations

from pathlib import Path

import click

from armgen.cli.options import (
    env_option,
    examples,
    format_option,
    out_option,
    output_option,
    spec_option,
    target_option,
)


@click.command(epilog=examples("armgen verify --env int",
                               "armgen verify --env int --format junit -o reports/verify-int.xml"))
@spec_option
@out_option
@env_option(required=True)
@target_option
@click.option("--timeout", type=click.FloatRange(0), default=None, metavar="SECONDS",
              help="How long to wait for new role assignments to show (default: 300 on azure, 5 on the emulator).")
@format_option("text", "json", "junit")
@output_option
@click.option("--verbose", "-v", is_flag=True, help="List passed checks too (text format).")
def verify(spec_path: Path, out_dir: Path | None, env: str, target_kind: str | None, timeout: float | None, fmt: str,
           output: Path | None, verbose: bool) -> None:
    """Check a deployed environment: resources, key properties, links, datastores, role assignments.

    \b
    Every resource the rendered units deploy must exist with the key properties armgen sent
    (SKUs, TLS, network access, node counts...); each workspace must be bound to the shared
    storage, key vault, app insights and healthy registry; each datastore must be registered on
    exactly the workspaces datastore_config.json prescribes; the identity's and the spec's
    principals' role assignments must be in place (polled for up to --timeout seconds).
    Exit codes: 0 all checks pass, 1 a check failed, 2 unusable input.
    """
    from armgen.cli.check_output import emit
    from armgen.cli.deploy_common import load_plan
    from armgen.deploy.target import connect
    from armgen.roles.deployed import check_definition, role_definition_id
    from armgen.verify.runner import verify_environment

    _, plan = load_plan(spec_path, env, drift_check=False, out_dir=out_dir)
    target = connect(plan.env, target_kind)
    wait = timeout if timeout is not None else (300.0 if target.kind == "azure" else 5.0)
    report = verify_environment(plan, target, wait, custom_role_id=role_definition_id(plan.env),
                                check_role=lambda r: check_definition(r, "role-definition", plan.env, target))
    emit(report, fmt, output, verbose)
