"""TemplateEngine: one template + parameters + context -> instances, layers, bodies, outputs."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from armgen import limits
from armgen.arm.ast import Node
from armgen.arm.checks import check_template
from armgen.arm.context import DeploymentContext
from armgen.arm.copy import expand_copy_array
from armgen.arm.dependencies import (
    DependencyIndex,
    reference_targets,
    resolve_dependencies,
    topological_layers,
)
from armgen.arm.errors import ArmError
from armgen.arm.evaluator import Evaluator
from armgen.arm.instances import InstanceBuilder, ResourceInstance
from armgen.arm.linked import TemplateLoader
from armgen.arm.nested import evaluation_scope
from armgen.arm.parameters import ParameterResolver
from armgen.arm.scope_view import EngineScope, FunctionScope
from armgen.arm.state import PlaceholderState, StateProvider
from armgen.arm.udf import UserFunctions
from armgen.arm.values import find_key

CONTROL_KEYS = {"condition", "copy", "dependson", "resources", "comments", "existing", "scope",
                "subscriptionid", "resourcegroup", "metadata"}


class TemplateEngine:
    """Evaluates one template in one deployment context (see ENGINE-CONTRACT.md)."""

    def __init__(self, template: dict, parameters: dict | None, context: DeploymentContext, *,
                 parent: TemplateEngine | None = None, outer: bool = False, parent_frames: dict | None = None,
                 target: DeploymentContext | None = None, state: StateProvider | None = None,
                 now: datetime | None = None, loader: TemplateLoader | None = None, depth: int | None = None) -> None:
        if not isinstance(template, dict):
            raise ArmError("The template must be a JSON object.")
        if not outer:
            check_template(template)
        self.depth = depth if depth is not None else (parent.depth + (0 if outer else 1)) if parent else 0
        if self.depth > limits.NESTED_DEPTH:
            raise ArmError(f"The template nests deployments more than {limits.NESTED_DEPTH} levels deep (a linked "
                           "template that links to itself?).", code="InvalidTemplate")
        self.template = template
        self.context = context
        self.loader = loader if loader is not None else (parent.loader if parent else None)
        self.target = target or context
        self.parent = parent
        self.outer = outer
        self.parent_frames = dict(parent_frames or {})
        self.default_state: StateProvider = state or PlaceholderState()
        self.now = now or (parent.now if parent else datetime.now(UTC).replace(microsecond=0))
        self.symbolic = str(template.get("languageVersion", "")).startswith("2")
        self._variables: dict[tuple[int, str], object] = {}
        self._local = threading.local()  # per-thread variable resolution stack (the emulator evaluates in parallel)
        self._instances: list[ResourceInstance] | None = None
        self._index: DependencyIndex | None = None
        self.instances_ready = False
        self._lock = threading.RLock()  # instances are built once, whichever thread asks first
        self.functions = parent.functions if outer and parent else UserFunctions(self, template.get("functions"))
        declared = {} if outer else template.get("parameters", {}) or {}
        self.params = ParameterResolver(declared, dict(parameters or {}), self._evaluate_default,
                                        template.get("definitions"))
        if not outer:
            self.params.resolve_all()

    # -- evaluation plumbing ------------------------------------------------------------------
    def evaluator(self, state: StateProvider | None = None, frames: dict | None = None, *,
                  allow_reference: bool = True, allow_runtime: bool = False,
                  allow_variables: bool = True) -> Evaluator:
        if self.outer and self.parent is not None:
            scope_engine = self.parent
            merged = {**self.parent_frames, **(frames or {})}
        else:
            scope_engine, merged = self, dict(frames or {})
        scope = EngineScope(scope_engine, state or self.default_state, allow_runtime=allow_runtime,
                            allow_reference=allow_reference, allow_variables=allow_variables)
        if scope_engine is not self:
            scope.engine = _OuterView(scope_engine, self)
        ev = Evaluator(scope)
        ev.copy_indices = merged
        return ev

    def _evaluate_default(self, value: object, path: list) -> object:
        ev = self.evaluator(allow_reference=False, allow_runtime=True, allow_variables=False)
        return ev.evaluate_value(value, path)

    def parameter(self, name: str) -> object:
        if self.outer and self.parent is not None:
            return self.parent.parameter(name)
        return self.params.get(name)

    def variable(self, name: str, state: StateProvider | None = None) -> object:
        if self.outer and self.parent is not None:
            return self.parent.variable(name, state)
        variables = self.template.get("variables", {}) or {}
        key = find_key(variables, name)
        copies = variables.get("copy") if isinstance(variables.get("copy"), list) else []
        copy_spec = next((c for c in copies if isinstance(c, dict) and str(c.get("name", "")).lower()
                          == name.lower()), None)
        if (key is None or key == "copy") and copy_spec is None:
            raise ArmError(f"The template variable '{name}' is not found. Please see "
                           f"https://aka.ms/arm-syntax-variables for usage details.")
        cache_key = (id(state) if self.symbolic else 0, name.lower())
        if cache_key in self._variables:
            return self._variables[cache_key]
        resolving = self._resolving_vars
        if name.lower() in resolving:
            chain = " -> ".join(resolving + [name])
            raise ArmError(f"The template variable '{name}' refers to itself: {chain}.", path=["variables", name])
        resolving.append(name.lower())
        try:
            ev = self.evaluator(state, allow_reference=self.symbolic)
            if copy_spec is not None and (key is None or key == "copy"):
                value = expand_copy_array(ev, copy_spec, ["variables", "copy", copies.index(copy_spec)])
            else:
                value = ev.evaluate_value(variables[key], ["variables", key])
        finally:
            resolving.pop()
        self._variables[cache_key] = value
        return value

    @property
    def _resolving_vars(self) -> list[str]:
        stack = getattr(self._local, "variables", None)
        if stack is None:
            stack = self._local.variables = []
        return stack

    def call_user_function(self, name: str, args: list) -> object:
        return self.functions.call(name, args)

    def function_scope(self, namespace: str, name: str, values: dict) -> FunctionScope:
        return FunctionScope(self, namespace, name, values)

    def deployment_info(self) -> dict:
        info: dict = {
            "name": self.context.deployment_name,
            "properties": {
                "template": {"contentVersion": self.template.get("contentVersion", "1.0.0.0")},
                "templateHash": "0", "parameters": {k: {"value": v} for k, v in self.params.values.items()},
                "mode": "Incremental", "provisioningState": "Accepted",
            },
        }
        if self.context.scope != "resourceGroup":
            info["location"] = self.context.location
        return info

    def target_scope_id(self, subscription: object, group: object) -> str:
        """Where resources are created: the target context, or explicit subscriptionId/resourceGroup."""
        sub = subscription if isinstance(subscription, str) and subscription else self.target.subscription_id
        if isinstance(group, str) and group:
            return f"/subscriptions/{sub}/resourceGroups/{group}"
        if isinstance(subscription, str) and subscription:
            return f"/subscriptions/{sub}"
        return self.target.scope_id

    # -- resources -----------------------------------------------------------------------------
    @property
    def instances(self) -> list[ResourceInstance]:
        """Every concrete resource after copy/condition, in template order."""
        if self._instances is None:
            with self._lock:
                if self._instances is None:
                    self._build_instances()
        return self._instances

    def _build_instances(self) -> None:
        builder = InstanceBuilder(self)
        self._local.building = True
        try:
            instances = builder.build(self.template.get("resources", []))
            deployable = sum(1 for i in instances if i.condition and not i.existing)
            if deployable > limits.RESOURCES:
                raise ArmError(f"The template resource count '{deployable}' exceeds the maximum allowed "
                               f"'{limits.RESOURCES}' (copies and conditions counted). Please see "
                               "https://aka.ms/arm-template-limits for usage details.", path=["resources"])
            self._index = DependencyIndex(instances)  # look-ups work from here on, in this thread
            implicit = {id(i): self._implicit_targets(i) for i in instances}
            resolve_dependencies(instances, implicit, builder.declared_loops, self._index)
        except BaseException:
            self._index = None
            raise
        finally:
            self._local.building = False
        self.instances_ready = True
        self._instances = instances  # published complete: other threads never see a half-built list

    def _implicit_targets(self, inst: ResourceInstance) -> set[str]:
        decl = {k: v for k, v in inst.declaration.items() if k.lower() not in CONTROL_KEYS}
        props = decl.get("properties")
        if inst.is_nested_deployment and isinstance(props, dict) and evaluation_scope(inst.declaration) == "inner":
            decl["properties"] = {k: v for k, v in props.items() if k != "template"}
        ev = self.evaluator(frames=inst.copy_indices)

        def evaluate_arg(node: Node) -> object:
            try:
                return ev.evaluate(node)
            except ArmError:
                return None

        return reference_targets(decl, evaluate_arg)

    def find_instances(self, target: str) -> list[ResourceInstance]:
        if self._instances is None and not getattr(self._local, "building", False):
            _ = self.instances
        index = self._index
        return index.resolve(target) if index is not None else []

    def lookup_chain(self) -> list[TemplateEngine]:
        chain: list[TemplateEngine] = [self]
        if self.outer and self.parent is not None:
            chain += self.parent.lookup_chain()
        return chain

    def layers(self) -> list[list[ResourceInstance]]:
        """Condition-true instances in topological layers; ``existing`` ones are included (to be checked
        for existence, never deployed) so that their dependants come after them."""
        return topological_layers(self.instances)

    def evaluate_resource(self, instance: ResourceInstance, state: StateProvider | None = None) -> dict:
        """The evaluated request body; reference()/list*() answered by ``state`` now."""
        ev = self.evaluator(state, frames=instance.copy_indices)
        body: dict = {}
        known = ("type", "name", "apiVersion") if instance.api_version else ("type", "name")
        for key, value in instance.declaration.items():
            lower = key.lower()
            if lower in CONTROL_KEYS:
                continue
            if key in known:  # evaluated by the instance builder already (set below, in this place)
                body[key] = None
                continue
            if lower == "properties" and instance.is_nested_deployment and isinstance(value, dict):
                body[key] = {k: (v if k == "template" else ev.evaluate_value(v, instance.path + [key, k]))
                             for k, v in value.items()}
                continue
            body[key] = ev.evaluate_value(value, instance.path + [key])
        body["type"], body["name"] = instance.type, instance.name
        if instance.api_version:
            body["apiVersion"] = instance.api_version
        return body

    def nested_engine(self, instance: ResourceInstance, state: StateProvider | None = None) -> TemplateEngine:
        from armgen.arm.nested import nested_engine

        return nested_engine(self, instance, state or self.default_state)

    # -- outputs -------------------------------------------------------------------------------
    def outputs(self, state: StateProvider | None = None) -> dict[str, dict]:
        from armgen.arm.outputs import evaluate_outputs

        return evaluate_outputs(self, state or self.default_state)


class _OuterView:
    """Evaluation scope of an outer-scope nested template: the parent's names plus own resources."""

    def __init__(self, parent: TemplateEngine, child: TemplateEngine) -> None:
        self._parent, self._child = parent, child
        self.context, self.now = parent.context, parent.now

    def __getattr__(self, name: str):
        return getattr(self._parent, name)

    @property
    def instances_ready(self) -> bool:
        return self._child.instances_ready or self._parent.instances_ready

    def lookup_chain(self) -> list[TemplateEngine]:
        return [self._child] + self._parent.lookup_chain()
