"""``armgen roles test``: the custom model-developer role against its expectations (and what is deployed)."""

from __future__ import annotations

from pathlib import Path

import click

from armgen.cli.options import (
    SuggestingGroup,
    env_option,
    examples,
    format_option,
    output_option,
    spec_option,
    target_option,
)


@click.group(cls=SuggestingGroup, epilog=examples("armgen roles test --env int --offline", "armgen roles test --env int"))
def roles() -> None:
    """The platform's custom role (model developer)."""


@roles.command("test", epilog=examples("armgen roles test --env dev --offline",
                                       "armgen roles test --env int --format junit -o reports/roles-int.xml"))
@spec_option
@env_option(required=True)
@click.option("--offline", is_flag=True, help="Only evaluate the spec's role; read nothing from a target.")
@target_option
@click.option("--timeout", "timeout", type=click.FloatRange(0), default=None, metavar="SECONDS",
              help="How long to wait for new role assignments to show (default: 300 on azure, 5 on the emulator).")
@format_option("text", "json", "junit")
@output_option
@click.option("--verbose", "-v", is_flag=True, help="List passed checks too (text format).")
def test(spec_path: Path, env: str, offline: bool, target_kind: str | None, timeout: float | None, fmt: str,
         output: Path | None, verbose: bool) -> None:
    """Evaluate the role's expect.allowed / expect.denied with Azure's wildcard and case rules.

    \b
    Control-plane operations are checked against actions/notActions, data-plane ones
    (blobs, secrets, repositories...) against dataActions/notDataActions. Operations that hand
    out access or destroy the platform (e.g. Microsoft.Authorization/roleAssignments/write)
    must be denied whatever the spec expects. Without --offline the deployed role definition
    and its assignments are read from the target and compared with the rendered ones.
    Exit codes: 0 all checks pass, 1 a check failed, 2 unusable input.
    """
    from armgen.cli.check_output import emit
    from armgen.roles.expectations import offline_report
    from armgen.spec import load_spec

    spec = load_spec(spec_path)
    environment = spec.env(env)
    report = offline_report(env, environment.shared.model_developer)
    if not offline:
        from armgen.deploy.target import connect
        from armgen.roles.deployed import check_deployed_role

        target = connect(environment, target_kind)
        wait = timeout if timeout is not None else (300.0 if target.kind == "azure" else 5.0)
        check_deployed_role(report, environment, target, wait)
    emit(report, fmt, output, verbose)
