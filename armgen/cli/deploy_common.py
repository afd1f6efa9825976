"""What the commands that read rendered files share: spec + rendered folder -> plan."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from armgen.errors import ArmgenError, InputError

if TYPE_CHECKING:
    from armgen.deploy.plan import Plan
    from armgen.spec import Spec


def rendered_root(spec_path: Path, out_dir: Path | None) -> Path:
    """The folder holding templates/ and parameters/: ``--out`` when given, else the spec's folder."""
    return out_dir if out_dir is not None else spec_path.parent


def load_plan(spec_path: Path, env: str, units: tuple[str, ...] = (), drift_check: bool = True,
              out_dir: Path | None = None) -> tuple[Spec, Plan]:
    """The plan of ``env`` from the rendered folder; refuses when its files no longer match the spec."""
    from armgen.build import build_files
    from armgen.deploy.plan import build_plan
    from armgen.render.datastore_guard import refuse_lost_datastores
    from armgen.render.hints import nothing_rendered, render_command
    from armgen.render.writer import check
    from armgen.spec import load_spec

    spec = load_spec(spec_path)
    spec.env(env)
    root = rendered_root(spec_path, out_dir)
    if not (root / "templates").is_dir():
        raise InputError(nothing_rendered(root / "templates", out_dir))
    refuse_lost_datastores(spec, root, [env], consequence="the plan would leave out")
    if drift_check:
        drifts = check(root, build_files(spec, [env]), [env])
        if drifts:
            shown = ", ".join(d.path for d in drifts[:3]) + (f" (+{len(drifts) - 3} more)" if len(drifts) > 3 else "")
            render = render_command(out_dir)
            raise ArmgenError(f"{len(drifts)} rendered file(s) differ from {spec_path.name}: {shown}; "
                              f"'{render} --check' shows the diff, '{render}' updates them (review the "
                              "change, then deploy)")
    return spec, build_plan(spec, env, root, list(units) or None)
