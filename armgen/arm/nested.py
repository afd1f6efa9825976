"""Nested inline deployments (Microsoft.Resources/deployments): inner and outer evaluation scope."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from armgen.arm.errors import ArmError
from armgen.arm.instances import ResourceInstance
from armgen.arm.values import PlaceholderObject

if TYPE_CHECKING:
    from armgen.arm.context import DeploymentContext
    from armgen.arm.state import StateProvider
    from armgen.arm.template import TemplateEngine

RESOURCE_GROUPS = "microsoft.resources/resourcegroups"


def evaluation_scope(declaration: dict) -> str:
    """"inner" or "outer" (ARM's default) from properties.expressionEvaluationOptions.scope."""
    props = declaration.get("properties") or {}
    options = props.get("expressionEvaluationOptions") if isinstance(props, dict) else None
    return str(options.get("scope", "outer")).lower() if isinstance(options, dict) else "outer"


def nested_engine(engine: TemplateEngine, instance: ResourceInstance, state: StateProvider) -> TemplateEngine:
    """A TemplateEngine for the nested deployment ``instance`` of ``engine``."""
    from armgen.arm.template import TemplateEngine

    if not instance.is_nested_deployment:
        raise ArmError(f"The resource '{instance.id}' is not a nested deployment.", path=instance.path)
    raw_props = instance.declaration.get("properties") or {}
    if not isinstance(raw_props, dict):
        raise ArmError(f"The nested deployment '{instance.name}' properties must be an object.",
                       path=instance.path + ["properties"])
    body = engine.evaluate_resource(instance, state)
    props = body.get("properties") or {}
    if not isinstance(props.get("parameters") or {}, dict):
        raise ArmError("The nested deployment 'parameters' must be an object.",
                       path=instance.path + ["properties", "parameters"])
    template, loader, linked = raw_props.get("template"), engine.loader, False
    if not isinstance(template, dict):
        if "templateLink" not in raw_props:
            raise ArmError(f"The nested deployment '{instance.name}' has no inline 'template'.",
                           path=instance.path + ["properties"])
        link_path = instance.path + ["properties", "templateLink"]
        if loader is None:
            raise ArmError(f"The nested deployment '{instance.name}' uses 'templateLink', which cannot be "
                           f"expanded offline; inline the template to expand it.", code="NotSupported",
                           path=link_path)
        if "parametersLink" in props:
            raise ArmError("A 'parametersLink' cannot be read offline; pass 'parameters' inline.",
                           code="NotSupported", path=instance.path + ["properties", "parametersLink"])
        try:
            template, loader = loader.load(props.get("templateLink") or {})
        except ArmError as err:
            raise err.at(link_path) from None
        linked = True
    target = _target_context(engine, instance, body, state)
    if linked or evaluation_scope(instance.declaration) == "inner":
        parameters = {}
        for name, entry in (props.get("parameters") or {}).items():
            parameters[name] = _parameter_value(name, entry, instance)
        try:
            return TemplateEngine(template, parameters, target, state=state, now=engine.now, loader=loader,
                                  depth=engine.depth + 1)
        except ArmError as err:
            raise err.at(instance.path + ["properties", "templateLink" if linked else "template"]) from None
    return TemplateEngine(template, {}, engine.context, parent=engine, outer=True,
                          parent_frames=instance.copy_indices, target=target, state=state)


def _parameter_value(name: str, entry: object, instance: ResourceInstance) -> object:
    if isinstance(entry, dict) and "value" in entry:
        return entry["value"]
    if isinstance(entry, dict) and "reference" in entry:
        secret = (entry.get("reference") or {}).get("secretName", name)
        return PlaceholderObject(f"keyVaultSecret('{secret}')").text
    raise ArmError(f"The nested deployment parameter '{name}' must be an object with 'value' or 'reference'.",
                   path=instance.path + ["properties", "parameters", name])


def _target_context(engine: TemplateEngine, instance: ResourceInstance, body: dict,
                    state: StateProvider) -> DeploymentContext:
    parent = engine.target
    scoped = _explicit_scope(parent, instance)
    if scoped is not None:
        return scoped
    sub = instance.target_subscription or parent.subscription_id
    group = instance.target_resource_group
    if group:
        location = _group_location(engine, sub, group, state)
        tags = {}
        return parent.for_resource_group(group, sub, location, deployment_name=instance.name, tags=tags)
    if instance.target_subscription:
        return parent.for_subscription(sub, deployment_name=instance.name)
    if parent.scope != "resourceGroup":
        return replace(parent, deployment_name=instance.name, location=body.get("location") or parent.location)
    return replace(parent, deployment_name=instance.name)


def _explicit_scope(parent: DeploymentContext, instance: ResourceInstance) -> DeploymentContext | None:
    """A deployment's ``scope`` property (management group, subscription or group) as its target."""
    if instance.scope_id is None:
        return None
    segments = [s for s in instance.scope_id.split("/") if s]
    lower = [s.lower() for s in segments]
    if lower[:3] == ["providers", "microsoft.management", "managementgroups"] and len(segments) == 4:
        return parent.for_management_group(segments[3], deployment_name=instance.name)
    if lower[:1] == ["subscriptions"] and len(segments) == 2:
        return parent.for_subscription(segments[1], deployment_name=instance.name)
    if lower[:1] == ["subscriptions"] and len(segments) == 4 and lower[2] == "resourcegroups":
        return parent.for_resource_group(segments[3], segments[1], parent.location, deployment_name=instance.name)
    if not segments:
        return parent.for_tenant(deployment_name=instance.name)
    return None


def _group_location(engine: TemplateEngine, subscription: str, group: str, state: StateProvider) -> str:
    """Location of a resource group created in this template, else of the current one, else the default."""
    for candidate in engine.lookup_chain():
        for inst in candidate.instances:
            if inst.type.lower() == RESOURCE_GROUPS and inst.name.lower() == group.lower() and \
                    f"/subscriptions/{subscription}/".lower() in inst.id.lower() + "/":
                location = candidate.evaluate_resource(inst, state).get("location")
                if isinstance(location, str):
                    return location
    parent = engine.target
    if parent.resource_group and parent.resource_group.lower() == group.lower():
        return parent.resource_group_location or parent.location
    try:  # a group that already exists: the state provider may know it (the emulator does)
        known = state.reference(f"/subscriptions/{subscription}/resourceGroups/{group}", "2022-09-01", True)
        location = known.get("location") if isinstance(known, dict) else None
    except ArmError:
        location = None
    return location if isinstance(location, str) and location else parent.location
