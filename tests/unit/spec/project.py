"""Helpers for spec and render tests: the shipped sample, small edits of it, and the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from armgen.cli.init_cmd import sample_text
from armgen.cli.main import cli

SPEC = "mlenv.yaml"
DATASTORES = "datastore_config.json"
SAMPLE_SPEC = sample_text(SPEC)
SAMPLE_DATASTORES = sample_text(DATASTORES)

Edit = tuple[str, str]  # (text that occurs exactly once, its replacement)


def edited(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """``text`` with each edit applied; an edit whose anchor is missing or repeated is a test bug."""
    for old, new in edits:
        assert text.count(old) == 1, f"edit anchor must occur exactly once: {old!r}"
        text = text.replace(old, new)
    return text


def write_project(folder: Path, spec: str = SAMPLE_SPEC, datastores: str | None = SAMPLE_DATASTORES) -> Path:
    """Write a spec (and its datastore_config.json unless None) into ``folder``; the spec's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SPEC).write_text(spec, encoding="utf-8")
    if datastores is not None:
        (folder / DATASTORES).write_text(datastores, encoding="utf-8")
    return folder / SPEC


def armgen(*args: str) -> Result:
    """Run the armgen CLI in-process."""
    return CliRunner().invoke(cli, list(args))


def render(spec: Path, *args: str) -> Result:
    return armgen("render", "--spec", str(spec), *args)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative posix path -> bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
