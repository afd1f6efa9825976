"""What-if of every unit of a plan through ARM, run in parallel; groups not created yet are predicted."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from armgen import create_only
from armgen.deploy.failures import ArmFailure, failure_from
from armgen.deploy.plan import Plan, Step
from armgen.deploy.target import Target
from armgen.deploy.whatif_format import PropertyChange, ResourceChange, from_sdk


@dataclass
class UnitWhatIf:
    step: Step
    changes: list[ResourceChange] = field(default_factory=list)
    error: ArmFailure | None = None
    predicted: bool = False  # the group does not exist yet: changes come from the offline expansion


def _group_exists(target: Target, name: str) -> bool:
    return bool(target.resources.resource_groups.check_existence(name))


def _predict(step: Step, target: Target, location: str) -> list[ResourceChange]:
    """Everything in a unit whose resource group does not exist yet is a Create."""
    from armgen.arm import DeploymentContext, expand
    from armgen.arm.parameters import file_values

    ctx = DeploymentContext(subscription_id=target.subscription_id, resource_group=step.unit.resource_group,
                            location=location,
                            deployment_name=step.deployment, scope="resourceGroup")
    params = file_values(step.parameters)
    expanded = expand(step.template, params, ctx)
    return [ResourceChange(r["id"], "Create", r.get("apiVersion", "")) for r in expanded.as_dict()["resources"]]


def _leaves(props: list[PropertyChange]) -> list[tuple[str, object, object]]:
    return [(p.path, p.before, p.after) for p in props if p.change_type in ("Modify", "Create", "Delete")]


def mark_recreates(changes: list[ResourceChange]) -> list[ResourceChange]:
    """Flag each Modify that changes a property Azure cannot change after creation (armgen/create_only.json)."""
    for c in changes:
        if c.change_type in ("Modify", "Deploy"):
            c.recreate = create_only.changed_paths(create_only.type_of(c.resource_id), _leaves(c.delta))
    return changes


def what_if_step(target: Target, step: Step, mode: str, location: str) -> UnitWhatIf:
    ops = target.deployments.deployments
    body = {"properties": {"mode": mode, "template": step.template, "parameters": step.parameters}}
    try:
        if step.at_subscription:
            poller = ops.begin_what_if_at_subscription_scope(step.deployment, {**body, "location": location})
        elif not _group_exists(target, step.unit.resource_group):
            return UnitWhatIf(step, _predict(step, target, location), predicted=True)
        else:
            poller = ops.begin_what_if(step.unit.resource_group, step.deployment, body)
        return UnitWhatIf(step, mark_recreates(from_sdk(poller.result())))
    except Exception as exc:  # reported per unit
        return UnitWhatIf(step, error=failure_from(exc))


def what_if(target: Target, plan: Plan, mode: str = "Incremental", parallel: int = 4) -> list[UnitWhatIf]:
    """What-if results per unit, in plan order."""
    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        futures = [pool.submit(what_if_step, target, s, mode, plan.env.location) for s in plan.steps]
        return [f.result() for f in futures]
