"""``armgen plan``: the deployment units of one environment as a DAG, in order."""

from __future__ import annotations

import json
from pathlib import Path

import click

from armgen.cli.deploy_common import load_plan
from armgen.cli.options import (
    env_option,
    examples,
    format_option,
    out_option,
    output_option,
    spec_option,
    unit_option,
    write_output,
)


@click.command(epilog=examples("armgen plan --env int",
                               "armgen plan --env pro --unit mlworkspace-vision --format json -o plan-pro.json",
                               "armgen plan --env int --spec platform/mlenv.yaml --out build"))
@spec_option
@out_option
@env_option(required=True)
@unit_option
@format_option("text", "json")
@output_option
def plan(spec_path: Path, out_dir: Path | None, env: str, units: tuple[str, ...], fmt: str,
         output: Path | None) -> None:
    """Print the deployment units of an environment, layer by layer.

    Units in one layer deploy in parallel; a unit starts when every unit it
    depends on has succeeded.
    """
    _, p = load_plan(spec_path, env, units, drift_check=False, out_dir=out_dir)
    if fmt == "json":
        text = json.dumps({"environment": env, "units": [{
            "unit": s.name, "layer": s.layer, "template": f"templates/{s.unit.template}.json",
            "parameters": f"parameters/{s.unit.parameter_file(env)}", "scope": s.unit.scope,
            "resourceGroup": s.unit.resource_group, "deployment": s.deployment,
            "dependsOn": list(s.unit.depends_on)} for s in p.steps]}, indent=2) + "\n"
    else:
        lines = [f"Plan for {env}: {len(p.steps)} units in {len(p.layers())} layers"]
        for i, layer in enumerate(p.layers()):
            lines.append(f"\nlayer {i}:")
            for s in layer:
                where = "subscription" if s.at_subscription else s.unit.resource_group
                deps = f"  <- {', '.join(s.unit.depends_on)}" if s.unit.depends_on else ""
                lines.append(f"  {s.name:<28} {where:<22} {s.deployment}{deps}")
        text = "\n".join(lines) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, text)
    click.echo(f"plan of {env}: {len(p.steps)} units, written to {output}", err=True)
