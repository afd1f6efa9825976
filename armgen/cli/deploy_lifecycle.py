"""deploy's decisions about what Azure cannot change in place and what the spec no longer has."""

from __future__ import annotations

import sys

import click
from rich.console import Console

from armgen.deploy import recreate as rec
from armgen.deploy import removals
from armgen.deploy.plan import Plan, Step
from armgen.deploy.runner import Runner
from armgen.deploy.stacks import Lifecycle
from armgen.deploy.target import Target
from armgen.deploy.whatif import UnitWhatIf
from armgen.errors import ArmgenError, InputError


def _confirm(question: str, refusal: str) -> None:
    if not sys.stdin.isatty():
        raise InputError(refusal)
    if not click.confirm(question, err=True):
        raise InputError("deploy cancelled; nothing was changed")


def check_removals(found: removals.Survey, plan: Plan, prune: bool, yes: bool, confirmed: bool,
                   console: Console) -> str | None:
    """The action for the removals (delete/detach), or a refusal saying how; None when there are none."""
    if not found.removals:
        return None
    env = plan.env
    action = "delete" if prune else env.lifecycle.removals
    if action is None:
        for r in found.removals:
            console.print(r.line("remove"), markup=False, highlight=False, soft_wrap=True)
        raise ArmgenError(f"{len(found.removals)} resource(s) armgen manages are no longer in the spec (listed "
                          f"above); nothing was sent. Re-run with --prune to delete them, or set "
                          f"environments.{env.name}.lifecycle.removals: detach to keep them unmanaged")
    if action == "delete" and env.lifecycle.locks != "none":
        raise ArmgenError(f"{len(found.removals)} resource(s) to delete, but the groups of {env.name} are locked "
                          f"(lifecycle.locks: {env.lifecycle.locks}) and Azure refuses deletes under a lock "
                          "(ScopeLocked); nothing was sent. Detach them (lifecycle.removals: detach), or remove "
                          "the locks, prune, and lock again")
    if env.production and not confirmed and not (yes and prune):  # production: --yes alone removes nothing
        listing = "; ".join(r.resource_id.rsplit("/", 1)[-1] for r in found.removals)
        _confirm(f"{action.capitalize()} {listing} in production environment {env.name}?",
                 f"{env.name} is a production environment: removing {len(found.removals)} resource(s) needs "
                 "a confirmation: run interactively, or deploy the approved what-if that lists them "
                 "(--approved-what-if FILE)")
    for r in found.removals:
        console.print(r.line(action), markup=False, highlight=False, soft_wrap=True)
    for group in found.kept_groups:
        console.print(f"kept    resource group {group}: it holds resources armgen did not create (detached, "
                      "not deleted)", markup=False, highlight=False, soft_wrap=True)
    return action


def apply_removals(target: Target, runner: Runner, found: removals.Survey, action: str | None) -> list[str]:
    """Orphan units go first; each unit that dropped resources deploys with the action for them."""
    if action is None:
        return []
    lines = removals.remove_orphans(target, found, action)
    groups = "detach" if found.kept_groups else action
    for unit in found.units_with_removals():
        runner.lifecycle[unit] = Lifecycle(resources=action, groups=groups)
        runner.force.add(unit)
    return lines


def check_recreates(results: list[UnitWhatIf], changed: list[Step], plan: Plan, recreate: tuple[str, ...],
                    compute: bool, yes: bool) -> list[rec.Recreate]:
    """Refuse create-only changes before anything is sent; confirm those --recreate names."""
    names = {s.name for s in changed}
    found = [r for r in rec.found_in(results) if r.unit in names]
    allowed = set(recreate) | ({r.unit for r in found if r.unit.startswith("computecluster-")} if compute else set())
    chosen = rec.refuse_unless(found, allowed, plan.env.name)
    if chosen and not yes:
        listing = "; ".join(r.describe() for r in chosen)
        _confirm(f"Delete and re-create {listing} in {plan.env.name}?",
                 f"re-creating {listing} deletes them first: run interactively or pass --yes")
    return chosen


def apply_recreates(target: Target, plan: Plan, runner: Runner, chosen: list[rec.Recreate]) -> list[str]:
    lines = rec.delete_for_recreate(target, plan, chosen) if chosen else []
    for unit in {r.unit for r in chosen}:
        runner.force |= {unit, *plan.dependents(unit)}
    return lines
