"""What the network rules share: the environment's network mode and where each type says 'public'."""

from __future__ import annotations

from collections.abc import Iterator

from armgen.rulebase.context import ResourceView, RuleContext, views
from armgen.rulebase.evaluation import spec_environment

# type -> (property path, the value that means "open to the internet")
PUBLIC_SWITCHES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "Microsoft.Storage/storageAccounts": ((("properties", "publicNetworkAccess"), "Enabled"),
                                          (("properties", "networkAcls", "defaultAction"), "Allow")),
    "Microsoft.KeyVault/vaults": ((("properties", "publicNetworkAccess"), "Enabled"),
                                  (("properties", "networkAcls", "defaultAction"), "Allow")),
    "Microsoft.ContainerRegistry/registries": ((("properties", "publicNetworkAccess"), "Enabled"),),
    "Microsoft.MachineLearningServices/workspaces": ((("properties", "publicNetworkAccess"), "Enabled"),),
    "Microsoft.OperationalInsights/workspaces": ((("properties", "publicNetworkAccessForIngestion"), "Enabled"),
                                                 (("properties", "publicNetworkAccessForQuery"), "Enabled")),
    "Microsoft.Insights/components": ((("properties", "publicNetworkAccessForIngestion"), "Enabled"),
                                      (("properties", "publicNetworkAccessForQuery"), "Enabled")),
    "Microsoft.Sql/servers": ((("properties", "publicNetworkAccess"), "Enabled"),),
}


def network_of(ctx: RuleContext):  # (Environment | None)
    """The spec environment of this pairing (None for templates armgen did not render)."""
    return spec_environment(ctx)


def public_switches(ctx: RuleContext) -> Iterator[tuple[ResourceView, tuple[str, ...], str]]:
    """(resource, property path, value) for every property that leaves a resource open (a missing
    publicNetworkAccess counts: Azure's default is Enabled)."""
    for rtype, switches in PUBLIC_SWITCHES.items():
        for view in views(ctx, rtype):
            for keys, open_value in switches:
                value = view.literal(*keys)
                missing = value is None and view.evaluated and keys[-1] != "defaultAction"
                if missing or (isinstance(value, str) and value.lower() == open_value.lower()):
                    yield view, keys, open_value if missing else str(value)
