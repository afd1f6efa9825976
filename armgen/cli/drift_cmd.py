"""``armgen drift``: what the live environment has that the rendered templates do not say."""

from __future__ import annotations

from pathlib import Path

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
    write_output,
)

FORMATS = ("text", "json", "junit", "markdown")


def _reports(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    out = []
    for value in values:
        fmt, sep, path = value.partition("=")
        if not sep or fmt not in FORMATS or not path:
            raise click.BadParameter(f"{value!r}: expected FORMAT=FILE with FORMAT one of {', '.join(FORMATS)}")
        out.append((fmt, Path(path)))
    return tuple(out)


@click.command(epilog=examples("armgen drift --env pro",
                               "armgen drift --env pro --format markdown -o drift.md --report junit=drift.xml"))
@spec_option
@out_option
@env_option(required=True)
@target_option
@format_option(*FORMATS)
@output_option
@click.option("--report", "reports", multiple=True, metavar="FORMAT=FILE", callback=_reports,
              help="Also write the same findings as FORMAT (text, json, junit, markdown) to FILE, from the same "
                   "comparison (repeatable), e.g. --format markdown -o drift.md --report junit=drift.xml.")
@parallel_option
def drift(spec_path: Path, out_dir: Path | None, env: str, target_kind: str | None, fmt: str, output: Path | None,
          reports: tuple[tuple[str, Path], ...], parallel: int) -> None:
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

    _, plan = load_plan(spec_path, env, out_dir=out_dir)
    target = connect(plan.env, target_kind)
    items = find_drift(target, plan, parallel)
    text = FORMATTERS[fmt](env, items)
    for extra_fmt, path in reports:  # one comparison, every report: a pipeline never compares twice
        write_output(path, FORMATTERS[extra_fmt](env, items))
    if output is not None:
        write_output(output, text)
        click.echo(f"drift of {env}: {len(items)} finding(s), written to {output}", err=True)
    else:
        click.echo(text, nl=False)
    if any(d.kind == FAILED for d in items):
        raise SystemExit(1)
    if items:
        raise SystemExit(CHANGES)
