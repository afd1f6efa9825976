"""Everything ``armgen render`` writes: the ARM (and Bicep) files, then the release pipeline that deploys them."""

from __future__ import annotations

from armgen.pipeline import render_ado
from armgen.render.files import render_all
from armgen.spec.model import Spec


def build_files(spec: Spec, envs: list[str] | None = None, formats: tuple[str, ...] = ("arm",)) -> dict[str, str]:
    """Every output file (relative path -> text) for the chosen environments (default: all) and formats:
    ``arm`` (templates/, parameters/ and the staged release pipeline of all environments) and ``bicep``."""
    files = render_all(spec, envs, formats)
    if "arm" in formats:
        files.update(render_ado(spec))
    return dict(sorted(files.items()))
