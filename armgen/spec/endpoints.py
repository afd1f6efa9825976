"""The private endpoints an environment needs: one per private-link resource, one sub-resource each."""

from __future__ import annotations

from dataclasses import dataclass

from armgen import privatelink as pl
from armgen.spec.model import Shared, Workspace

# addresses an endpoint of a groupId takes (one per name it serves); the default is one. The Azure Monitor
# endpoint serves 6 global/regional names, 3 per Log Analytics workspace (armgen scopes one) and the solution packs.
IP_COUNTS = {"registry": 2, "amlworkspace": 3, "azuremonitor": 10}
MONITOR_SCOPE_UNIT = "privatelinkscope"


@dataclass(frozen=True)
class PlannedEndpoint:
    """The endpoints of one target resource (one per groupId), deployed as one unit."""

    key: str  # the target's unit name: storageaccount-workspace, keyvault, mlworkspace-vision ...
    target_type: str
    target_name: str
    target_group: str
    group_ids: tuple[str, ...]
    workspace: str | None = None  # work package key for workspace endpoints

    @property
    def ip_count(self) -> int:
        """Addresses the endpoints take in their subnet (a registry also serves its regional data endpoint,
        a workspace its API, certificate and notebook names)."""
        return sum(IP_COUNTS.get(g, 1) for g in self.group_ids)

    def zone_names(self) -> list[str]:
        """Every zone (public-cloud name) the endpoints need, in order."""
        return [z for g in self.group_ids for z in pl.zones_for_group(g)]


def sql_endpoint(ws: Workspace) -> PlannedEndpoint | None:
    """The endpoint of the workspace's SQL server (groupId sqlServer), when the workspace has one."""
    if ws.sql is None:
        return None
    return PlannedEndpoint(f"sqldatabase-{ws.key}", pl.SQL_SERVER, ws.sql.server_name, ws.resource_group,
                           ("sqlServer",), ws.key)


def planned_endpoints(shared: Shared, workspaces: list[Workspace], monitor_scope: str = "") -> list[PlannedEndpoint]:
    """Workspace storage: blob and file; data storage: blob (and dfs with a hierarchical namespace, file with
    file shares); the vault; both registries; the Azure Monitor Private Link Scope ``monitor_scope`` when there
    is one; every workspace, and its SQL server when it has one."""
    rg = shared.resource_group
    out = []
    for st in shared.storage.values():
        groups: tuple[str, ...] = ("blob", "file")
        if st.key != "workspace":
            groups = ("blob", *(("dfs",) if st.hierarchical_namespace else ()),
                      *(("file",) if st.file_shares else ()))
        out.append(PlannedEndpoint(f"storageaccount-{st.key}", pl.STORAGE, st.name, rg, groups))
    out.append(PlannedEndpoint("keyvault", pl.VAULT, shared.key_vault_name, rg, ("vault",)))
    for cr in shared.registries.values():
        out.append(PlannedEndpoint(f"containerregistry-{cr.key}", pl.REGISTRY, cr.name, rg, ("registry",)))
    if monitor_scope:
        out.append(PlannedEndpoint(MONITOR_SCOPE_UNIT, pl.MONITOR_SCOPE, monitor_scope, rg, ("azuremonitor",)))
    for ws in workspaces:
        out.append(PlannedEndpoint(f"mlworkspace-{ws.key}", pl.WORKSPACE, ws.name, ws.resource_group,
                                   ("amlworkspace",), ws.key))
        sql = sql_endpoint(ws)
        if sql is not None:
            out.append(sql)
    return out
