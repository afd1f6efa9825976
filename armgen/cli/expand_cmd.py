"""``armgen expand``: what a template becomes — resources with ids and evaluated bodies, and outputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from armgen.cli.options import env_option, examples, spec_option
from armgen.errors import InputError, SourceError

if TYPE_CHECKING:
    from armgen.jsonmarks import MarkedJson

SCOPES_BY_SCHEMA = {"subscriptiondeploymenttemplate.json": "subscription",
                    "managementgroupdeploymenttemplate.json": "managementGroup",
                    "tenantdeploymenttemplate.json": "tenant"}


@click.command(epilog=examples("armgen expand templates/keyvault.json --env dev",
                               "armgen expand azuredeploy.json --parameters azuredeploy.parameters.json "
                               "--resource-group rg-demo"))
@click.argument("template", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--parameters", "parameters_file", type=click.Path(path_type=Path, dir_okay=False),
              help="ARM parameter file (default with --env: ../parameters/<template>.parameters.<env>.json if "
                   "exactly one matches).")
@env_option()
@spec_option
@click.option("--subscription", metavar="ID", help="Subscription id (default: the environment's, else zeros).")
@click.option("--resource-group", metavar="NAME", help="Resource group (default: with --env the group of the "
                                                       "parameter file's unit, else armgen-rg).")
@click.option("--location", metavar="LOC", help="Location (default: the environment's, else westeurope).")
@click.option("--tenant", metavar="ID", help="Tenant id (default: the environment's, else zeros).")
@click.option("--management-group", metavar="NAME", default="armgen-mg", show_default=True,
              help="Management group of a managementGroupDeploymentTemplate.")
@click.option("--deployment-name", default="armgen", show_default=True, help="Name deployment() returns.")
def expand(template: Path, parameters_file: Path | None, env: str | None, spec_path: Path,
           subscription: str | None, resource_group: str | None, location: str | None, tenant: str | None,
           management_group: str, deployment_name: str) -> None:
    """Print TEMPLATE fully evaluated offline as JSON: {"resources": [...], "outputs": {...}}.

    \b
    Resources come in a deployable order with full ids; nested inline deployments are flattened
    (each nested resource names its "deployment"). reference()/list*() of resources outside the
    template read as "[reference(...)]" placeholders.
    """
    from armgen.arm import ArmError, DeploymentContext
    from armgen.arm import expand as expand_template
    from armgen.arm.context import (
        DEFAULT_LOCATION,
        DEFAULT_RESOURCE_GROUP,
        DEFAULT_SUBSCRIPTION,
        DEFAULT_TENANT,
    )

    template_doc = _read_json(template, "template")
    doc = template_doc.data
    if not isinstance(doc, dict):
        raise SourceError(str(template), 1, 1, "", "a template must be a JSON object")
    schema = str(doc.get("$schema", "")).lower()
    scope = next((s for marker, s in SCOPES_BY_SCHEMA.items() if marker in schema), "resourceGroup")
    defaults = {"subscription": DEFAULT_SUBSCRIPTION, "tenant": DEFAULT_TENANT, "location": DEFAULT_LOCATION,
                "resource_group": DEFAULT_RESOURCE_GROUP}
    if env:
        if parameters_file is None:
            parameters_file = _paired_parameters(template, env)
        beside = template.resolve().parent.parent / spec_path.name  # the rendered layout: templates/ next to the spec
        if not spec_path.exists() and not spec_path.is_absolute() and beside.is_file():
            spec_path = beside
        defaults.update(_environment_defaults(spec_path, env, parameters_file))
    params_doc = _read_json(parameters_file, "parameters") if parameters_file else None
    parameters = _parameter_values(params_doc.data, parameters_file) if params_doc and parameters_file else {}
    location = location or defaults["location"]
    context = DeploymentContext(
        subscription_id=subscription or defaults["subscription"], tenant_id=tenant or defaults["tenant"],
        resource_group=(resource_group or defaults["resource_group"]) if scope == "resourceGroup" else None,
        location=location, deployment_name=deployment_name, scope=scope, resource_group_location=location,
        management_group=management_group if scope == "managementGroup" else None)
    from armgen.arm.linked import FileTemplateLoader

    try:
        result = expand_template(doc, parameters, context, loader=FileTemplateLoader(template.resolve().parent))
    except ArmError as err:
        raise _located(err, template_doc, params_doc) from None
    click.echo(json.dumps(result.to_dict(), sort_keys=True, indent=2, ensure_ascii=False))


def _read_json(path: Path, what: str) -> MarkedJson:
    from armgen import jsonmarks

    try:
        return jsonmarks.load(path)
    except InputError as exc:
        if not path.exists():
            raise InputError(f"{path}: {what} file not found; check the path") from None
        raise exc from None


def _parameter_values(doc: object, path: Path) -> dict:
    """Plain values from an ARM parameter file; Key Vault references become placeholders."""
    if not isinstance(doc, dict) or not isinstance(doc.get("parameters", {}), dict):
        raise SourceError(str(path), 1, 1, "", "a parameter file must be an object with a \"parameters\" object")
    for name, entry in doc.get("parameters", {}).items():
        if not isinstance(entry, dict) or not ({"value", "reference"} & entry.keys()):
            raise SourceError(str(path), 1, 1, f"parameters.{name}",
                              "each parameter needs {\"value\": ...} or a Key Vault {\"reference\": ...}")
    from armgen.arm.parameters import file_values

    return file_values(doc.get("parameters", {}))


def _environment_defaults(spec_path: Path, env: str, parameters_file: Path | None) -> dict:
    """Subscription, tenant, location of the environment; the group of the unit the parameter file
    belongs to (else the shared group)."""
    from armgen.spec import load_spec

    environment = load_spec(spec_path).env(env)
    result = {"subscription": environment.subscription_id, "location": environment.location,
              "resource_group": environment.shared.resource_group}
    if environment.tenant_id:
        result["tenant"] = environment.tenant_id
    if parameters_file is not None:
        from armgen.render.units import units_for

        for unit in units_for(environment):
            if unit.parameter_file(env) == parameters_file.name and unit.resource_group:
                result["resource_group"] = unit.resource_group
    return result


def _paired_parameters(template: Path, env: str) -> Path | None:
    folder = template.resolve().parent.parent / "parameters"
    matches = sorted(folder.glob(f"{template.stem}.parameters.{env}.json")) or sorted(
        folder.glob(f"{template.stem}-*.parameters.{env}.json"))
    if len(matches) > 1:
        names = ", ".join(m.name for m in matches)
        raise InputError(f"{template}: several parameter files match environment '{env}' ({names}); "
                         f"choose one with --parameters")
    return matches[0] if matches else None


def _located(err, template: MarkedJson, params: MarkedJson | None) -> InputError:
    """One line ``FILE:LINE:COL: path: message``, located by the JSON parser's marks; parameter value
    problems point into the parameter file."""
    from armgen.jsonmarks import path_text

    path = list(err.path)
    doc = template
    values = params.data.get("parameters") if params is not None and isinstance(params.data, dict) else None
    if params is not None and len(path) == 2 and path[0] == "parameters" and isinstance(values, dict) \
            and path[1] in values:
        doc, path = params, ["parameters", path[1], "value"]
    if err.column and path and isinstance(_value_at(doc.data, path), str):
        line, col = doc.string_position(path, err.column - 1)
    else:
        line, col = doc.value_position(path)
    hint = " (fix the template or the parameter values)"
    return SourceError(doc.file, line, col, path_text(path), f"{err.code}: {err.message}{hint}")


def _value_at(doc: object, path: list) -> object:
    node = doc
    for step in path:
        if isinstance(node, dict) and step in node or isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            node = node[step]
        else:
            return None
    return node
