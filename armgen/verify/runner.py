"""``armgen verify``: every functional check of one deployed environment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from armgen.check_report import CheckReport
from armgen.deploy.plan import Plan
from armgen.live.state import LiveState
from armgen.verify.checks import check_datastore_placement, check_resources, check_workspace_links
from armgen.verify.data_todo import data_layer_todo
from armgen.verify.expected import expected_resources
from armgen.verify.network import check_network


def verify_environment(plan: Plan, target: Any, timeout: float = 60.0, *, custom_role_id: str,
                       check_role: Callable[[CheckReport], object]) -> CheckReport:
    """Check ``plan.env`` as deployed on ``target`` against what its rendered units deploy.

    ``timeout``: how long to wait for role assignments to show (Azure replicates them with a delay).
    The custom role is the roles package's: the caller passes its id (``custom_role_id``, to name it in
    assignment labels) and ``check_role``, which adds the check of the deployed role definition.
    """
    env = plan.env
    report = CheckReport(f"armgen verify {env.name}")
    state = LiveState(target)
    expected, errors = expected_resources(plan, state)
    for e in errors:
        report.add("templates", f"unit {e.unit} evaluates", False, e.message)
    check_resources(report, env, expected, state, timeout, custom_role_id)
    check_workspace_links(report, env, state)
    check_datastore_placement(report, env, target)
    check_network(report, env, state)
    check_role(report)
    report.todo += data_layer_todo(env, state)
    return report
