"""The functional checks of ``armgen verify``, each adding results to a CheckReport."""

from __future__ import annotations

import time
from typing import Any

from armgen.catalog import BUILTIN_ROLES
from armgen.check_report import CheckReport
from armgen.live.fetch import get_resource, poll
from armgen.live.state import LiveState
from armgen.spec.model import Environment
from armgen.verify.compare import is_missing, lookup, same, show
from armgen.verify.expected import KEY_PROPERTIES, ML, Expected

ASSIGNMENT = "microsoft.authorization/roleassignments"
DEFINITION = "microsoft.authorization/roledefinitions"
USER_IDENTITIES = "identity.userAssignedIdentities"


def property_problems(expected: Expected, actual: dict, paths: tuple[str, ...]) -> list[str]:
    """Each key property whose deployed value differs from the value armgen sent."""
    problems = []
    for path in paths:
        want = lookup(expected.body, path)
        if is_missing(want) or want is None:
            continue
        have = lookup(actual, path)
        if path == USER_IDENTITIES:
            have_keys = {k.lower() for k in have} if isinstance(have, dict) else set()
            lost = sorted(k for k in want if k.lower() not in have_keys)
            if lost:
                problems.append(f"{path} lacks {', '.join(lost)}")
        elif is_missing(have) or not same(want, have):
            problems.append(f"{path} is {show(have)}, expected {show(want)}")
    return problems


def _role_label(role_definition_id: str, env: Environment, custom_id: str) -> str:
    guid = role_definition_id.rstrip("/").rsplit("/", 1)[-1].lower()
    names = {v: k for k, v in BUILTIN_ROLES.items()}
    if guid in names:
        return names[guid]
    if role_definition_id.lower() == custom_id.lower() or guid == custom_id.rsplit("/", 1)[-1].lower():
        return env.shared.model_developer.role_name
    return f"role {guid}"


def _assignment_label(expected: Expected, env: Environment, state: LiveState, custom_id: str) -> str:
    props = expected.body.get("properties") or {}
    principal = str(props.get("principalId", ""))
    shared = env.shared
    identity_id = (f"/subscriptions/{env.subscription_id}/resourceGroups/{shared.resource_group}/providers/"
                   f"Microsoft.ManagedIdentity/userAssignedIdentities/{shared.identity_name}")
    identity = state.body(identity_id) or {}
    if principal and principal.lower() == str((identity.get("properties") or {}).get("principalId", "")).lower():
        who = f"identity {shared.identity_name}"
    else:
        who = f"principal {principal}"
    scope = expected.id.lower().split("/providers/microsoft.authorization/roleassignments/")[0]
    where = scope.rsplit("/", 1)[-1]
    return f"{_role_label(str(props.get('roleDefinitionId', '')), env, custom_id)} for {who} on {where}"


def check_resources(report: CheckReport, env: Environment, expected: list[Expected], state: LiveState,
                    timeout: float, custom_role_id: str) -> None:
    """Every expected resource exists with its key properties; role assignments are polled for
    (all of them within one ``timeout``, so many missing ones do not add up)."""
    deadline = time.monotonic() + timeout
    for item in expected:
        rtype = item.type.lower()
        if rtype == DEFINITION:
            continue  # compared in full by check_definition
        group, label, paths = KEY_PROPERTIES.get(rtype, ("resources", item.type, ()))
        if rtype == ASSIGNMENT:
            name = _assignment_label(item, env, state, custom_role_id)

            def attempt(item: Expected = item, paths: tuple[str, ...] = paths) -> tuple[bool, list[str] | None]:
                found = get_resource(state.target, item.id)
                if found is None:
                    return False, None
                problems = property_problems(item, found, paths)
                return not problems, problems

            _, problems = poll(attempt, max(0.0, deadline - time.monotonic()))
        else:
            name = f"{label} {item.name}"
            found = state.body(item.id)
            problems = None if found is None else property_problems(item, found, paths)
        if problems is None:
            report.add(group, name, False, f"not found: {item.id}")
        else:
            checked = [p for p in paths if not is_missing(lookup(item.body, p))]
            report.add(group, name, not problems,
                       "; ".join(problems) if problems else (f"checked {', '.join(checked)}" if checked else ""))


def _shared_id(env: Environment, rtype: str, name: str) -> str:
    return (f"/subscriptions/{env.subscription_id}/resourceGroups/{env.shared.resource_group}/providers/"
            f"{rtype}/{name}")


def check_workspace_links(report: CheckReport, env: Environment, state: LiveState) -> None:
    """Each workspace is bound to the shared storage, key vault, app insights and healthy registry."""
    s = env.shared
    links = {
        "storageAccount": _shared_id(env, "Microsoft.Storage/storageAccounts", s.storage["workspace"].name),
        "keyVault": _shared_id(env, "Microsoft.KeyVault/vaults", s.key_vault_name),
        "applicationInsights": _shared_id(env, "Microsoft.Insights/components", s.app_insights_name),
        "containerRegistry": _shared_id(env, "Microsoft.ContainerRegistry/registries", s.registries["healthy"].name),
    }
    for ws in env.workspaces:
        rid = f"/subscriptions/{env.subscription_id}/resourceGroups/{ws.resource_group}/providers/{ML}/{ws.name}"
        name = f"workspace {ws.name} is bound to the shared storage, key vault, app insights and healthy registry"
        body = state.body(rid)
        if body is None:
            report.add("workspace-links", name, False, f"workspace not found: {rid}")
            continue
        props = body.get("properties") or {}
        problems = [f"{key} is {props.get(key) or 'absent'}, expected {want}"
                    for key, want in links.items() if str(props.get(key) or "").lower() != want.lower()]
        report.add("workspace-links", name, not problems, "; ".join(problems))


def check_datastore_placement(report: CheckReport, env: Environment, target: Any) -> None:
    """No datastore of datastore_config.json is registered on a workspace it does not prescribe."""
    known = sorted({d.name for ws in env.workspaces for d in ws.datastores})
    for ws in env.workspaces:
        own = {d.name for d in ws.datastores}
        others = [n for n in known if n not in own]
        base = f"/subscriptions/{env.subscription_id}/resourceGroups/{ws.resource_group}/providers/{ML}/{ws.name}"
        stray = [n for n in others if get_resource(target, f"{base}/datastores/{n}") is not None]
        name = f"workspace {ws.name} has only its prescribed datastores ({', '.join(sorted(own)) or 'none'})"
        report.add("datastores", name, not stray,
                   f"registered but not prescribed for {ws.key} in datastore_config.json: {', '.join(stray)}"
                   if stray else (f"absent as prescribed: {', '.join(others)}" if others else ""))
