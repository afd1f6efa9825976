"""Azure naming rules per resource type: one table shared by the spec loader, validate and the emulator."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class NameRule:
    """Length and character rules of one resource type's name."""

    kind: str
    min_len: int
    max_len: int
    pattern: str
    chars: str
    scope: str  # "global", "resource group", "parent", "subscription", "tenant"

    def problems(self, name: str) -> list[str]:
        """What is wrong with ``name`` (empty when it is valid)."""
        out: list[str] = []
        if not self.min_len <= len(name) <= self.max_len:
            out.append(f"is {len(name)} characters; {self.kind} names must be {self.min_len}-{self.max_len}")
        if not re.fullmatch(self.pattern, name):
            out.append(f"{self.kind} names allow {self.chars}")
        return out


_ALNUM_HYPHEN = r"[A-Za-z0-9][-A-Za-z0-9]*"

RULES: dict[str, NameRule] = {
    rule_type.lower(): rule
    for rule_type, rule in {
        "Microsoft.Storage/storageAccounts": NameRule(
            "storage account", 3, 24, r"[a-z0-9]+", "only lowercase letters and digits", "global"),
        "Microsoft.Storage/storageAccounts/blobServices/containers": NameRule(
            "blob container", 3, 63, r"[a-z0-9](?!.*--)[-a-z0-9]*[a-z0-9]",
            "lowercase letters, digits and single hyphens, starting and ending with a letter or digit",
            "parent"),
        "Microsoft.KeyVault/vaults": NameRule(
            "key vault", 3, 24, r"[A-Za-z](?!.*--)[-A-Za-z0-9]*[A-Za-z0-9]",
            "letters, digits and single hyphens, starting with a letter and ending with a letter or digit",
            "global"),
        "Microsoft.ContainerRegistry/registries": NameRule(
            "container registry", 5, 50, r"[A-Za-z0-9]+", "only letters and digits", "global"),
        "Microsoft.MachineLearningServices/workspaces": NameRule(
            "ML workspace", 3, 33, r"[A-Za-z0-9][-\w]*", "letters, digits, hyphens and underscores, "
            "starting with a letter or digit", "resource group"),
        "Microsoft.MachineLearningServices/workspaces/computes": NameRule(
            "compute cluster", 3, 32, r"[A-Za-z](?:[-A-Za-z0-9]*[A-Za-z0-9])?",
            "letters, digits and hyphens, starting with a letter and ending with a letter or digit", "parent"),
        "Microsoft.MachineLearningServices/workspaces/datastores": NameRule(
            "datastore", 1, 255, r"[a-z0-9_]+", "only lowercase letters, digits and underscores", "parent"),
        "Microsoft.MachineLearningServices/workspaces/batchEndpoints": NameRule(
            "batch endpoint", 3, 32, r"[A-Za-z](?:[-A-Za-z0-9]*[A-Za-z0-9])?",
            "letters, digits and hyphens, starting with a letter and ending with a letter or digit",
            "region"),
        "Microsoft.ManagedIdentity/userAssignedIdentities": NameRule(
            "user-assigned identity", 3, 128, r"[A-Za-z0-9][-\w]*", "letters, digits, hyphens and "
            "underscores, starting with a letter or digit", "resource group"),
        "Microsoft.OperationalInsights/workspaces": NameRule(
            "Log Analytics workspace", 4, 63, r"[A-Za-z0-9](?:[-A-Za-z0-9]*[A-Za-z0-9])?",
            "letters, digits and hyphens, starting and ending with a letter or digit", "resource group"),
        "Microsoft.Insights/components": NameRule(
            "Application Insights", 1, 260, r"[^%&\\?/]+", "any characters but % & \\ ? /",
            "resource group"),
        "Microsoft.Sql/servers": NameRule(
            "SQL server", 1, 63, r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?",
            "lowercase letters, digits and hyphens, not starting or ending with a hyphen", "dns"),
        "Microsoft.Sql/servers/databases": NameRule(
            "SQL database", 1, 128, r"[^<>*%&:\\/?]*[^<>*%&:\\/?. ]", "any characters but < > * % & : \\ / ?, "
            "not ending with a period or space", "parent"),
        "Microsoft.Network/virtualNetworks": NameRule(
            "virtual network", 2, 64, r"[A-Za-z0-9][-\w.]*\w", "letters, digits, underscores, periods and "
            "hyphens, starting with a letter or digit and ending with a letter, digit or underscore",
            "resource group"),
        "Microsoft.Network/networkSecurityGroups": NameRule(
            "network security group", 1, 80, r"[A-Za-z0-9](?:[-\w.]*\w)?", "letters, digits, underscores, "
            "periods and hyphens, starting with a letter or digit and ending with a letter, digit or underscore",
            "resource group"),
        "Microsoft.Network/privateEndpoints": NameRule(
            "private endpoint", 2, 64, r"[A-Za-z0-9][-\w.]*\w", "letters, digits, underscores, periods and "
            "hyphens, starting with a letter or digit and ending with a letter, digit or underscore",
            "resource group"),
        "Microsoft.Insights/privateLinkScopes": NameRule(
            "Azure Monitor private link scope", 1, 255, r"[-\w.]+", "letters, digits, underscores, periods and "
            "hyphens", "resource group"),
        "Microsoft.Resources/resourceGroups": NameRule(
            "resource group", 1, 90, r"[-\w.()]*[-\w()]", "letters, digits, underscores, hyphens, periods "
            "and parentheses, not ending with a period", "subscription"),
        "Microsoft.Resources/deployments": NameRule(
            "deployment", 1, 64, r"[-\w.()]+", "letters, digits, underscores, hyphens, periods and parentheses",
            "scope"),
    }.items()
}

GLOBAL_TYPES = frozenset(t for t, r in RULES.items() if r.scope == "global")


def rule_for(resource_type: str) -> NameRule | None:
    """The naming rule of a resource type (case-insensitive), if armgen knows one."""
    return RULES.get(resource_type.lower())


def check_name(resource_type: str, name: str) -> list[str]:
    """Problems of ``name`` as the name of ``resource_type`` (empty when valid or unknown type)."""
    rule = rule_for(resource_type)
    return rule.problems(name) if rule else []
