"""Offline tests of the custom model-developer role: the spec's expectations and armgen's guardrails."""

from __future__ import annotations

from armgen.check_report import CheckReport
from armgen.rbac.operations import DATA_GUARDRAILS, GUARDRAILS, SECRET_READS, is_data_operation
from armgen.rbac.permissions import Permission, evaluate
from armgen.spec.model import CustomRole

GROUP = "role-expectations"
GUARD_GROUP = "role-guardrails"


def permission_of(role: CustomRole) -> Permission:
    return Permission.of(role.actions, role.not_actions, role.data_actions, role.not_data_actions)


def _plane(data: bool) -> str:
    return "data" if data else "control"


def check_expectations(report: CheckReport, role: CustomRole, permissions: list[Permission] | None = None,
                       source: str = "spec") -> None:
    """Each operation of ``expect.allowed`` must be allowed, each of ``expect.denied`` denied.

    ``permissions`` defaults to the spec's role; pass a deployed definition's entries to test that.
    """
    perms = permissions if permissions is not None else [permission_of(role)]
    for want_allowed, ops in ((True, role.expect_allowed), (False, role.expect_denied)):
        for op in ops:
            data = is_data_operation(op)
            d = evaluate(perms, op, data)
            verb = "allowed" if want_allowed else "denied"
            ok = d.allowed == want_allowed
            outcome = "" if ok else f"expected {verb}, but "
            hint = ""
            if want_allowed and not ok and data and evaluate(perms, op, data=False).allowed:
                hint = " (it is a data action: list it under dataActions, actions grant no data access)"
            report.add(GROUP, f"{source}: {op} is {verb} ({_plane(data)} plane)", ok, outcome + d.explain() + hint)


def check_guardrails(report: CheckReport, role: CustomRole, permissions: list[Permission] | None = None,
                     source: str = "spec") -> None:
    """A developer role must not hand out access, destroy the platform (e.g. ``*``,
    ``Microsoft.Authorization/*/write``) or read secrets: every guardrail operation not explicitly
    expected to be allowed must be denied; a secret-reading one only passes with a ``secretAccess`` reason."""
    perms = permissions if permissions is not None else [permission_of(role)]
    expected = {op.lower() for op in role.expect_allowed}
    reasons = {op.lower(): why for op, why in role.secret_access.items()}
    for data, ops in ((False, GUARDRAILS), (False, SECRET_READS), (True, DATA_GUARDRAILS)):
        for op in ops:
            secret = ops is SECRET_READS
            if not secret and op.lower() in expected:
                continue
            d = evaluate(perms, op, data)
            if d.allowed and secret and op.lower() in reasons:
                report.add(GUARD_GROUP, f"{source}: {op} is granted with a reason ({_plane(data)} plane)", True,
                           f"secretAccess: {reasons[op.lower()]}")
                continue
            why = " (it reads secrets: deny it, or list it under secretAccess with a reason)" if secret else ""
            msg = f"the role grants too much: {op} is {d.explain()}{why}" if d.allowed else d.explain()
            report.add(GUARD_GROUP, f"{source}: {op} is denied ({_plane(data)} plane)", not d.allowed, msg)


def offline_report(env_name: str, role: CustomRole) -> CheckReport:
    """``armgen roles test --offline``: the spec's role against its expectations and the guardrails."""
    report = CheckReport(f"armgen roles test {env_name}")
    check_expectations(report, role)
    check_guardrails(report, role)
    return report
