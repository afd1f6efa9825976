"""Fixed facts of Azure Private Link that armgen relies on: sub-resources (groupIds) per resource type,
the private DNS zone each one needs, and the names its endpoint serves.

Zone names are Azure's documented values ("Azure Private Endpoint private DNS zone values",
https://learn.microsoft.com/azure/private-link/private-endpoint-dns) for the public cloud; the names an Azure
Monitor Private Link Scope's endpoint serves are those of "Configure private link for Azure Monitor"
(https://learn.microsoft.com/azure/azure-monitor/logs/private-link-configure). The
templates build them with ``environment()`` where ARM offers a suffix (storage, Key Vault, registry);
``ZONE_EXPRESSIONS`` holds those expressions, keyed like ``ZONES``.
"""

from __future__ import annotations

STORAGE = "Microsoft.Storage/storageAccounts"
VAULT = "Microsoft.KeyVault/vaults"
REGISTRY = "Microsoft.ContainerRegistry/registries"
WORKSPACE = "Microsoft.MachineLearningServices/workspaces"
SQL_SERVER = "Microsoft.Sql/servers"
MONITOR_SCOPE = "Microsoft.Insights/privateLinkScopes"
LOG_ANALYTICS = "Microsoft.OperationalInsights/workspaces"
APP_INSIGHTS = "Microsoft.Insights/components"
# what an Azure Monitor Private Link Scope takes as scoped resources (armgen scopes the first two)
SCOPABLE = (LOG_ANALYTICS, APP_INSIGHTS, "Microsoft.Insights/dataCollectionEndpoints")
# a private DNS zone group holds at most this many zones (the Azure Monitor endpoint needs all five)
MAX_ZONES_PER_GROUP = 5

# target resource type -> the groupIds (private-link sub-resources) it offers
GROUP_IDS: dict[str, tuple[str, ...]] = {
    STORAGE: ("blob", "blob_secondary", "file", "dfs", "dfs_secondary", "queue", "queue_secondary", "table",
              "table_secondary", "web", "web_secondary"),
    VAULT: ("vault",),
    REGISTRY: ("registry",),
    WORKSPACE: ("amlworkspace",),
    SQL_SERVER: ("sqlServer",),
    MONITOR_SCOPE: ("azuremonitor",),
}

# zone key -> zone name in the public cloud (the key is what parameter files and the spec tables use)
ZONES: dict[str, str] = {
    "blob": "privatelink.blob.core.windows.net",
    "file": "privatelink.file.core.windows.net",
    "dfs": "privatelink.dfs.core.windows.net",
    "vault": "privatelink.vaultcore.azure.net",
    "registry": "privatelink.azurecr.io",
    "azureml": "privatelink.api.azureml.ms",
    "notebooks": "privatelink.notebooks.azure.net",
    "sql": "privatelink.database.windows.net",
    "monitor": "privatelink.monitor.azure.com",
    "oms": "privatelink.oms.opinsights.azure.com",
    "ods": "privatelink.ods.opinsights.azure.com",
    "agentsvc": "privatelink.agentsvc.azure-automation.net",
}

# groupId -> the zone keys its endpoint needs records in (a workspace needs two zones)
GROUP_ZONES: dict[str, tuple[str, ...]] = {
    "blob": ("blob",), "file": ("file",), "dfs": ("dfs",), "vault": ("vault",), "registry": ("registry",),
    "amlworkspace": ("azureml", "notebooks"), "sqlServer": ("sql",),
    "azuremonitor": ("monitor", "oms", "ods", "agentsvc", "blob"),
}

# zone key -> the ARM expression of its name: environment() where ARM offers the suffix
ZONE_EXPRESSIONS: dict[str, str] = {
    "blob": "[format('privatelink.blob.{0}', environment().suffixes.storage)]",
    "file": "[format('privatelink.file.{0}', environment().suffixes.storage)]",
    "dfs": "[format('privatelink.dfs.{0}', environment().suffixes.storage)]",
    "vault": "[format('privatelink{0}', replace(environment().suffixes.keyvaultDns, '.vault.', '.vaultcore.'))]",
    "registry": "[format('privatelink{0}', environment().suffixes.acrLoginServer)]",
    "azureml": "privatelink.api.azureml.ms",
    "notebooks": "privatelink.notebooks.azure.net",
    "sql": "[format('privatelink{0}', environment().suffixes.sqlServerHostname)]",
    "monitor": "privatelink.monitor.azure.com",
    "oms": "privatelink.oms.opinsights.azure.com",
    "ods": "privatelink.ods.opinsights.azure.com",
    "agentsvc": "privatelink.agentsvc.azure-automation.net",
}

# zone name (public cloud) -> the public DNS suffix whose names it overrides
PUBLIC_SUFFIX: dict[str, str] = {
    "privatelink.blob.core.windows.net": "blob.core.windows.net",
    "privatelink.file.core.windows.net": "file.core.windows.net",
    "privatelink.dfs.core.windows.net": "dfs.core.windows.net",
    "privatelink.vaultcore.azure.net": "vault.azure.net",
    "privatelink.azurecr.io": "azurecr.io",
    "privatelink.api.azureml.ms": "api.azureml.ms",
    "privatelink.notebooks.azure.net": "notebooks.azure.net",
    "privatelink.database.windows.net": "database.windows.net",
    "privatelink.monitor.azure.com": "monitor.azure.com",
    "privatelink.oms.opinsights.azure.com": "oms.opinsights.azure.com",
    "privatelink.ods.opinsights.azure.com": "ods.opinsights.azure.com",
    "privatelink.agentsvc.azure-automation.net": "agentsvc.azure-automation.net",
}

# the global Azure Monitor names an azuremonitor endpoint serves (privatelink.monitor.azure.com): Application
# Insights and Log Analytics API, live metrics, profiler, snapshots, global ingestion; plus a regional ingestion
MONITOR_GLOBAL_NAMES = ("api", "global.in.ai", "live", "profiler", "snapshot")
# the agents' solution-pack storage account (privatelink.blob.core.windows.net), one record for all workspaces
MONITOR_SOLUTION_PACKS = "scadvisorcontentpl"

# registries behind a private endpoint (and with public access disabled) need this SKU
PRIVATE_REGISTRY_SKU = "Premium"


def zone_key(zone_name: str) -> str | None:
    """The key of a documented zone name (``privatelink.blob.core.windows.net`` -> ``blob``)."""
    lowered = zone_name.lower()
    return next((k for k, v in ZONES.items() if v == lowered), None)


def group_ids(resource_type: str) -> tuple[str, ...]:
    """The groupIds a resource type offers (case-insensitive type; empty when armgen does not know it)."""
    lowered = resource_type.lower()
    return next((v for k, v in GROUP_IDS.items() if k.lower() == lowered), ())


def zones_for_group(group_id: str) -> tuple[str, ...]:
    """The zone names (public cloud) a groupId's endpoint needs."""
    return tuple(ZONES[k] for k in GROUP_ZONES.get(group_id, ()))


def monitor_fqdns(location: str, workspace_ids: list[str]) -> list[str]:
    """The names an azuremonitor endpoint serves: the global Azure Monitor names, the regional ingestion, each
    scoped Log Analytics workspace's OMS, ODS and agent service names (by workspace id), the solution packs."""
    loc = location.replace(" ", "").lower()
    names = [f"{n}.monitor.azure.com" for n in MONITOR_GLOBAL_NAMES] + [f"{loc}.in.ai.monitor.azure.com"]
    for ws in workspace_ids:
        names += [f"{ws}.oms.opinsights.azure.com", f"{ws}.ods.opinsights.azure.com",
                  f"{ws}.agentsvc.azure-automation.net"]
    return [*names, f"{MONITOR_SOLUTION_PACKS}.blob.core.windows.net"]


def endpoint_fqdns(resource_type: str, name: str, group_id: str, location: str, workspace_id: str = "") -> list[str]:
    """The public names an endpoint of ``group_id`` on resource ``name`` serves (what its A records map)."""
    n, loc = name.lower(), location.replace(" ", "").lower()
    if group_id in ("blob", "file", "dfs", "queue", "table", "web"):
        return [f"{n}.{group_id}.core.windows.net"]
    if group_id == "vault":
        return [f"{n}.vault.azure.net"]
    if group_id == "registry":
        return [f"{n}.azurecr.io", f"{n}.{loc}.data.azurecr.io"]
    if group_id == "amlworkspace":
        ws = workspace_id or n
        return [f"{ws}.workspace.{loc}.api.azureml.ms", f"{ws}.workspace.{loc}.cert.api.azureml.ms",
                f"ml-{n}-{loc}-{ws}.{loc}.notebooks.azure.net"]
    if group_id == "sqlServer":
        return [f"{n}.database.windows.net"]
    return []


def made_by_azure(resource_id: str, declared: set[str]) -> bool:
    """What Azure creates for a declared resource (lower-case ids): the A records a private endpoint's DNS zone
    group writes into a declared zone, and an endpoint's network interface (``<endpoint>-nic``). Neither is
    an unmanaged resource (drift) nor one made by hand (removals)."""
    zone, sep, _ = resource_id.partition("/a/")
    if sep and "/providers/microsoft.network/privatednszones/" in zone and zone in declared:
        return True
    group, sep, nic = resource_id.partition("/providers/microsoft.network/networkinterfaces/")
    return bool(sep) and nic.endswith("-nic") and \
        f"{group}/providers/microsoft.network/privateendpoints/{nic[:-4]}" in declared
