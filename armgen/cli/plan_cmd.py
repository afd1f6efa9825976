"""``armgen plan``: the deployment units of one environment as a DAG, in order."""

from __future__ import annotations

import json
from pathlib import Path

import click

from armgen.cli.deploy_common import load_plan, unit_option
from armgen.cli.options import env_option, format_option, spec_option


@click.command()
@spec_option
@env_option(required=True)
@unit_option
@format_option("text", "json")
def plan(spec_path: Path, env: str, units: tuple[str, ...], fmt: str) -> None:
    """Print the deployment units of an environment, layer by layer.

    Units in one layer deploy in parallel; a unit starts when every unit it
    depends on has succeeded.
    """
    _, p = load_plan(spec_path, env, units, drift_check=False)
    if fmt == "json":
        click.echo(json.dumps({"environment": env, "units": [{
            "unit": s.name, "layer": s.layer, "template": f"templates/{s.unit.template}.json",
            "parameters": f"parameters/{s.unit.parameter_file(env)}", "scope": s.unit.scope,
            "resourceGroup": s.unit.resource_group, "deployment": s.deployment,
            "dependsOn": list(s.unit.depends_on)} for s in p.steps]}, indent=2))
        return
    click.echo(f"Plan for {env}: {len(p.steps)} units in {len(p.layers())} layers")
    for i, layer in enumerate(p.layers()):
        click.echo(f"\nlayer {i}:")
        for s in layer:
            where = "subscription" if s.at_subscription else s.unit.resource_group
            deps = f"  <- {', '.join(s.unit.depends_on)}" if s.unit.depends_on else ""
            click.echo(f"  {s.name:<28} {where:<22} {s.deployment}{deps}")
