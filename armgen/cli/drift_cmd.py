"""``armgen drift``: what the live environment has that the rendered templates do not say."""

from __future__ import annotations

from pathlib import Path

import click

from armgen.cli.options import env_option, spec_option, write_output


@click.command()
@spec_option
@env_option(required=True)
@click.option("--target", "target_kind", type=click.Choice(["emulator", "azure"]), default=None,
              help="Override the environment's target from the spec.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit", "markdown"]), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="Write the report to FILE (a one-line summary still goes to stderr).")
@click.option("--parallel", type=click.IntRange(1, 256), default=16, show_default=True)
def drift(spec_path: Path, env: str, target_kind: str | None, fmt: str, output: Path | None, parallel: int) -> None:
    """Compare a deployed environment with the rendered templates (nothing is changed).

    \b
    Reports properties changed outside armgen, resources created by hand in
    armgen's resource groups, role assignments added by hand at or below them,
    and resources that are missing; read-only properties never show (the same
    filtering as what-if). Re-deploy ('armgen deploy') to put the spec back.
    Exit codes: 0 no drift, 1 the comparison failed, 2 unusable input,
    3 changes found (drift).
    """
    from armgen.cli.deploy_common import load_plan
    from armgen.deploy.drift import FAILED, find_drift
    from armgen.deploy.drift_report import FORMATTERS
    from armgen.deploy.target import connect
    from armgen.exitcodes import CHANGES

    _, plan = load_plan(spec_path, env)
    target = connect(plan.env, target_kind)
    items = find_drift(target, plan, parallel)
    text = FORMATTERS[fmt](env, items)
    if output is not None:
        write_output(output, text)
        click.echo(f"drift of {env}: {len(items)} finding(s), written to {output}", err=True)
    else:
        click.echo(text, nl=False)
    if any(d.kind == FAILED for d in items):
        raise SystemExit(1)
    if items:
        raise SystemExit(CHANGES)
