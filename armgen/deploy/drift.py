"""What a live environment has that the rendered templates do not say (``armgen drift``).

Built on what-if, so the noise filtering is the same (read-only and runtime properties never show):

- changed: a resource whose user-settable properties differ from the template (what-if Modify);
- missing: a resource the templates declare that does not exist (what-if Create);
- unmanaged: a resource in one of armgen's resource groups that no unit declares (what-if Ignore of
  every unit, minus what any unit declares);
- role assignment: an assignment at or below armgen's resource groups that no unit declares.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from armgen.deploy.plan import Plan
from armgen.deploy.target import Target
from armgen.deploy.whatif import UnitWhatIf, what_if
from armgen.deploy.whatif_format import PropertyChange
from armgen.privatelink import made_by_azure

CHANGED, MISSING, UNMANAGED, ROLE_ASSIGNMENT, FAILED = "changed", "missing", "unmanaged", "role-assignment", "failed"
KINDS = {CHANGED: "changed outside armgen", MISSING: "missing (deleted outside armgen?)",
         UNMANAGED: "created outside armgen", ROLE_ASSIGNMENT: "role assignment added outside armgen",
         FAILED: "could not be checked"}
ASSIGNMENTS = "/providers/microsoft.authorization/roleassignments/"
ASSIGNMENT_API = "2022-04-01"


@dataclass(frozen=True)
class Drift:
    kind: str  # CHANGED, MISSING, UNMANAGED, ROLE_ASSIGNMENT or FAILED
    resource_id: str
    unit: str | None = None
    detail: str = ""
    delta: list[PropertyChange] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "resourceId": self.resource_id, "unit": self.unit, "detail": self.detail,
                "properties": [{"path": d.path, "change": d.change_type, "live": d.before, "spec": d.after}
                               for d in self.delta]}


def _delta_text(delta: list[PropertyChange]) -> str:
    return "; ".join(f"{d.path}: {d.before!r} (live) vs {d.after!r} (spec)" if d.change_type == "Modify"
                     else f"{d.path}: {d.change_type}" for d in delta if d.change_type != "NoEffect")


def _declared(results: list[UnitWhatIf]) -> set[str]:
    return {c.resource_id.lower() for r in results for c in r.changes if c.change_type != "Ignore"}


def _assignments_at(target: Target, group_id: str) -> list[dict]:
    """Role assignments at or below a resource group (ARM's list also returns inherited ones)."""
    from armgen.deploy.arm_list import list_all

    url = f"{group_id}/providers/Microsoft.Authorization/roleAssignments?api-version={ASSIGNMENT_API}"
    low = group_id.lower()
    return [a for a in list_all(target.resources, url) if str(a.get("id", "")).lower().startswith(low + "/")]


def find_drift(target: Target, plan: Plan, parallel: int = 16) -> list[Drift]:
    """Every difference between the live environment and the rendered files, in plan order."""
    results = what_if(target, plan, "Incremental", parallel)
    declared = _declared(results)
    out: list[Drift] = []
    unmanaged: dict[str, str] = {}
    for r in results:
        if r.error:
            out.append(Drift(FAILED, r.step.deployment, r.step.name, f"{r.error.code}: {r.error.message}"))
            continue
        if r.predicted:
            out.append(Drift(MISSING, f"/subscriptions/{target.subscription_id}/resourceGroups/"
                                      f"{r.step.unit.resource_group}", r.step.name, "the resource group does not exist"))
            continue
        for c in r.changes:
            if c.change_type == "Modify":  # Deploy only follows from something missing: reported as such
                out.append(Drift(CHANGED, c.resource_id, r.step.name, _delta_text(c.delta), c.delta))
            elif c.change_type == "Create":
                out.append(Drift(MISSING, c.resource_id, r.step.name))
            elif c.change_type == "Ignore" and c.resource_id.lower() not in declared \
                    and not made_by_azure(c.resource_id.lower(), declared):
                unmanaged.setdefault(c.resource_id.lower(), c.resource_id)
    out += [Drift(UNMANAGED, rid) for _, rid in sorted(unmanaged.items())]
    groups = {f"/subscriptions/{target.subscription_id}/resourceGroups/{g}" for g in plan.env.resource_groups}
    existing = {r.step.unit.resource_group.lower() for r in results if not r.predicted and r.step.unit.resource_group}
    for group_id in sorted(groups):
        if group_id.rsplit("/", 1)[-1].lower() not in existing:
            continue
        for a in _assignments_at(target, group_id):
            if a["id"].lower() in declared:
                continue
            props = a.get("properties") or {}
            out.append(Drift(ROLE_ASSIGNMENT, a["id"], None,
                             f"principal {props.get('principalId')} ({props.get('principalType', '?')}), role "
                             f"{str(props.get('roleDefinitionId', '')).rsplit('/', 1)[-1]}"))
    return _dedupe(out)


def _dedupe(items: list[Drift]) -> list[Drift]:
    seen: set[tuple[str, str]] = set()
    out = []
    for d in items:
        key = (d.kind, d.resource_id.lower())
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out
