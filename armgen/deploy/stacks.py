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
STACKS_API = "2025-07-01"  # azure-mgmt-resource-deploymentstacks' default, for a client that does not say


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


@dataclass(frozen=True)
class Stack:
    """A deployment stack as ARM sent it, read for what armgen needs (the SDK's models took a third of the
    CPU of a no-op re-deploy at 100 workspaces, and a third of a unit's)."""

    name: str
    state: str = ""  # provisioningState as ARM wrote it ("": none yet)
    tags: dict[str, str] = field(default_factory=dict)
    managed: tuple[str, ...] = ()  # ids of the resources the stack manages
    deployment_id: str = ""  # the deployment it runs or ran

    @classmethod
    def from_json(cls, doc: Any) -> Stack:
        doc = doc if isinstance(doc, dict) else {}
        props = doc.get("properties") if isinstance(doc.get("properties"), dict) else {}
        refs = props.get("resources") if isinstance(props.get("resources"), list) else []
        tags = doc.get("tags") if isinstance(doc.get("tags"), dict) else {}
        return cls(name=str(doc.get("name") or ""), state=str(props.get("provisioningState") or ""),
                   tags={str(k): str(v) for k, v in tags.items()},
                   managed=tuple(r["id"] for r in refs if isinstance(r, dict) and r.get("id")
                                 and str(r.get("status") or "managed").lower() == "managed"),
                   deployment_id=str(props.get("deploymentId") or ""))

    def tag(self, name: str) -> str:
        return self.tags.get(name, "")


def state(stack: Stack | None) -> str:
    """A stack's provisioning state, lower case ("" for no stack)."""
    return stack.state.lower() if stack else ""


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


def api_version(target: Target) -> str:
    """The api-version the stacks client sends its own requests with (lists then use the same)."""
    return str(target.stacks_setting("api_version", STACKS_API))


def _collection(target: Target, group: str | None) -> str:
    scope = f"/subscriptions/{target.subscription_id}" + (f"/resourceGroups/{group}" if group else "")
    return f"{scope}/providers/Microsoft.Resources/deploymentStacks"


def list_scope(target: Target, group: str | None) -> list[Stack]:
    """Every stack of a resource group (or of the subscription), one call; [] when the group is gone."""
    from azure.core.exceptions import HttpResponseError

    from armgen.deploy.arm_list import list_all

    try:
        found = list_all(target.stacks, f"{_collection(target, group)}?api-version={api_version(target)}")
    except HttpResponseError:
        return []
    return [Stack.from_json(doc) for doc in found]


class StackOps:
    """The ARM calls of one unit's stack, for either scope."""

    def __init__(self, target: Target, name: str, group: str | None) -> None:
        self.target, self.name, self.group = target, name, group
        self.ops = target.stacks.deployment_stacks

    @classmethod
    def of(cls, target: Target, step: Step) -> StackOps:
        return cls(target, step.deployment, None if step.at_subscription else step.unit.resource_group)

    def get(self) -> Stack | None:
        """The stack as ARM has it now (None: there is none)."""
        import json

        from azure.core.exceptions import ResourceNotFoundError

        try:  # stream: the JSON as sent, not the SDK's model
            if self.group is None:
                raw = self.ops.get_at_subscription(self.name, stream=True)
            else:
                raw = self.ops.get_at_resource_group(self.group, self.name, stream=True)
            return Stack.from_json(json.loads(b"".join(raw)))
        except ResourceNotFoundError:
            return None

    def put(self, stack_body: dict, polling: Any) -> Any:
        """Start the stack's deployment; ``polling``: an azure-core polling method (``PollSchedule.method``:
        its poller's result is the stack's JSON)."""
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
        name = stack.deployment_id.rsplit("/", 1)[-1] if stack else ""
        if not name:
            return
        d = self.target.deployments.deployments
        if self.group is None:
            d.cancel_at_subscription_scope(name)
        else:
            d.cancel(self.group, name)
