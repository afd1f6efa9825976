"""``armgen render``: spec -> templates/, parameters/ (and --check for drift)."""

from __future__ import annotations

from pathlib import Path

import click

from armgen.cli.options import env_option, examples, out_option, spec_option
from armgen.defaults import RENDER_FORMATS as FORMATS
from armgen.exitcodes import CHANGES


@click.command(epilog=examples("armgen render",
                               "armgen render --check",
                               "armgen render --env dev --format arm --format bicep",
                               "armgen render --spec platform/mlenv.yaml --out build   # then: armgen plan --env int "
                               "--spec platform/mlenv.yaml --out build"))
@spec_option
@out_option
@env_option(multiple=True)
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; exit 3 (changes found) listing each file that differs from what the spec renders, "
                   "and orphan files it does not render.")
@click.option("--format", "formats", type=click.Choice(FORMATS), multiple=True,
              help="Output format (repeatable; default: the spec's render.formats, else arm).")
@click.option("--force", is_flag=True,
              help="Overwrite files armgen did not write at paths it renders (refused without it).")
def render(spec_path: Path, out_dir: Path | None, envs: tuple[str, ...], check_only: bool,
           formats: tuple[str, ...], force: bool) -> None:
    """Render ARM templates and per-environment parameter files from the spec.

    \b
    templates/<kind>.json                       one template per resource kind
    parameters/<unit>.parameters.<env>.json     one per deployment unit and environment
    bicep/<kind>.bicep, bicep/<unit>.<env>.bicepparam   with --format bicep
    Exit codes: 0 written (or up to date with --check), 1 a write failed,
    2 unusable input, 3 changes found (--check: files differ from the spec,
    or orphan files the spec does not render are left in templates/,
    parameters/, bicep/).
    """
    from armgen.build import build_files
    from armgen.render.datastore_guard import refuse_lost_datastores
    from armgen.render.hints import render_command
    from armgen.render.writer import MANIFEST, check, write
    from armgen.spec import load_spec

    spec = load_spec(spec_path)
    selected = list(envs) or None
    for name in selected or []:
        spec.env(name)
    chosen = tuple(f for f in FORMATS if f in (formats or spec.render_formats))
    files = build_files(spec, selected, chosen)
    out = out_dir or spec_path.parent
    refuse_lost_datastores(spec, out, selected)
    if check_only:
        drifts = check(out, files, selected)
        for d in drifts:
            click.echo(f"{d.kind}: {d.path}")
            click.echo(d.diff, nl=False)
        orphans = [d.path for d in drifts if d.kind == "orphan"]
        if len(drifts) > len(orphans):
            click.echo(f"{len(drifts) - len(orphans)} file(s) differ from {spec_path.name}; run "
                       f"'{render_command(out_dir)}' to update them", err=True)
        if orphans:
            click.echo(f"{len(orphans)} file(s) that {spec_path.name} does not render, which render keeps (edited by "
                       f"hand or not armgen's): {', '.join(orphans)}; delete them, or move them out of templates/, "
                       "parameters/ and bicep/", err=True)
        if drifts:
            raise SystemExit(CHANGES)
        click.echo(f"{len(files)} files up to date")
        return
    result = write(out, files, selected, force=force)
    if result.manifest_ignored:
        click.echo(f"ignored an unusable {MANIFEST} ({result.manifest_ignored}); nothing counts as armgen's own",
                   err=True)
    if result.leftovers:
        click.echo(f"removed {result.leftovers} temporary file(s) left by an interrupted render", err=True)
    for rel in result.removed:
        click.echo(f"removed stale {rel}")
    for rel in result.kept:
        click.echo(f"kept {rel}: no longer rendered, but edited by hand; delete it yourself", err=True)
    click.echo(f"{len(result.written)} written, {len(result.unchanged)} unchanged, {len(result.removed)} removed "
               f"in {out}")
