"""Resource names from the spec's naming patterns, checked against Azure's rules."""

from __future__ import annotations

import re
import string

from armgen.naming import rule_for

TOKENS = frozenset({"kind", "project", "workload", "env", "unique"})
UNIQUE_LENGTH = 6  # {unique}: the start of uniqueString(subscriptionId, project, env), as ARM computes it


def unique_token(subscription_id: str, project: str, env: str) -> str:
    """A deterministic suffix for globally unique names, stable per subscription, project and environment."""
    from armgen.arm.hashing import unique_string

    return unique_string(subscription_id.lower(), project, env)[:UNIQUE_LENGTH]

# resource type -> the {kind} abbreviation (Cloud Adoption Framework style) and whether names are compact
KINDS: dict[str, tuple[str, bool]] = {
    "Microsoft.Resources/resourceGroups": ("rg", False),
    "Microsoft.OperationalInsights/workspaces": ("log", False),
    "Microsoft.Insights/components": ("appi", False),
    "Microsoft.KeyVault/vaults": ("kv", False),
    "Microsoft.Storage/storageAccounts": ("st", True),
    "Microsoft.ContainerRegistry/registries": ("cr", True),
    "Microsoft.ManagedIdentity/userAssignedIdentities": ("id", False),
    "Microsoft.MachineLearningServices/workspaces": ("mlw", False),
    "Microsoft.Sql/servers": ("sql", False),
    "Microsoft.Network/virtualNetworks": ("vnet", False),
    "Microsoft.Network/networkSecurityGroups": ("nsg", False),
    "Microsoft.Insights/privateLinkScopes": ("ampls", False),
}


def unknown_tokens(pattern: str) -> list[str]:
    """Tokens in ``pattern`` that armgen does not know, as written (``<...>`` for a format error)."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return [f"<{exc}>"]
    out = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in TOKENS or spec or conversion:
            out.append(name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""))
    return out


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be filled with armgen's tokens (None when it can)."""
    try:
        list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return (f"'{pattern}' is not a valid pattern ({exc}); write tokens as {{kind}} {{project}} "
                "{workload} {env} {unique}")
    bad = unknown_tokens(pattern)
    if bad:
        return f"unknown token {{{bad[0]}}}; use {{kind}} {{project}} {{workload}} {{env}} {{unique}}"
    return None


def fill(pattern: str, **tokens: str) -> str:
    """Substitute tokens; compact patterns also lose characters their type forbids."""
    return pattern.format_map({t: tokens.get(t, "") for t in TOKENS})


def compact(name: str, resource_type: str) -> str:
    """Lowercase and strip characters a compact-named type does not allow (storage, registries)."""
    rule = rule_for(resource_type)
    if rule and rule.pattern == r"[a-z0-9]+":
        return re.sub(r"[^a-z0-9]", "", name.lower())
    return re.sub(r"[^A-Za-z0-9]", "", name)
