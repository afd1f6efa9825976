"""``armgen pipeline``: write the staged release pipeline (Azure DevOps, and GitHub Actions with --github)."""

from __future__ import annotations

from pathlib import Path

import click

from armgen.cli.options import examples, out_option, spec_option
from armgen.errors import InputError
from armgen.exitcodes import CHANGES


def _write(path: Path, text: str) -> bool:
    """Write atomically; False when the file already had this content."""
    from armgen.render.writer import atomic_write

    try:
        if path.is_file() and path.read_text("utf-8") == text:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror}") from None
    return True


@click.command(epilog=examples("armgen pipeline", "armgen pipeline --github", "armgen pipeline --github --check"))
@spec_option
@out_option
@click.option("--github", is_flag=True, help="Also write the GitHub Actions workflow .github/workflows/infra-release.yml.")
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 3 (changes found) when a pipeline file differs.")
def pipeline(spec_path: Path, out_dir: Path | None, github: bool, check_only: bool) -> None:
    """Write the staged release pipeline generated from the spec.

    \b
    ado-pipe-staged-infra-release.yml    Build, DeployInt, ValidateInt, TestRoles, CleanupInt,
                                         then a Deploy stage per environment of release.order
    ado-template-mlenv*.yml              jobs templates: an environment, its shared units, a workspace
    .github/workflows/infra-release.yml  the same release for GitHub Actions (--github)
    'armgen render' writes the Azure DevOps files too.
    Exit codes: 0 written or up to date, 2 unusable input, 3 changes found (--check).
    """
    from armgen.pipeline import render_ado, render_github
    from armgen.spec import load_spec

    spec = load_spec(spec_path)
    files = render_ado(spec)
    if github:
        files.update(render_github(spec))
    out = out_dir or spec_path.parent
    if check_only:
        stale = [rel for rel, text in files.items()
                 if not (out / rel).is_file() or (out / rel).read_text("utf-8") != text]
        for rel in stale:
            click.echo(f"differs: {rel}")
        if stale:
            click.echo(f"{len(stale)} pipeline file(s) differ from {spec_path.name}; run 'armgen pipeline'",
                       err=True)
            raise SystemExit(CHANGES)
        click.echo(f"{len(files)} pipeline files up to date")
        return
    for rel, text in files.items():
        click.echo(f"{'written' if _write(out / rel, text) else 'unchanged'} {out / rel}")
