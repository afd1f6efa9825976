"""``armgen init``: write a sample spec of the whole platform and its datastore configuration."""

from __future__ import annotations

from pathlib import Path

import click

from armgen.cli.options import examples
from armgen.defaults import DATASTORE_CONFIG, DEFAULT_SPEC
from armgen.errors import ArmgenError

SAMPLE_FILES = (DEFAULT_SPEC, DATASTORE_CONFIG)


def sample_text(name: str) -> str:
    """The text of one shipped sample file."""
    from importlib import resources

    return resources.files("armgen.spec").joinpath("sample", name).read_text("utf-8")


@click.command(epilog=examples("armgen init", "armgen init platform && armgen render --spec platform/mlenv.yaml"))
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
def init(directory: Path, force: bool) -> None:
    """Write a sample mlenv.yaml and datastore_config.json into DIRECTORY (default: here).

    The sample describes the whole platform: shared infrastructure, two work
    packages (vision, nlp) and the environments dev, int and pro.
    """
    existing = [n for n in SAMPLE_FILES if (directory / n).exists()]
    if existing and not force:
        raise ArmgenError(f"{directory / existing[0]} already exists; pass --force to overwrite it")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for name in SAMPLE_FILES:
            (directory / name).write_text(sample_text(name), encoding="utf-8")
    except OSError as exc:
        raise ArmgenError(f"cannot write to {directory}: {exc.strerror or exc}") from None
    for name in SAMPLE_FILES:
        click.echo(f"wrote {directory / name}")
    click.echo("next: armgen render" + ("" if directory == Path(".") else f" --spec {directory / DEFAULT_SPEC}"))
