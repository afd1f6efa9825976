"""A custom role that reads secrets is refused when the spec loads, unless ``secretAccess`` says why."""

from __future__ import annotations

from typing import Any

from armgen.errors import SourceError
from armgen.jsonmarks import path_text
from armgen.rbac.operations import SECRET_READS
from armgen.rbac.permissions import Permission, evaluate
from armgen.spec.model import CustomRole, Environment
from armgen.spec.yaml_loader import mark_of

ROLE = ["shared", "roles", "modelDeveloper"]


def ungranted_secret_reads(role: CustomRole) -> list[tuple[str, list[str]]]:
    """Secret-reading operations the role grants without a ``secretAccess`` reason: (operation, granting actions)."""
    perms = Permission.of(role.actions, role.not_actions, role.data_actions, role.not_data_actions)
    reasons = {op.lower() for op in role.secret_access}
    out = []
    for op in SECRET_READS:
        decision = evaluate(perms, op)
        if decision.allowed and op.lower() not in reasons:
            out.append((op, decision.granted_by))
    return out


def _where(doc: Any, grants: list[str]) -> list[Any]:
    """The path of the first ``actions`` entry that grants, or of the role itself (default actions)."""
    node = doc
    for step in [*ROLE, "actions"]:
        node = node.get(step) if isinstance(node, dict) else None
    if not isinstance(node, list):
        return ROLE
    index = next((i for i, entry in enumerate(node) if entry in grants), None)
    return [*ROLE, "actions"] + ([] if index is None else [index])


def secret_read_errors(file: str, built: list[tuple[Any, Environment]]) -> list[SourceError]:
    """One located error per granting entry: the secret-reading operations it grants without a reason."""
    errors: list[SourceError] = []
    for doc, env in built:
        by_entry: dict[tuple, list[str]] = {}
        for op, grants in ungranted_secret_reads(env.shared.model_developer):
            by_entry.setdefault(tuple(_where(doc, grants)), []).append(op)
        for where, ops in by_entry.items():
            line, col = mark_of(doc, list(where))
            shown = ", ".join(ops[:3]) + (f" (+{len(ops) - 3} more)" if len(ops) > 3 else "")
            errors.append(SourceError(
                file, line, col, path_text(list(where)),
                f"the model-developer role grants secret-reading operations (environment {env.name}); "
                f"{shown}; deny them with notActions, or list each under secretAccess with a reason"))
    return errors
