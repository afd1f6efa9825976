"""Each unit is a deployment stack at its scope: the record, kept in Azure, of what armgen manages.

A stack's tags name the environment and unit (and the fingerprint of what was deployed), its
``properties.resources`` lists what the unit manages; any machine running the release lists the stacks
of a scope with one call and knows what armgen deployed there, without a local state file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from armgen.deploy.plan import Step
from armgen.deploy.target import Target

ENV_TAG, UNIT_TAG, FINGERPRINT_TAG = "armgenEnv", "armgenUnit", "armgenFingerprint"
TERMINAL = {"succeeded", "failed", "canceled"}


@dataclass(frozen=True)
class Lifecycle:
    """How a run treats what a unit no longer declares, and what it protects."""

    resources: str = "detach"  # actionOnUnmanage for resources: delete | detach
    groups: str = "detach"  # ... for resource groups
    deny: dict[str, Any] = field(default_factory=lambda: {"mode": "none"})


def deny_settings(lifecycle: Any) -> dict[str, Any]:
    """The stacks' denySettings from the spec's ``lifecycle`` (deny, excludedPrincipals)."""
    if lifecycle.deny == "none":
        return {"mode": "none"}
    return {"mode": lifecycle.deny, "excludedPrincipals": list(lifecycle.excluded_principals),
            "applyToChildScopes": False}


def state(stack: Any) -> str:
    return ((getattr(getattr(stack, "properties", None), "provisioning_state", None) or "") if stack else "").lower()


def managed(stack: Any) -> list[str]:
    """Ids of the resources a stack manages."""
    refs = getattr(getattr(stack, "properties", None), "resources", None) or []
    return [r.id for r in refs if (getattr(r, "status", "managed") or "managed").lower() == "managed" and r.id]


def tag(stack: Any, name: str) -> str:
    return (getattr(stack, "tags", None) or {}).get(name, "")


def body(step: Step, location: str, lifecycle: Lifecycle, fingerprint: str) -> dict:
    out: dict[str, Any] = {
        "tags": {FINGERPRINT_TAG: fingerprint, UNIT_TAG: step.name, ENV_TAG: step.env},
        "properties": {"template": step.template, "parameters": step.parameters,
                       "description": f"armgen: unit {step.name} of environment {step.env}",
                       "actionOnUnmanage": {"resources": lifecycle.resources, "resourceGroups": lifecycle.groups,
                                            "managementGroups": "detach"},
                       "denySettings": dict(lifecycle.deny)}}
    if step.at_subscription:
        out["location"] = location
    return out


def list_scope(target: Target, group: str | None) -> list[Any]:
    """Every stack of a resource group (or of the subscription), one call; [] when the group is gone."""
    from azure.core.exceptions import HttpResponseError

    ops = target.stacks.deployment_stacks
    try:
        return list(ops.list_at_resource_group(group) if group else ops.list_at_subscription())
    except HttpResponseError:
        return []


class StackOps:
    """The ARM calls of one unit's stack, for either scope."""

    def __init__(self, target: Target, name: str, group: str | None) -> None:
        self.target, self.name, self.group = target, name, group
        self.ops = target.stacks.deployment_stacks

    @classmethod
    def of(cls, target: Target, step: Step) -> StackOps:
        return cls(target, step.deployment, None if step.at_subscription else step.unit.resource_group)

    def get(self) -> Any:
        from azure.core.exceptions import ResourceNotFoundError

        try:
            if self.group is None:
                return self.ops.get_at_subscription(self.name)
            return self.ops.get_at_resource_group(self.group, self.name)
        except ResourceNotFoundError:
            return None

    def put(self, stack_body: dict, polling: Any = True) -> Any:
        """Start the stack's deployment; ``polling``: the SDK's, or an azure-core polling method."""
        if self.group is None:
            return self.ops.begin_create_or_update_at_subscription(self.name, stack_body, polling=polling)
        return self.ops.begin_create_or_update_at_resource_group(self.group, self.name, stack_body, polling=polling)

    def delete(self, resources: str, groups: str) -> None:
        kw = {"unmanage_action_resources": resources, "unmanage_action_resource_groups": groups}
        if self.group is None:
            self.ops.begin_delete_at_subscription(self.name, **kw).result()
        else:
            self.ops.begin_delete_at_resource_group(self.group, self.name, **kw).result()

    def cancel(self) -> None:
        """Cancel the deployment the stack is running."""
        stack = self.get()
        dep = (getattr(stack.properties, "deployment_id", None) or "") if stack else ""
        name = dep.rsplit("/", 1)[-1]
        if not name:
            return
        d = self.target.deployments.deployments
        if self.group is None:
            d.cancel_at_subscription_scope(name)
        else:
            d.cancel(self.group, name)
