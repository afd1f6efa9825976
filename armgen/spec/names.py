"""Resource names from the spec's naming patterns, checked against Azure's rules."""

from __future__ import annotations

import re
import string

from armgen.naming import rule_for

TOKENS = frozenset({"kind", "project", "workload", "env"})

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
}


def unknown_tokens(pattern: str) -> list[str]:
    """Tokens in ``pattern`` that armgen does not know (or a format error)."""
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as exc:
        return [f"<{exc}>"]
    return [f for f in fields if f not in TOKENS]


def fill(pattern: str, **tokens: str) -> str:
    """Substitute tokens; compact patterns also lose characters their type forbids."""
    return pattern.format_map({t: tokens.get(t, "") for t in TOKENS})


def compact(name: str, resource_type: str) -> str:
    """Lowercase and strip characters a compact-named type does not allow (storage, registries)."""
    rule = rule_for(resource_type)
    if rule and rule.pattern == r"[a-z0-9]+":
        return re.sub(r"[^a-z0-9]", "", name.lower())
    return re.sub(r"[^A-Za-z0-9]", "", name)
