"""Names Azure keeps unique beyond a resource group: globally (storage accounts, key vaults, registries), per
region (batch endpoints), per tenant (custom roles); they must differ across environments and instances."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from armgen.errors import SourceError
from armgen.jsonmarks import path_text
from armgen.naming import rule_for
from armgen.spec.model import Environment
from armgen.spec.yaml_loader import mark_of

ST, CR, KV = "Microsoft.Storage/storageAccounts", "Microsoft.ContainerRegistry/registries", "Microsoft.KeyVault/vaults"


def _where(doc: Any, explicit: list[str], pattern_key: str) -> list[str]:
    node = doc
    for step in explicit:
        if not isinstance(node, dict) or step not in node:
            return ["naming", pattern_key]
        node = node[step]
    return explicit


def _global_names(doc: Any, env: Environment) -> Iterator[tuple[str, str, str, list[str]]]:
    """(resource type, owner in the spec, name, path the name comes from) of each globally named resource."""
    for key, account in env.shared.storage.items():
        yield ST, f"shared.storage.{key}", account.name, _where(doc, ["shared", "storage", key, "name"], "compact")
    for key, registry in env.shared.registries.items():
        yield CR, f"shared.registries.{key}", registry.name, _where(doc, ["shared", "registries", key, "name"],
                                                                      "compact")
    yield KV, "shared.keyVault", env.shared.key_vault_name, _where(doc, ["shared", "keyVault", "name"], "pattern")


def global_name_clashes(file: str, built: list[tuple[Any, Environment]]) -> list[SourceError]:
    """An error for each globally unique name that another environment or instance already uses."""
    first: dict[tuple[str, str], tuple[str, str]] = {}  # (type, name) -> (environment, owner)
    errors: list[SourceError] = []
    for doc, env in built:
        for rtype, owner, name, where in _global_names(doc, env):
            other_env, other_owner = first.setdefault((rtype.lower(), name.lower()), (env.name, owner))
            if (other_env, other_owner) == (env.name, owner):
                continue
            rule = rule_for(rtype)
            label = rule.kind if rule else rtype
            whose = "its name" if other_owner == owner else f"the name of {other_owner}"
            token = "{env}" if other_owner == owner else "{workload}"
            line, col = mark_of(doc, where)
            errors.append(SourceError(file, line, col, path_text(where),
                                      f"{label} name '{name}' (environment {env.name}) is also {whose} in "
                                      f"environment {other_env}; {label} names are globally unique: put {token} "
                                      "in the pattern or name"))
    return errors


def role_name_clashes(file: str, built: list[tuple[Any, Environment]]) -> list[SourceError]:
    """Two environments with the same custom role name share one role definition (its id is
    guid(roleName, subscription)) in the same subscription, and a custom role's name is unique in the tenant
    everywhere else: either way destroying one environment would break the other."""
    first: dict[str, str] = {}
    errors: list[SourceError] = []
    for doc, env in built:
        name = env.shared.model_developer.role_name
        other = first.setdefault(name.lower(), env.name)
        if other == env.name:
            continue
        where = ["shared", "roles", "modelDeveloper", "roleName"]
        line, col = mark_of(doc, where)
        errors.append(SourceError(file, line, col, path_text(where),
                                  f"custom role name '{name}' (environment {env.name}) is also the role name of "
                                  f"environment {other}; role names are unique per tenant: put {{env}} in roleName"))
    return errors


def _endpoint_where(doc: Any, ws_index: int, j: int) -> list:
    """Where batch endpoint ``j`` of workspace ``ws_index`` is named: its endpointName, else its item."""
    item = ["workspaces", ws_index, "batchEndpoints", j]
    node = doc["workspaces"][ws_index]["batchEndpoints"][j]
    return [*item, "endpointName"] if isinstance(node, dict) else item


def endpoint_name_clashes(file: str, built: list[tuple[Any, Environment]]) -> list[SourceError]:
    """Batch endpoint names are unique per Azure region: two endpoints of the spec (in one workspace, in two,
    or in two environments in the same region) cannot share one."""
    first: dict[tuple[str, str], tuple[str, list]] = {}  # (region, name) -> (environment, path)
    errors: list[SourceError] = []
    for doc, env in built:
        for ws in env.workspaces:
            for j, name in enumerate(ws.batch_endpoints):
                where = _endpoint_where(doc, ws.index, j)
                other_env, other = first.setdefault((env.location.lower(), name.lower()), (env.name, where))
                if (other_env, other) == (env.name, where):
                    continue
                in_env = "" if other_env == env.name else f" in environment {other_env}"
                line, col = mark_of(doc, where)
                errors.append(SourceError(file, line, col, path_text(where),
                                          f"batch endpoint name '{name}' (environment {env.name}) is also the name "
                                          f"of {path_text(other)}{in_env}, in region {env.location}; batch endpoint "
                                          "names are unique per region: change endpointName (e.g. add {env} or "
                                          "{workload})"))
    return errors
