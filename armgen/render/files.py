"""Everything ``armgen render`` produces, as a mapping of relative path -> file text."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import jinja2

from armgen import __version__
from armgen.catalog import PARAMETERS_SCHEMA, SUBSCRIPTION_TEMPLATE_SCHEMA, TEMPLATE_SCHEMA, api
from armgen.defaults import RENDER_FORMATS
from armgen.errors import ArmgenError
from armgen.privatelink import MAX_ZONES_PER_GROUP, ZONE_EXPRESSIONS
from armgen.render.jsonfmt import dumps
from armgen.render.units import SUBSCRIPTION, KeyVaultReference, Unit, units_for
from armgen.spec.model import Spec

TEMPLATES_DIR = "templates"
PARAMETERS_DIR = "parameters"


@cache
def _jinja() -> jinja2.Environment:
    root = resources.files("armgen.render").joinpath("jinja")
    loader = jinja2.FunctionLoader(lambda name: root.joinpath(name).read_text("utf-8"))
    env = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, autoescape=False,
                             keep_trailing_newline=True)
    env.globals.update(api=api, version=__version__, zone_expressions=ZONE_EXPRESSIONS, max_zones=MAX_ZONES_PER_GROUP)
    return env


def template_names() -> list[str]:
    """The resource kinds armgen renders a template for."""
    root = resources.files("armgen.render").joinpath("jinja")
    return sorted(p.name[:-len(".json.j2")] for p in root.iterdir() if p.name.endswith(".json.j2"))


def render_template(kind: str, scope: str) -> dict:
    """One ARM template as a JSON value; a Jinja or JSON mistake is armgen's own bug, reported plainly."""
    schema = SUBSCRIPTION_TEMPLATE_SCHEMA if scope == SUBSCRIPTION else TEMPLATE_SCHEMA
    text = _jinja().get_template(f"{kind}.json.j2").render(schema=schema)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:  # pragma: no cover - guarded by the snapshot tests
        raise ArmgenError(f"internal error: template {kind} rendered invalid JSON ({exc})") from None


def parameter_file(unit: Unit) -> dict:
    """The deploymentParameters document of one unit."""
    return {
        "$schema": PARAMETERS_SCHEMA,
        "contentVersion": "1.0.0.0",
        "parameters": {name: value.as_parameter() if isinstance(value, KeyVaultReference) else {"value": value}
                       for name, value in unit.parameters.items()},
    }


FORMATS = RENDER_FORMATS


def render_all(spec: Spec, envs: list[str] | None = None, formats: tuple[str, ...] = ("arm",)) -> dict[str, str]:
    """The ARM and Bicep files (relative path -> text) for the chosen environments (default: all) and formats:
    ``arm`` (templates/, parameters/) and ``bicep`` (bicep/, translated from the ARM). The release pipeline is
    not rendered here: ``armgen.build.build_files`` adds it."""
    files: dict[str, str] = {}
    scopes: dict[str, str] = {}
    documents: list[tuple[str, str, str, dict]] = []
    for env_name in envs or list(spec.environments):
        env = spec.env(env_name)
        for unit in units_for(env):
            scopes[unit.template] = unit.scope
            document = parameter_file(unit)
            documents.append((unit.name, unit.template, env.name, document))
            files[f"{PARAMETERS_DIR}/{unit.parameter_file(env.name)}"] = dumps(document)
    templates = {kind: render_template(kind, scopes.get(kind, "resourceGroup")) for kind in template_names()}
    for kind, template in templates.items():
        files[f"{TEMPLATES_DIR}/{kind}.json"] = dumps(template)
    if "arm" not in formats:
        files.clear()
    if "bicep" in formats:
        from armgen.render.bicep_files import bicep_files

        files.update(bicep_files(templates, documents))
    return dict(sorted(files.items()))
