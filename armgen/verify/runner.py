"""``armgen verify``: every functional check of one deployed environment."""

from __future__ import annotations

from typing import Any

from armgen.deploy.plan import Plan
from armgen.roles.deployed import check_definition, role_definition_id
from armgen.verify.checks import check_datastore_placement, check_resources, check_workspace_links
from armgen.verify.expected import expected_resources
from armgen.verify.network import check_network
from armgen.verify.report import CheckReport
from armgen.verify.state import LiveState


def verify_environment(plan: Plan, target: Any, timeout: float = 60.0) -> CheckReport:
    """Check ``plan.env`` as deployed on ``target`` against what its rendered units deploy.

    ``timeout``: how long to wait for role assignments to show (Azure replicates them with a delay).
    """
    env = plan.env
    report = CheckReport(f"armgen verify {env.name}")
    state = LiveState(target)
    expected, errors = expected_resources(plan, state)
    for e in errors:
        report.add("templates", f"unit {e.unit} evaluates", False, e.message)
    check_resources(report, env, expected, state, timeout, role_definition_id(env))
    check_workspace_links(report, env, state)
    check_datastore_placement(report, env, target)
    check_network(report, env, state)
    check_definition(report, "role-definition", env, target)
    return report
