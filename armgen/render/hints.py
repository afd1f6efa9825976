"""The one wording of "run armgen render" hints, naming the rendered folder in use (``--out DIR``)."""

from __future__ import annotations

from pathlib import Path


def render_command(out_dir: Path | None) -> str:
    """``armgen render``, with ``--out DIR`` when the rendered folder is not the spec's."""
    return "armgen render" + (f" --out {out_dir}" if out_dir is not None else "")


def nothing_rendered(templates: Path, out_dir: Path | None) -> str:
    """The message for a rendered folder without ``templates/``: the render that writes it, and ``--out``
    when none was given (the files may have been rendered elsewhere)."""
    hint = "" if out_dir is not None else " (or pass --out DIR, the folder 'armgen render --out DIR' wrote)"
    return f"{templates}: nothing rendered yet; run '{render_command(out_dir)}' first{hint}"
