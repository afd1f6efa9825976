"""Evaluate a template with one parameter file through the ARM engine (offline placeholders).

The result maps every evaluated resource body back to its declaration's JSON path (nested
inline templates included), so rules can judge evaluated values and report template lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from armgen.arm import ArmError, DeploymentContext, RecordingState, TemplateEngine
from armgen.arm.context import DEFAULT_TENANT
from armgen.arm.parameters import requires_value
from armgen.jsonmarks import JsonPath
from armgen.rulebase.context import RuleContext

if TYPE_CHECKING:
    from armgen.spec import Spec
    from armgen.spec.model import Environment

SUBSCRIPTION_SCHEMA = re.compile(r"/subscriptionDeploymentTemplate\.json", re.I)
VALIDATE_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
SECRET_PLACEHOLDER = "keyvaultsecretplaceholder"


@dataclass
class Evaluation:
    """Evaluated bodies by declaration path, instance count, and the engine error that stopped it."""

    bodies: dict[JsonPath, list[dict]] = field(default_factory=dict)
    ids: list[tuple[JsonPath, str]] = field(default_factory=list)  # every deployable instance's full id
    instances: int = 0
    error: ArmError | None = None
    complete: bool = False


@dataclass
class SpecTargets:
    """The spec the validated files were rendered from: each unit's target, by (environment, parameter file name).

    Made from a loaded spec, or from its path with :meth:`at`: then loaded on first use, or with :meth:`load`."""

    spec: Spec | None = None
    path: Path | None = None

    @classmethod
    def at(cls, path: Path) -> SpecTargets:
        return cls(None, path)

    def load(self, schema_checked: bool = True) -> Spec:
        """The spec, loaded now if it was not (SourceError, exit 2, when it does not load; see ``load_spec``
        for ``schema_checked``)."""
        if self.spec is None:
            from armgen.spec import load_spec

            self.spec = load_spec(self.path, schema_checked=schema_checked)
        return self.spec

    @cached_property
    def units(self) -> dict[tuple[str, str], tuple[str, str, str | None, str, str]]:
        """(subscription, tenant, group, location, deployment name) of every unit, computed once per run."""
        from armgen.render.units import deployment_name, units_for

        return {(env, unit.parameter_file(env)): (environment.subscription_id,
                                                  environment.tenant_id or DEFAULT_TENANT, unit.resource_group,
                                                  environment.location, deployment_name(env, unit.name))
                for env, environment in self.load().environments.items() for unit in units_for(environment)}

    def target(self, env: str, parameters_file: str) -> tuple[str, str, str | None, str, str] | None:
        """The target of the unit whose rendered parameter file has this name (None for other files)."""
        return self.units.get((env, Path(parameters_file).name))

    def environment(self, env: str) -> Environment | None:
        return self.load().environments.get(env)


def deployment_context(template: dict, env: str | None, parameters_file: str | None = None,
                       spec: SpecTargets | None = None) -> DeploymentContext:
    """The deployment's target: the spec's environment and the unit's group when the parameter file is one
    of ``spec``'s units (by name), else an offline placeholder."""
    at_subscription = bool(SUBSCRIPTION_SCHEMA.search(str(template.get("$schema", ""))))
    real = spec.target(env, parameters_file) if spec and parameters_file and env else None
    if real is not None:
        subscription, tenant, group, location, deployment = real
        if at_subscription:
            return DeploymentContext(subscription_id=subscription, tenant_id=tenant, resource_group=None,
                                     scope="subscription", location=location, deployment_name=deployment)
        return DeploymentContext(subscription_id=subscription, tenant_id=tenant, resource_group=group,
                                 location=location, deployment_name=deployment, resource_group_location=location)
    name = f"armgen-validate-{env}" if env else "armgen-validate"
    if at_subscription:
        return DeploymentContext(subscription_id=VALIDATE_SUBSCRIPTION, resource_group=None, scope="subscription",
                                 deployment_name=name)
    return DeploymentContext(subscription_id=VALIDATE_SUBSCRIPTION, resource_group=f"rg-{name}",
                             deployment_name=name, resource_group_location="westeurope")


def parameter_values(ctx: RuleContext) -> dict[str, object] | None:
    """Plain values for the engine; None when a required parameter has no value (nothing to evaluate)."""
    declared = {k.lower(): v for k, v in ctx.section("parameters").items() if isinstance(v, dict)}
    values: dict[str, object] = {}
    for name, entry in ctx.supplied_parameters.items():
        if "value" in entry:
            values[name] = entry["value"]
        elif "reference" in entry:
            ptype = str(declared.get(name.lower(), {}).get("type", "")).lower()
            values[name] = {} if ptype in ("object", "secureobject") else SECRET_PLACEHOLDER
    supplied = {k.lower() for k in values}
    definitions = ctx.section("definitions")
    if any(requires_value(d, definitions) for k, d in declared.items() if k not in supplied):
        return None
    return values


def evaluate(ctx: RuleContext) -> Evaluation | None:
    """The pairing's evaluation (cached), or None when the template cannot be evaluated offline."""
    return ctx.memo("evaluation", lambda: _evaluate(ctx), shared=False)


def _evaluate(ctx: RuleContext) -> Evaluation | None:
    if not isinstance(ctx.template_doc.data, dict):
        return None
    values = parameter_values(ctx)
    if values is None:
        return None
    result = Evaluation()
    state = RecordingState()
    try:
        parameters_file = ctx.parameters_doc.file if ctx.parameters_doc is not None else None
        context = deployment_context(ctx.template, ctx.env, parameters_file, ctx.spec)
        engine = TemplateEngine(ctx.template, values, context, state=state)
        _expand(engine, state, (), result)
        engine.outputs(state)  # as expand and ARM evaluate them
        result.complete = True
    except ArmError as e:
        result.error = e
    except RecursionError:
        result.error = ArmError("The template nests too deeply to evaluate.")
    except Exception as e:  # an engine bug must not hide the other findings; report it once
        result.error = ArmError(f"armgen could not evaluate this template ({type(e).__name__}: {e}); please "
                                "report it", code="EngineError")
    return result


def _expand(engine: TemplateEngine, state: RecordingState, prefix: JsonPath, result: Evaluation) -> None:
    try:
        deployable = [i for i in engine.instances if i.deployable]
        result.instances += len(deployable)
        result.ids.extend(((*prefix, *i.path), i.id) for i in deployable)
        layers = engine.layers()
    except ArmError as e:
        raise e.at(list(prefix)) from None
    for layer in layers:
        for inst in layer:
            path = (*prefix, *inst.path)
            try:
                body = engine.evaluate_resource(inst, state)
            except ArmError as e:
                raise e.at(list(prefix)) from None
            state.record(inst.id, body)
            result.bodies.setdefault(path, []).append(body)
            props = inst.declaration.get("properties")
            if inst.is_nested_deployment and isinstance(props, dict) and isinstance(props.get("template"), dict):
                try:
                    nested = engine.nested_engine(inst, state)
                except ArmError as e:
                    raise e.at(list(prefix)) from None
                _expand(nested, state, (*path, "properties", "template"), result)
                try:
                    state.record_outputs(inst.id, nested.outputs(state))
                except ArmError as e:
                    raise e.at([*prefix, *inst.path, "properties", "template"]) from None


def spec_environment(ctx: RuleContext) -> Environment | None:
    """The spec environment a parameter file is for (None without a parameter file, an environment or a spec)."""
    if ctx.parameters_doc is None or not ctx.env or ctx.spec is None:
        return None
    return ctx.spec.environment(ctx.env)
