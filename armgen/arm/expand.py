"""expand(): a whole deployment evaluated offline, nested deployments flattened, in deployable order."""

from __future__ import annotations

from dataclasses import dataclass, field

from armgen.arm.context import DeploymentContext
from armgen.arm.errors import ArmError
from armgen.arm.linked import TemplateLoader
from armgen.arm.state import PlaceholderState, StateProvider
from armgen.arm.template import TemplateEngine
from armgen.arm.values import PlaceholderObject

SHOWN_FIRST = ("id", "type", "apiVersion", "name")


@dataclass
class ExpandedResource:
    """One resource as it would be deployed: full id, evaluated body, the nested deployment it came from."""

    id: str
    body: dict
    instance: object = field(repr=False)
    deployment: str | None = None  # id of the nested deployment that declares it (None: top level)

    def to_dict(self) -> dict:
        data = {"id": self.id, **self.body}
        if self.deployment:
            data["deployment"] = self.deployment
        return plain(data)


@dataclass
class ExpandedDeployment:
    resources: list[ExpandedResource]
    outputs: dict[str, dict]
    existing: list[str] = field(default_factory=list)  # ids of `existing` resources referenced

    def to_dict(self) -> dict:
        """``{"resources": [...], "outputs": {...}}``, JSON-ready."""
        return {"resources": [r.to_dict() for r in self.resources], "outputs": plain(self.outputs)}

    as_dict = to_dict


def plain(value: object) -> object:
    """JSON-ready copy; an unresolved placeholder object reads as its ``[reference(...)]`` text."""
    if isinstance(value, PlaceholderObject) and not value:
        return value.text
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _wrap(value: object, origin: str) -> object:
    if isinstance(value, dict):
        return PlaceholderObject(origin, {k: _wrap(v, f"{origin}.{k}") for k, v in value.items()})
    if isinstance(value, list):
        return [_wrap(v, f"{origin}[{i}]") for i, v in enumerate(value)]
    return value


class RecordingState:
    """Answers reference() from bodies evaluated earlier in the same expansion, else from ``inner``."""

    def __init__(self, inner: StateProvider | None = None) -> None:
        self.inner = inner or PlaceholderState()
        self.bodies: dict[str, dict] = {}
        self.deployment_outputs: dict[str, dict] = {}

    def record(self, resource_id: str, body: dict) -> None:
        self.bodies[resource_id.lower()] = body

    def record_outputs(self, deployment_id: str, outputs: dict) -> None:
        self.deployment_outputs[deployment_id.lower()] = outputs

    def reference(self, resource_id: str, api_version: str | None, full: bool) -> dict:
        key = resource_id.lower()
        if key not in self.bodies:
            return self.inner.reference(resource_id, api_version, full)
        body = self.bodies[key]
        origin = f"reference('{resource_id}')"
        properties = dict(body.get("properties") or {}) if isinstance(body.get("properties"), dict) else {}
        properties.setdefault("provisioningState", "Succeeded")
        if key in self.deployment_outputs:
            properties = {"outputs": self.deployment_outputs[key], "provisioningState": "Succeeded"}
        props = _wrap(properties, origin)
        if not full:
            return props
        full_body = {k: v for k, v in body.items() if k != "properties"}
        full_body.update(id=resource_id, apiVersion=api_version or body.get("apiVersion"))
        wrapped = _wrap(full_body, f"reference('{resource_id}', '{api_version}', 'Full')")
        wrapped["properties"] = props
        return wrapped

    def list_keys(self, resource_id: str, function_name: str, api_version: str | None) -> dict:
        return self.inner.list_keys(resource_id, function_name, api_version)

    def exists(self, resource_id: str) -> bool:
        return resource_id.lower() in self.bodies or self.inner.exists(resource_id)


def expand(template: dict, parameters: dict | None, context: DeploymentContext,
           state: StateProvider | None = None, loader: TemplateLoader | None = None) -> ExpandedDeployment:
    """Evaluate everything; raises ArmError on the first problem. ``loader`` resolves ``templateLink``s."""
    recording = RecordingState(state)
    engine = TemplateEngine(template, parameters or {}, context, state=recording, loader=loader)
    return expand_engine(engine, recording)


def expand_engine(engine: TemplateEngine, state: RecordingState, deployment: str | None = None) -> ExpandedDeployment:
    resources: list[ExpandedResource] = []
    existing = [i.id for i in engine.instances if i.existing and i.condition]
    for layer in engine.layers():
        for inst in layer:
            if inst.existing:
                continue
            body = engine.evaluate_resource(inst, state)
            state.record(inst.id, body)
            props = inst.declaration.get("properties")
            if inst.is_nested_deployment and isinstance(props, dict) and (
                    isinstance(props.get("template"), dict) or ("templateLink" in props and engine.loader)):
                nested = engine.nested_engine(inst, state)
                try:
                    child = expand_engine(nested, state, inst.id)
                except ArmError as err:
                    raise err.at(inst.path + ["properties", "template" if "template" in props else "templateLink"]) from None
                state.record_outputs(inst.id, child.outputs)
                shown = dict(body)
                shown["properties"] = {k: v for k, v in (body.get("properties") or {}).items() if k != "template"}
                resources.append(ExpandedResource(inst.id, shown, inst, deployment))
                resources.extend(child.resources)
                existing.extend(child.existing)
            else:
                resources.append(ExpandedResource(inst.id, body, inst, deployment))
    return ExpandedDeployment(resources, engine.outputs(state), existing)
