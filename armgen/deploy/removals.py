"""What armgen manages that the spec no longer has: resources a unit dropped, units the plan dropped.

The record is the environment's deployment stacks (``armgen.deploy.stacks``): a unit's stack lists what it
manages; what-if says what its template would deploy now; the difference is a removal. A stack whose unit
the spec no longer has is an orphan: all it manages is a removal. Resources in armgen's groups that no
stack manages were created outside armgen: they are reported and never deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from armgen.deploy.plan import Plan, Step
from armgen.deploy.stacks import ENV_TAG, UNIT_TAG, StackOps, list_scope
from armgen.deploy.target import Target
from armgen.deploy.whatif import UnitWhatIf
from armgen.deploy.whatif_format import ResourceChange
from armgen.privatelink import made_by_azure
from armgen.render.units import RESOURCE_GROUP, SUBSCRIPTION, Unit

# deletion order of units (orphans, destroy): what depends on others first; private endpoints before the
# resources, zones and subnets they use, the virtual network after everything in it (Azure refuses to delete a
# subnet an endpoint or a cluster still uses: InUseSubnetCannotBeDeleted)
ORDER = ("privateendpoint", "roleassignments", "batchendpoint", "datastore", "computecluster", "mlworkspace",
         "managedidentity", "containerregistry", "storageaccount", "keyvault", "appinsights", "loganalytics",
         "privatednszone", "virtualnetwork", "roledefinition", "resourcegroups")
WORKSPACE = "microsoft.machinelearningservices/workspaces"


def rank(unit: str) -> int:
    kind = unit.split("-", 1)[0]
    return ORDER.index(kind) if kind in ORDER else -1


def is_group(resource_id: str) -> bool:
    return "/providers/" not in resource_id.lower()


@dataclass(frozen=True)
class Removal:
    unit: str  # the unit the resource came from
    resource_id: str
    orphan: bool  # the whole unit is gone from the spec

    def line(self, action: str) -> str:
        why = "its unit is no longer in the spec" if self.orphan else "no longer in the unit's template"
        return f"{action:<7} {self.resource_id}  ({self.unit}: {why})"


@dataclass
class Survey:
    removals: list[Removal] = field(default_factory=list)
    orphans: list[tuple[str, Any, str | None]] = field(default_factory=list)  # (unit, stack, group or None)
    foreign: list[str] = field(default_factory=list)  # in armgen's groups, managed by no stack: kept
    kept_groups: list[str] = field(default_factory=list)  # removed groups that hold foreign resources
    undetermined: list[str] = field(default_factory=list)  # units whose what-if could not evaluate everything

    def units_with_removals(self) -> set[str]:
        return {r.unit for r in self.removals if not r.orphan}


def list_scopes(target: Target, plan: Plan, pool: Any) -> dict[str | None, list]:
    """Every stack of the plan's scopes (None: the subscription), one list call per scope that exists.

    The subscription's resource groups are listed first (with the subscription's stacks): a group that
    is not there yet holds no stack, so a first deploy sends two reads here, not one per group.
    """
    from azure.core.exceptions import HttpResponseError

    groups = sorted({s.unit.resource_group for s in plan.steps if s.unit.resource_group})
    at_subscription = any(s.at_subscription for s in plan.steps)
    subscription = pool.submit(list_scope, target, None) if at_subscription else None
    try:
        existing = {g.name.lower() for g in target.resources.resource_groups.list()} if groups else set()
    except HttpResponseError:  # not allowed to list groups: list every one
        existing = {g.lower() for g in groups}
    there = [g for g in groups if g.lower() in existing]
    listed: dict[str | None, list] = {None: subscription.result()} if subscription else {}
    listed.update(zip(there, pool.map(lambda g: list_scope(target, g), there), strict=True))
    return {**listed, **{g: [] for g in groups if g not in listed}}


def _group_name(resource_id: str) -> str:
    return resource_id.strip("/").split("/")[3]


def survey(target: Target, plan: Plan, listed: dict[str | None, list], results: list[UnitWhatIf],
           all_units: set[str]) -> Survey:
    """Removals of the units what-if evaluated, orphans of the listed scopes, foreign resources."""
    out = Survey()
    env = plan.env.name
    stacks = {s.name.lower(): s for found in listed.values() for s in found}
    for r in results:  # resources a unit no longer declares
        stack = stacks.get(r.step.deployment.lower())
        if r.error or r.predicted or stack is None:
            continue
        if any(c.change_type == "Unsupported" for c in r.changes):  # never delete on a guess
            out.undetermined.append(r.step.name)
            continue
        declared = {c.resource_id.lower() for c in r.changes if c.change_type not in ("Ignore", "Delete")}
        out.removals += [Removal(r.step.name, i, False) for i in stack.managed if i.lower() not in declared]
    extra: dict[str, list] = {}
    if None in listed:  # the subscription was listed: groups armgen manages that the plan no longer has
        known = {g.lower() for g in plan.env.resource_groups}
        for stack in listed[None]:
            if stack.tag(ENV_TAG) == env and stack.tag(UNIT_TAG) == "resourcegroups":
                for gid in stack.managed:
                    if is_group(gid) and _group_name(gid).lower() not in known:
                        extra[_group_name(gid)] = list_scope(target, _group_name(gid))
    for scope, found in [*listed.items(), *extra.items()]:
        for stack in found:
            unit = stack.tag(UNIT_TAG)
            if stack.tag(ENV_TAG) == env and unit and unit not in all_units:
                out.orphans.append((unit, stack, scope))
                out.removals += [Removal(unit, i, True) for i in stack.managed]
    out.orphans.sort(key=lambda o: rank(o[0]))
    gone_groups = {_group_name(r.resource_id) for r in out.removals if is_group(r.resource_id)}
    for group in sorted(gone_groups):
        held = {i.lower() for s in extra.get(group, listed.get(group, [])) for i in s.managed}
        strays = [r.id for r in _resources(target, group)
                  if r.id.lower() not in held and not made_by_azure(r.id.lower(), held)]
        if strays:
            out.kept_groups.append(group)
            out.foreign += strays
    for r in results:  # what-if's Ignore in a group: neither this unit's nor, if no stack has it, armgen's
        if r.step.at_subscription or r.error:
            continue
        held = {i.lower() for s in listed.get(r.step.unit.resource_group, []) for i in s.managed}
        out.foreign += [c.resource_id for c in r.changes if c.change_type == "Ignore"
                        and c.resource_id.lower() not in held and not made_by_azure(c.resource_id.lower(), held)
                        and c.resource_id not in out.foreign]
    return out


def _resources(target: Target, group: str) -> list:
    from azure.core.exceptions import HttpResponseError

    try:
        return list(target.resources.resources.list_by_resource_group(group))
    except HttpResponseError:
        return []


def with_deletes(results: list[UnitWhatIf], found: Survey, plan: Plan) -> list[UnitWhatIf]:
    """What-if results with each removal as a Delete under its unit (orphan units appended)."""
    by_unit: dict[str, list[Removal]] = {}
    for r in found.removals:
        by_unit.setdefault(r.unit, []).append(r)
    out = []
    for r in results:
        extra = [ResourceChange(x.resource_id, "Delete") for x in by_unit.pop(r.step.name, [])]
        out.append(UnitWhatIf(r.step, [c for c in r.changes if c.change_type != "Delete"] + extra, r.error,
                              r.predicted) if extra else r)
    for unit, stack, scope in found.orphans:
        if unit in by_unit:
            step = Step(Unit(unit, unit.split("-", 1)[0], SUBSCRIPTION if scope is None else RESOURCE_GROUP,
                             scope or "", {}), plan.env.name, stack.name, {}, {}, 99)
            out.append(UnitWhatIf(step, [ResourceChange(x.resource_id, "Delete") for x in by_unit.pop(unit)]))
    return out


def remove_orphans(target: Target, found: Survey, action: str) -> list[str]:
    """Delete (or detach) every orphan unit's stack and what it manages, dependents first."""
    from armgen.catalog import api
    from armgen.create_only import type_of
    from armgen.deploy.preflight import send_and_wait

    lines = []
    groups = "detach" if found.kept_groups else action
    for unit, stack, scope in found.orphans:
        StackOps(target, stack.name, scope).delete(action, groups)
        if action == "delete":
            for rid in stack.managed:  # a deleted workspace keeps its name for 14 days: free it
                if type_of(rid).lower() == WORKSPACE:
                    version = api("Microsoft.MachineLearningServices/workspaces")
                    send_and_wait(target, "DELETE", f"{rid}?api-version={version}&forceToPurge=true")
        lines.append(f"{'deleted' if action == 'delete' else 'detached'} unit {unit} ({len(stack.managed)} "
                     "resource(s))")
    return lines
