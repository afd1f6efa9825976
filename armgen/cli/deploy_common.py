"""What plan, what-if, deploy and destroy share: spec + rendered files -> plan, target selection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from armgen.defaults import TARGETS
from armgen.errors import ArmgenError, InputError

if TYPE_CHECKING:
    from armgen.deploy.plan import Plan
    from armgen.spec import Spec

F = Callable[..., Any]


def target_option(f: F) -> F:
    return click.option("--target", "target_kind", type=click.Choice(TARGETS), default=None,
                        help="Override the environment's target from the spec.")(f)


def unit_option(f: F) -> F:
    return click.option("--unit", "units", multiple=True, metavar="NAME",
                        help="Only this unit (repeatable); see 'armgen plan'.")(f)


def load_plan(spec_path: Path, env: str, units: tuple[str, ...] = (), drift_check: bool = True) -> tuple[Spec, Plan]:
    """The plan of ``env``; refuses when the rendered files no longer match the spec."""
    from armgen.build import build_files
    from armgen.deploy.plan import build_plan
    from armgen.render.writer import check
    from armgen.spec import load_spec

    spec = load_spec(spec_path)
    spec.env(env)
    root = spec_path.parent
    if drift_check:
        drifts = check(root, build_files(spec, [env]), [env])
        if drifts and all(d.kind == "missing" for d in drifts) and not (root / "templates").is_dir():
            raise InputError(f"{root / 'templates'}: nothing rendered yet; run 'armgen render' first")
        if drifts:
            shown = ", ".join(d.path for d in drifts[:3]) + (f" (+{len(drifts) - 3} more)" if len(drifts) > 3 else "")
            raise ArmgenError(f"{len(drifts)} rendered file(s) differ from {spec_path.name}: {shown}; "
                              "'armgen render --check' shows the diff, 'armgen render' updates them (review the "
                              "change, then deploy)")
    return spec, build_plan(spec, env, root, list(units) or None)
