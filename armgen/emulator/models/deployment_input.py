"""Turn a deployment request into an engine: unwrap parameters, build the context, preflight checks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from armgen.arm import ArmError, DeploymentContext
from armgen.emulator.models import naming_rules
from armgen.emulator.models.errors import ArmHttpError, bad_request
from armgen.emulator.models.ids import parse_resource_id
from armgen.emulator.models.template_specs import TemplateSpecLoader


@dataclass
class Prepared:
    name: str
    scope_id: str
    template: dict[str, Any]
    parameters: dict[str, Any]
    context: DeploymentContext
    engine: Any
    mode: str
    location: str | None


def _engine_class() -> Any:
    from armgen.arm import TemplateEngine  # the engine lands in armgen.arm (see ENGINE-CONTRACT)

    return TemplateEngine


def invalid_template(message: str) -> ArmHttpError:
    return bad_request("InvalidTemplate", f"Deployment template validation failed: '{message}'.")


def _parameters(host: Any, raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise bad_request("InvalidDeploymentParameterValue", "The deployment parameters must be an object.")
    out: dict[str, Any] = {}
    for name, entry in raw.items():
        if not isinstance(entry, dict) or not ({"value", "reference"} & entry.keys()):
            raise bad_request("InvalidDeploymentParameterValue",
                              f"The value of deployment parameter '{name}' is null or not an object with "
                              "'value' or 'reference'. Please see https://aka.ms/arm-create-parameter-file "
                              "for usage details.", target=name)
        out[name] = entry["value"] if "value" in entry else _key_vault_secret(host, name, entry["reference"])
    return out


def _key_vault_secret(host: Any, name: str, ref: dict[str, Any]) -> str:
    """A Key Vault reference resolves when the vault exists (the secret value itself is emulated)."""
    vault_id = ((ref or {}).get("keyVault") or {}).get("id", "")
    secret = (ref or {}).get("secretName", "")
    if not vault_id or not secret or host.resources.raw(vault_id) is None:
        raise bad_request("KeyVaultParameterReferenceSecretRetrieveFailed",
                          f"Failed to retrieve secret '{secret}' for parameter '{name}': the key vault "
                          f"'{vault_id}' was not found.", target=name)
    return f"emulated-secret-{parse_resource_id(vault_id).names[0]}-{secret}"


def _context(host: Any, scope_id: str, name: str, body: dict[str, Any]) -> tuple[DeploymentContext, str | None]:
    tenant = host.config.tenant_id
    if not scope_id.lower().startswith("/subscriptions/"):
        return _tenant_level_context(host, scope_id, name, body)
    rid = parse_resource_id(scope_id + "/providers/x/y/z")
    if rid.resource_group:
        group = host.groups.get(rid.subscription, rid.resource_group)
        ctx = DeploymentContext(subscription_id=rid.subscription, tenant_id=tenant,
                                resource_group=group["name"], location=group["location"], deployment_name=name,
                                scope="resourceGroup", resource_group_location=group["location"],
                                resource_group_tags=dict(group.get("tags") or {}))
        return ctx, group["location"]
    location = body.get("location")
    if not location:
        raise bad_request("LocationRequired", "The location property is required for this definition.")
    ctx = DeploymentContext(subscription_id=rid.subscription, tenant_id=tenant, resource_group=None,
                            location=location, deployment_name=name, scope="subscription")
    return ctx, location


def _tenant_level_context(host: Any, scope_id: str, name: str,
                          body: dict[str, Any]) -> tuple[DeploymentContext, str | None]:
    """A management-group (``/providers/Microsoft.Management/managementGroups/x``) or tenant ("") deployment:
    a location is required, as at subscription scope."""
    location = body.get("location")
    if not location:
        raise bad_request("LocationRequired", "The location property is required for this definition.")
    base = DeploymentContext(subscription_id=host.config.subscription_id, tenant_id=host.config.tenant_id,
                             resource_group=None, location=location, deployment_name=name)
    if scope_id:
        return base.for_management_group(scope_id.rsplit("/", 1)[-1], deployment_name=name), location
    return base.for_tenant(deployment_name=name), location


def prepare(host: Any, scope_id: str, name: str, body: dict[str, Any]) -> Prepared:
    props = body.get("properties")
    if not isinstance(props, dict):
        raise bad_request("InvalidRequestContent", "The request content must have 'properties'.")
    loader = TemplateSpecLoader(host.resources)
    link = props.get("templateLink")
    if props.get("parametersLink") or (link and not (isinstance(link, dict) and isinstance(link.get("id"), str))):
        raise bad_request("InvalidContentLink", "The emulator cannot download linked templates or parameters "
                                                "(no network); send the template inline or deploy a template spec.")
    template = props.get("template")
    if link:  # a template spec version, deployable by id
        template, loader = loader.version(link["id"])
    if not isinstance(template, dict):
        raise bad_request("InvalidRequestContent", "The deployment must carry 'properties.template'.")
    mode = str(props.get("mode") or "Incremental")
    if mode.lower() not in ("incremental", "complete"):
        raise bad_request("InvalidDeploymentMode", f"The deployment mode '{mode}' is not supported.")
    if mode.lower() == "complete" and "/resourcegroups/" not in scope_id.lower():
        raise bad_request("InvalidDeploymentMode", "Complete mode is only supported at resource group scope.")
    parameters = _parameters(host, props.get("parameters"))
    ctx, location = _context(host, scope_id, name, body)
    try:
        engine = _engine_class()(template, parameters, ctx, loader=loader)
        engine.layers()
    except ArmError as err:
        raise invalid_template(err.located()) from err
    return Prepared(name, scope_id, template, parameters, ctx, engine,
                    "Complete" if mode.lower() == "complete" else "Incremental", location)


def preflight(host: Any, prepared: Prepared, name: str, global_names: bool) -> list[str]:
    """ARM's preflight: resource names (and, for validate, global name collisions). Returns checked ids."""
    errors: list[dict[str, Any]] = []
    checked: list[str] = []
    for inst in prepared.engine.instances:
        if not inst.condition or inst.existing or inst.is_nested_deployment or "/providers/" not in inst.id:
            continue
        checked.append(inst.id)
        rid = parse_resource_id(inst.id)
        try:
            naming_rules.check_resource_name(rid)
            if global_names:
                naming_rules.check_global_name(host.store, rid)
        except ArmHttpError as err:
            errors.append(err.detail())
    if errors:
        tracking = str(uuid.uuid4())
        raise ArmHttpError(400, "InvalidTemplateDeployment",
                           f"The template deployment '{name}' is not valid according to the validation procedure. "
                           f"The tracking id is '{tracking}'. See inner errors for details.",
                           details=[{"code": "PreflightValidationCheckFailed",
                                     "message": "Preflight validation failed. Please refer to the details for "
                                                "the specific errors.", "details": errors}])
    return checked
