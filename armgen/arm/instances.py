"""Concrete resources: a template's declarations expanded by copy, condition and child nesting."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from armgen.arm.copy import evaluate_count
from armgen.arm.errors import ArmError
from armgen.arm.resource_ids import build_id, type_and_name_path
from armgen.arm.values import is_type

if TYPE_CHECKING:
    from armgen.arm.evaluator import Evaluator
    from armgen.arm.template import TemplateEngine

DEPLOYMENTS = "microsoft.resources/deployments"


@dataclass
class ResourceInstance:
    """One concrete resource. ``depends_on`` holds full ids (resolved); ``path`` is its JSON path."""

    symbolic: str | None
    id: str
    type: str
    name: str
    api_version: str
    depends_on: list[str] = field(default_factory=list)
    existing: bool = False
    condition: bool = True
    scope_id: str | None = None
    is_nested_deployment: bool = False
    path: list = field(default_factory=list)
    copy_name: str | None = None
    copy_index: int | None = None
    copy_mode: str | None = None  # "parallel" | "serial"
    batch_size: int | None = None
    parent_id: str | None = None
    target_subscription: str | None = None  # subscriptionId/resourceGroup properties (cross-scope)
    target_resource_group: str | None = None
    raw_depends_on: list[str] = field(default_factory=list, repr=False)
    unresolved_depends_on: list[tuple[int, str]] = field(default_factory=list, repr=False)
    declaration: dict = field(default_factory=dict, repr=False)
    copy_indices: dict = field(default_factory=dict, repr=False)

    @property
    def deployable(self) -> bool:
        """Condition true and not an ``existing`` reference."""
        return self.condition and not self.existing


class InstanceBuilder:
    """Walks ``resources`` (array, or object of symbolic names) producing ``ResourceInstance`` s."""

    def __init__(self, engine: TemplateEngine) -> None:
        self.engine = engine
        self.instances: list[ResourceInstance] = []
        self.by_symbolic: dict[str, list[ResourceInstance]] = {}
        self.declared_loops: set[str] = set()  # copy-loop and symbolic names, even when they yield nothing

    def build(self, resources: object) -> list[ResourceInstance]:
        if isinstance(resources, dict):
            items = list(resources.items())
            for symbolic, decl in items:
                self._declaration(decl, ["resources", symbolic], symbolic, None, {})
        elif isinstance(resources, list):
            for i, decl in enumerate(resources):
                self._declaration(decl, ["resources", i], None, None, {})
        elif resources is not None:
            raise ArmError("The template 'resources' section must be an array or an object.", path=["resources"])
        return self.instances

    def _declaration(self, decl: object, path: list, symbolic: str | None, parent: ResourceInstance | None,
                     frames: dict) -> None:
        if symbolic:
            self.declared_loops.add(symbolic.lower())
        if not isinstance(decl, dict):
            raise ArmError("A template resource must be an object.", path=path)
        for required in ("type", "name"):
            if required not in decl:
                raise ArmError(f"The template resource is missing the required property '{required}'.", path=path)
        copy = decl.get("copy")
        if copy is None:
            self._instance(decl, path, symbolic, parent, frames, None)
            return
        if not isinstance(copy, dict):
            raise ArmError("The resource 'copy' property must be an object.", path=path + ["copy"])
        ev = self.engine.evaluator(frames=frames, allow_reference=False)
        name = ev.evaluate_value(copy.get("name"), path + ["copy", "name"])
        if not isinstance(name, str) or not name:
            raise ArmError("The copy is missing the required property 'name'.", path=path + ["copy"])
        self.declared_loops.add(name.lower())
        count = evaluate_count(ev, copy, path + ["copy"])
        mode = str(ev.evaluate_value(copy.get("mode", "parallel"))).lower()
        if mode not in ("parallel", "serial"):
            raise ArmError(f"The copy mode '{mode}' is not valid; use 'Parallel' or 'Serial'.",
                           path=path + ["copy", "mode"])
        batch = ev.evaluate_value(copy.get("batchSize", 1 if mode == "serial" else None))
        if batch is not None and (not is_type(batch, "Integer") or batch < 1):
            raise ArmError(f"The copy batchSize '{batch}' must be a positive integer.", path=path + ["copy", "batchSize"])
        for index in range(count):
            loop_frames = {**frames, None: index, name.lower(): index}
            self._instance(decl, path, symbolic, parent, loop_frames, (name, index, mode, batch))

    def _instance(self, decl: dict, path: list, symbolic: str | None, parent: ResourceInstance | None,
                  frames: dict, copy: tuple | None) -> None:
        engine = self.engine
        condition = self._condition(decl, path, parent, frames)
        ev = engine.evaluator(frames=frames, allow_reference=False)
        try:
            rtype, api, name, sub, group, scope_id, rid, depends = self._evaluate_identity(ev, decl, path, parent)
        except ArmError:
            if condition:
                raise
            # ARM evaluates a resource whose condition is false no further than the condition: its name,
            # properties and dependsOn may be invalid (an unset optional parameter, say); it keeps a
            # placeholder identity so that references to it still resolve.
            rtype, api, name, sub, group, scope_id, rid, depends = self._placeholder_identity(decl, path, parent)
        inst = ResourceInstance(
            symbolic=symbolic, id=rid, type=rtype, name=name, api_version=str(api or ""),
            existing=bool(decl.get("existing", False)), condition=condition, scope_id=scope_id,
            is_nested_deployment=rtype.lower() == DEPLOYMENTS, path=list(path),
            copy_name=copy[0] if copy else None, copy_index=copy[1] if copy else None,
            copy_mode=copy[2] if copy else None, batch_size=copy[3] if copy else None,
            parent_id=parent.id if parent else None,
            target_subscription=sub if isinstance(sub, str) else None,
            target_resource_group=group if isinstance(group, str) else None,
            raw_depends_on=[str(d) for d in depends if d is not None], declaration=decl, copy_indices=dict(frames))
        self.instances.append(inst)
        if symbolic:
            self.by_symbolic.setdefault(symbolic.lower(), []).append(inst)
        children = decl.get("resources")
        if isinstance(children, list):
            for i, child in enumerate(children):
                self._declaration(child, path + ["resources", i], None, inst, frames)

    def _condition(self, decl: dict, path: list, parent: ResourceInstance | None, frames: dict) -> bool:
        """The resource's condition, evaluated first (a child of a condition-false parent is false too)."""
        if parent is not None and not parent.condition:
            return False
        if "condition" not in decl:
            return True
        cond_ev = self.engine.evaluator(frames=frames)
        condition = cond_ev.evaluate_value(decl["condition"], path + ["condition"])
        if isinstance(condition, str) and condition.lower() in ("true", "false"):
            condition = condition.lower() == "true"
        if not isinstance(condition, bool):
            raise ArmError(f"The template resource condition must evaluate to a boolean; got '{condition}'.",
                           path=path + ["condition"])
        return condition

    def _evaluate_identity(self, ev: Evaluator, decl: dict, path: list, parent: ResourceInstance | None) -> tuple:
        """(type, apiVersion, name, subscriptionId, resourceGroup, scope id, id, dependsOn), evaluated."""
        rtype = _string(ev.evaluate_value(decl["type"], path + ["type"]), "type", path)
        api = ev.evaluate_value(decl.get("apiVersion", ""), path + ["apiVersion"])
        name = _string(ev.evaluate_value(decl["name"], path + ["name"]), "name", path)
        if parent is not None and not ("/" in rtype and "." in rtype.split("/")[0]):
            rtype, name = f"{parent.type}/{rtype}", f"{parent.name}/{name}"
        sub = ev.evaluate_value(decl.get("subscriptionId"), path + ["subscriptionId"])
        group = ev.evaluate_value(decl.get("resourceGroup"), path + ["resourceGroup"])
        scope_id, rid = self._identity(ev, decl, path, parent, rtype, name, sub, group)
        depends = ev.evaluate_value(decl.get("dependsOn", []), path + ["dependsOn"])
        if not isinstance(depends, list):
            raise ArmError("The resource 'dependsOn' property must be an array.", path=path + ["dependsOn"])
        return rtype, api, name, sub, group, scope_id, rid, depends

    def _placeholder_identity(self, decl: dict, path: list, parent: ResourceInstance | None) -> tuple:
        """A condition-false resource's identity where its own expressions cannot be evaluated: literal
        parts as written, the rest as the expression text; dependsOn only as symbolic names."""
        rtype = decl["type"] if isinstance(decl["type"], str) else "Unknown/unknown"
        name = decl["name"] if isinstance(decl["name"], str) else "unknown"
        if parent is not None and not ("/" in rtype and "." in rtype.split("/")[0]):
            rtype, name = f"{parent.type}/{rtype}", f"{parent.name}/{name}"
        rid = f"{self.engine.target_scope_id(None, None)}/providers/{rtype}/{name}"
        raw = decl.get("dependsOn") if isinstance(decl.get("dependsOn"), list) else []
        depends = [d for d in raw if isinstance(d, str) and not d.startswith("[")]
        return rtype, decl.get("apiVersion", ""), name, None, None, None, rid, depends

    def _identity(self, ev: Evaluator, decl: dict, path: list, parent: ResourceInstance | None, rtype: str,
                  name: str, sub: object, group: object) -> tuple[str | None, str]:
        """(scope id of an extension resource or None, full resource id)."""
        scope_id = self._scope(ev, decl, path)
        prefix = scope_id if scope_id is not None else self.engine.target_scope_id(sub, group)
        if parent is not None:
            prefix = parent.scope_id if parent.scope_id is not None else prefix
        try:
            return scope_id, build_id(prefix, rtype, name)
        except ArmError as err:
            raise err.at(path + ["name"]) from None

    def _scope(self, ev: Evaluator, decl: dict, path: list) -> str | None:
        """The id an extension resource is attached to (``scope``), or None."""
        if "scope" not in decl:
            return None
        value = ev.evaluate_value(decl["scope"], path + ["scope"])
        if not isinstance(value, str):
            raise ArmError("The resource 'scope' must be a string.", path=path + ["scope"])
        symbolic = self.by_symbolic.get(value.lower())
        if symbolic:
            return symbolic[0].id
        if value in ("", "/"):
            return ""
        if value.startswith("/"):
            return value.rstrip("/")
        parts = [p for p in value.split("/") if p]
        if len(parts) >= 3 and len(parts) % 2 == 1:
            types = [parts[0]] + parts[1::2]
            names = parts[2::2]
            tenant_level = "/".join(types).lower() == "microsoft.management/managementgroups"
            base = "" if tenant_level else self.engine.target_scope_id(None, None)
            return f"{base}/providers/" + type_and_name_path(
                "/".join(types), "/".join(names))
        raise ArmError(f"The resource scope '{value}' is not a valid resource id.", path=path + ["scope"])


def _string(value: object, what: str, path: list) -> str:
    if not isinstance(value, str):
        raise ArmError(f"The template resource '{what}' must evaluate to a string.", path=path + [what])
    return value
